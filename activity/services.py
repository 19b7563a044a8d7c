"""Writes of the engagement record: activities (with each city's latest kept in `CityEngagement`)
and the hub's "check in" e-mails. Nothing else writes these models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DateTimeField, F, Max, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.l10n import cldr_date
from core.mail import email_queue

from .models import Activity, CheckIn, CheckInRecipient, CityEngagement, Level
from .permissions import can_check_in


@dataclass(frozen=True)
class Entry:
    """An activity to record: `source` is the (content type id, id) of the record it comes from, or None."""

    city_id: int
    kind: str
    at: datetime.datetime
    actor_id: int | None = None
    source: tuple[int, int] | None = None
    label: str = ""
    is_demo: bool = False

    def row(self) -> Activity:
        source_type_id, source_id = self.source or (None, None)
        return Activity(
            city_id=self.city_id,
            kind=self.kind,
            at=self.at,
            actor_id=self.actor_id,
            source_type_id=source_type_id,
            source_id=source_id,
            label=self.label,
            is_demo=self.is_demo,
        )


BATCH = 2000


def activity_record(entries: list[Entry], *, move_on: bool = True) -> int:
    """Record `entries` (one row per source, city and kind: recording again changes nothing) and move
    each city's latest activity on (`move_on=False`: the caller rebuilds them afterwards, as the
    backfill does). Returns how many were given."""
    if not entries:
        return 0
    with transaction.atomic():
        Activity.objects.bulk_create([entry.row() for entry in entries], batch_size=BATCH, ignore_conflicts=True)
        if not move_on:
            return len(entries)
        latest: dict[int, Entry] = {}
        for entry in entries:
            if entry.city_id not in latest or entry.at > latest[entry.city_id].at:
                latest[entry.city_id] = entry
        for city_id, entry in latest.items():
            _move_on(city_id, entry.at, entry.kind)
    return len(entries)


def _move_on(city_id: int, at: datetime.datetime, kind: str) -> None:
    """The city's latest activity becomes (`at`, `kind`) unless it has a later one already."""
    newer = Q(last_activity_at__isnull=True) | Q(last_activity_at__lt=at)
    moment = Value(at, output_field=DateTimeField())
    changes = {
        "last_activity_at": at,
        "last_kind": kind,
        "quiet_since": Greatest(Coalesce("joined_at", moment), moment),
    }
    rows = CityEngagement.objects.filter(city_id=city_id)
    if not rows.filter(newer).update(**changes) and not rows.exists():
        engagement_sync(city_ids=[city_id])  # an authority made without its row (in bulk)
        rows.filter(newer).update(**changes)


def activity_forget(*, source: tuple[int, int], kind: str) -> None:
    """What was recorded from `source` no longer holds (attendance taken back): remove it and work
    the cities' latest activity out again."""
    with transaction.atomic():
        rows = Activity.objects.filter(kind=kind, source_type_id=source[0], source_id=source[1])
        city_ids = list(rows.values_list("city_id", flat=True))
        if city_ids:
            rows.delete()
            engagement_rebuild(city_ids=city_ids)


def engagement_rebuild(*, city_ids=None) -> int:
    """Work each city's latest activity out again from the record (all cities, or `city_ids`)."""
    activities = Activity.objects.all()
    if city_ids is not None:
        city_ids = list(city_ids)
        activities = activities.filter(city_id__in=city_ids)
    latest = dict(activities.order_by().values("city_id").annotate(at=Max("at")).values_list("city_id", "at"))
    ids = list(latest)
    kinds = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = Activity.objects.filter(city_id__in=chunk).order_by("city_id", "-at", "-pk")
        for city_id, at, kind in rows.values_list("city_id", "at", "kind"):
            if city_id not in kinds and at == latest[city_id]:
                kinds[city_id] = kind
    return engagement_sync(city_ids=city_ids, latest={c: (latest[c], kinds.get(c, "")) for c in ids})


def _joined_at(date_joined: datetime.date | None) -> datetime.datetime | None:
    if date_joined is None:
        return None
    return datetime.datetime.combine(date_joined, datetime.time.min, tzinfo=datetime.UTC)


def engagement_sync(*, city_ids=None, latest: dict | None = None) -> int:
    """Write the engagement rows of the authorities (all, or `city_ids`) from what they are now: member or
    not, hub, date joined; with `latest` ({city id: (when, kind)}) their latest activity too (the others
    keep theirs, or none when a whole rebuild says so). Creates the missing rows."""
    from cities.models import City, Stage

    cities = City.objects.order_by("pk")
    kept = CityEngagement.objects.all()
    if city_ids is not None:
        city_ids = list(city_ids)
        cities, kept = cities.filter(pk__in=city_ids), kept.filter(city_id__in=city_ids)
    rebuild_all = latest is not None
    latest = dict(latest or {})
    if not rebuild_all:
        latest = {c: (at, kind) for c, at, kind in kept.values_list("city_id", "last_activity_at", "last_kind")}
    rows = []
    for pk, stage, date_joined, hub_id in cities.values_list("pk", "stage", "date_joined", "country__region__hub__id"):
        at, kind = latest.get(pk, (None, ""))
        joined_at = _joined_at(date_joined)
        moments = [moment for moment in (at, joined_at) if moment is not None]
        rows.append(
            CityEngagement(
                city_id=pk,
                last_activity_at=at,
                last_kind=kind,
                is_member=stage == Stage.MEMBER,
                hub_id=hub_id,
                joined_at=joined_at,
                quiet_since=max(moments) if moments else None,
            )
        )
    fields = ["last_activity_at", "last_kind", "is_member", "hub", "joined_at", "quiet_since"]
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            CityEngagement.objects.bulk_create(
                rows[start : start + BATCH], update_conflicts=True, unique_fields=["city"], update_fields=fields
            )
    return len(rows)


# Levels: worked out when read, since time moves a city from active to dormant without any write.


def dormant_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.ENGAGEMENT_DORMANT_DAYS)


def active_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.ENGAGEMENT_ACTIVE_DAYS)


def level_of(last_activity_at: datetime.datetime | None, date_joined: datetime.date | None = None, *, now=None) -> str:
    """Active: something within ENGAGEMENT_ACTIVE_DAYS. Dormant: nothing within ENGAGEMENT_DORMANT_DAYS
    while a member for at least as long (or since an unknown date). Quiet: in between, and a new
    member that has done nothing yet."""
    now = now or timezone.now()
    if last_activity_at is not None and last_activity_at >= active_cutoff(now):
        return Level.ACTIVE
    cutoff = dormant_cutoff(now)
    recent = last_activity_at is not None and last_activity_at >= cutoff
    new_member = date_joined is not None and date_joined > cutoff.date()
    return Level.QUIET if recent or new_member else Level.DORMANT


def dormant_engagements(now=None):
    """The `level_of(...) == DORMANT` rule on engagement rows: members with nothing since the cutoff
    (neither an activity nor joining), longest silent first; one index (`engagement_dormant`)."""
    cutoff = dormant_cutoff(now)
    return (
        CityEngagement.objects.filter(is_member=True)
        .filter(Q(quiet_since__isnull=True) | Q(quiet_since__lt=cutoff))
        .order_by(F("quiet_since").asc(nulls_first=True), "city_id")
    )


# Check-ins: the hub's one-click e-mail to a quiet authority's focal points


def check_in_interval() -> datetime.timedelta:
    return datetime.timedelta(days=settings.ENGAGEMENT_CHECK_IN_INTERVAL_DAYS)


@dataclass(frozen=True)
class Recipient:
    """Someone a check-in is written to: a focal point's account, or a focal point known only as a
    contact on the authority's profile (`person` None)."""

    name: str
    email: str
    language: str
    person: object | None = None


def spoken_site_language(spoken: str) -> str:
    """The first of the site's languages that a contact's "languages spoken" names (by code, English or
    own name: "Twi, Français" -> "fr"), else the site's default."""
    words = [word.strip().casefold() for word in spoken.replace(";", ",").replace("/", ",").split(",")]
    for word in words:
        for code, _name in settings.LANGUAGES:
            info = translation.get_language_info(code)
            if word in {code, info["name"].casefold(), info["name_local"].casefold()}:
                return code
    return settings.LANGUAGE_CODE


def check_in_recipients(city_ids) -> dict[int, list[Recipient]]:
    """Who a check-in to each authority would go to, in two queries: the focal points' active accounts,
    each in their preferred language; then the focal points known only as contacts with an address no
    account of theirs has, in a language they speak (`spoken_site_language`)."""
    from accounts.models import Role, RoleAssignment
    from cities.models import FocalPoint

    ids = list(city_ids)
    found: dict[int, list[Recipient]] = {}
    accounts = (
        RoleAssignment.objects.active()
        .filter(role=Role.FOCAL_POINT, city_id__in=ids)
        .select_related("user")
        .order_by("city_id", "user_id")
    )
    for a in accounts:
        language = a.user.preferred_language or settings.LANGUAGE_CODE
        found.setdefault(a.city_id, []).append(Recipient(a.user.name, a.user.email, language, person=a.user))
    contacts = FocalPoint.objects.filter(city_id__in=ids).exclude(email="").order_by("city_id", "sort_order", "pk")
    for contact in contacts:
        people = found.setdefault(contact.city_id, [])
        if contact.email.casefold() not in {person.email.casefold() for person in people}:
            people.append(Recipient(contact.name, contact.email, spoken_site_language(contact.languages)))
    return found


@transaction.atomic
def check_in_send(*, city, actor, now: datetime.datetime | None = None) -> CheckIn:
    """E-mail `city`'s focal points a warm "how are you doing" from the city's hub (or the central team),
    each in their preferred language, signed by the hub, with how to reach it and a link to the city's
    self-service page; logged as a `CheckIn`. Refused within ENGAGEMENT_CHECK_IN_INTERVAL_DAYS of the
    last one, and for a city with no focal point account."""
    from cities.models import City

    if not can_check_in(actor, city):
        raise PermissionDenied
    now = now or timezone.now()
    city = City.objects.select_for_update(of=("self",)).select_related("country__region__hub").get(pk=city.pk)
    last = CheckIn.objects.filter(city=city).order_by("-sent_at").first()
    if last is not None and last.sent_at > now - check_in_interval():
        raise ValidationError(
            _(
                "A check-in was already sent to %(city)s on %(date)s. To give them time to answer, "
                "another can be sent from %(next)s."
            )
            % {
                "city": city.display_name,
                "date": cldr_date(last.sent_at),
                "next": cldr_date(last.sent_at + check_in_interval()),
            },
            code="too-soon",
        )
    people = check_in_recipients([city.pk]).get(city.pk, [])
    if not people:
        raise ValidationError(
            _("%(city)s has no focal point to write to. Add one with an e-mail address on the authority's page first.")
            % {"city": city.display_name},
            code="no-focal-point",
        )
    hub = city.hub
    check_in = CheckIn.objects.create(city=city, hub=hub, sent_by=actor, sent_at=now)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for person in people:
        language = person.language
        with translation.override(language):
            page_url = base + reverse("my-city-edit", kwargs={"slug": city.slug})
            help_url = base + reverse("helpdesk:request-ask")
            hub_name = hub.name if hub else _("the Strong Cities Network's Management Unit")
        email_queue(
            "activity/email/check_in",
            {
                "city": city,
                "person": person,
                "hub": hub,
                "hub_name": hub_name,
                "sender": actor,
                "page_url": page_url,
                "help_url": help_url,
            },
            to=[person.email],
            language=language,
        )
        CheckInRecipient.objects.create(check_in=check_in, person=person.person, language=language)
    return check_in
