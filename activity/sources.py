"""Where activities come from: for each kind of record in the other apps, what it says a member
authority did. Each source turns one saved row into entries (`entries`, for the signal receivers of
`signals.py`) and all the existing rows into entries (`existing`, for `backfill.py`): one rule,
used twice, so that what is recorded as it happens is what the backfill finds afterwards.

Profile updates and progress on an event's actions count when done by the authority's own people
(its focal points and practitioners): staff editing a profile or reporting for a city is not the
city being active. Everything else counts whoever recorded it (an endorsement recorded by staff on
the city's behalf is still the city endorsing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Min

from .models import Kind
from .services import Entry

CHUNK = 2000


def _ct(model) -> int:
    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk


def _city_people() -> set[tuple[int, int]]:
    """(user id, city id) of everyone holding a city role."""
    from accounts.models import CITY_ROLES, RoleAssignment

    return set(RoleAssignment.objects.filter(role__in=CITY_ROLES, city__isnull=False).values_list("user_id", "city_id"))


def _acts_for_city(user_id: int | None, city_id: int | None) -> bool:
    from accounts.models import CITY_ROLES, RoleAssignment

    if user_id is None or city_id is None:
        return False
    return RoleAssignment.objects.filter(user_id=user_id, city_id=city_id, role__in=CITY_ROLES).exists()


@dataclass(frozen=True)
class Source:
    model: Callable[[], type]
    entries: Callable[[object], list[Entry]]
    existing: Callable[[], Iterator[Entry]]


# Profile updates: a revision of the authority saved by one of its people (cities.services.city_update_profile)


def _city_ct() -> int:
    from cities.models import City

    return _ct(City)


def _revision_model():
    from wagtail.models import Revision

    return Revision


def _revision_entries(revision) -> list[Entry]:
    if revision.base_content_type_id != _city_ct() or not str(revision.object_id).isdigit():
        return []
    city_id = int(revision.object_id)
    if not _acts_for_city(revision.user_id, city_id):
        return []
    return [_revision_entry(revision.pk, city_id, revision.user_id, revision.created_at)]


def _revision_entry(pk, city_id, user_id, at) -> Entry:
    return Entry(city_id=city_id, kind=Kind.PROFILE, at=at, actor_id=user_id, source=(_ct(_revision_model()), pk))


def _revision_existing() -> Iterator[Entry]:
    people = _city_people()
    rows = (
        _revision_model()
        .objects.filter(base_content_type_id=_city_ct(), user__isnull=False)
        .values_list("pk", "object_id", "user_id", "created_at")
    )
    for pk, object_id, user_id, at in rows.iterator(chunk_size=CHUNK):
        if str(object_id).isdigit() and (user_id, int(object_id)) in people:
            yield _revision_entry(pk, int(object_id), user_id, at)


# Exchanges: a request made, a step taken (accepted, declined, started, completed…) and a message, by a city


def _exchange_event_model():
    from exchanges.models import ExchangeEvent

    return ExchangeEvent


def _exchange_event_entry(pk, city_id, from_state, actor_id, at) -> Entry:
    kind = Kind.EXCHANGE_REQUESTED if not from_state else Kind.EXCHANGE_STEP
    return Entry(city_id=city_id, kind=kind, at=at, actor_id=actor_id, source=(_ct(_exchange_event_model()), pk))


def _exchange_event_entries(event) -> list[Entry]:
    if event.actor_city_id is None:
        return []
    return [_exchange_event_entry(event.pk, event.actor_city_id, event.from_state, event.actor_id, event.created_at)]


def _exchange_event_existing() -> Iterator[Entry]:
    rows = _exchange_event_model().objects.filter(actor_city__isnull=False)
    for values in rows.values_list("pk", "actor_city_id", "from_state", "actor_id", "created_at").iterator(CHUNK):
        yield _exchange_event_entry(*values)


def _message_model():
    from exchanges.models import ExchangeMessage

    return ExchangeMessage


def _message_entry(pk, city_id, actor_id, at) -> Entry:
    return Entry(
        city_id=city_id, kind=Kind.EXCHANGE_MESSAGE, at=at, actor_id=actor_id, source=(_ct(_message_model()), pk)
    )


def _message_entries(message) -> list[Entry]:
    if message.author_city_id is None:
        return []
    return [_message_entry(message.pk, message.author_city_id, message.author_id, message.created_at)]


def _message_existing() -> Iterator[Entry]:
    rows = _message_model().objects.filter(author_city__isnull=False)
    for values in rows.values_list("pk", "author_city_id", "author_id", "created_at").iterator(CHUNK):
        yield _message_entry(*values)


# Help desk: a question asked for the city


def _help_model():
    from helpdesk.models import HelpRequest

    return HelpRequest


def _help_entry(pk, city_id, actor_id, at) -> Entry:
    return Entry(city_id=city_id, kind=Kind.HELP_REQUEST, at=at, actor_id=actor_id, source=(_ct(_help_model()), pk))


def _help_entries(help_request) -> list[Entry]:
    if help_request.city_id is None:
        return []
    return [_help_entry(help_request.pk, help_request.city_id, help_request.asker_id, help_request.created_at)]


def _help_existing() -> Iterator[Entry]:
    rows = _help_model().objects.filter(city__isnull=False)
    for values in rows.values_list("pk", "city_id", "asker_id", "created_at").iterator(CHUNK):
        yield _help_entry(*values)


# Events: a registrant of the city marked as attended (dated by the event's start). Attendance is
# recorded by a `RegistrationEvent` (events.services.attendance_mark); taken back, the activity goes.


def _registration_model():
    from events.models import Registration

    return Registration


def _registration_event_model():
    from events.models import RegistrationEvent

    return RegistrationEvent


def _event_starts(keys) -> dict:
    from events.models import EventPage

    starts = {}
    for key, start in EventPage.objects.filter(translation_key__in=set(keys)).values_list("translation_key", "start"):
        starts.setdefault(key, start)
    return starts


def _attended_entry(pk, city_id, user_id, start) -> Entry:
    return Entry(
        city_id=city_id, kind=Kind.EVENT_ATTENDED, at=start, actor_id=user_id, source=(_ct(_registration_model()), pk)
    )


def attendance_source(registration_id: int) -> tuple[int, int]:
    return (_ct(_registration_model()), registration_id)


def _registration_event_entries(event) -> list[Entry]:
    registration = (
        _registration_model()
        .objects.filter(pk=event.registration_id)
        .values("pk", "city_id", "user_id", "attended", "event_key")
        .first()
    )
    if registration is None or registration["city_id"] is None or registration["attended"] is not True:
        return []
    start = _event_starts([registration["event_key"]]).get(registration["event_key"])
    if start is None:
        return []
    return [_attended_entry(registration["pk"], registration["city_id"], registration["user_id"], start)]


def _registration_existing() -> Iterator[Entry]:
    rows = list(
        _registration_model()
        .objects.filter(attended=True, city__isnull=False)
        .values_list("pk", "city_id", "user_id", "event_key")
    )
    starts = _event_starts(key for *_rest, key in rows)
    for pk, city_id, user_id, key in rows:
        if key in starts:
            yield _attended_entry(pk, city_id, user_id, starts[key])


# Declarations: an endorsement, and progress reported on a commitment


def _endorsement_model():
    from events.models import Endorsement

    return Endorsement


def _endorsement_entry(pk, city_id, actor_id, at) -> Entry:
    return Entry(
        city_id=city_id, kind=Kind.ENDORSEMENT, at=at, actor_id=actor_id, source=(_ct(_endorsement_model()), pk)
    )


def _endorsement_entries(endorsement) -> list[Entry]:
    return [_endorsement_entry(endorsement.pk, endorsement.city_id, endorsement.recorded_by_id, endorsement.created_at)]


def _endorsement_existing() -> Iterator[Entry]:
    rows = _endorsement_model().objects.values_list("pk", "city_id", "recorded_by_id", "created_at")
    for values in rows.iterator(CHUNK):
        yield _endorsement_entry(*values)


def _progress_model():
    from events.models import CommitmentProgress

    return CommitmentProgress


def _progress_entry(pk, city_id, actor_id, at) -> Entry:
    return Entry(
        city_id=city_id, kind=Kind.COMMITMENT_PROGRESS, at=at, actor_id=actor_id, source=(_ct(_progress_model()), pk)
    )


def _progress_entries(progress) -> list[Entry]:
    city_id = _endorsement_model().objects.filter(pk=progress.endorsement_id).values_list("city_id", flat=True).first()
    if city_id is None:
        return []
    return [_progress_entry(progress.pk, city_id, progress.reported_by_id, progress.created_at)]


def _progress_existing() -> Iterator[Entry]:
    rows = _progress_model().objects.values_list("pk", "endorsement__city_id", "reported_by_id", "created_at")
    for values in rows.iterator(CHUNK):
        yield _progress_entry(*values)


# Actions from events: a step or a progress note on an action the city owns, by the city's people


def _action_event_model():
    from events.models import ActionEvent

    return ActionEvent


def _action_entry(pk, city_id, actor_id, at) -> Entry:
    return Entry(
        city_id=city_id, kind=Kind.ACTION_PROGRESS, at=at, actor_id=actor_id, source=(_ct(_action_event_model()), pk)
    )


def _action_event_entries(event) -> list[Entry]:
    from events.models import Action

    city_id = Action.objects.filter(pk=event.action_id).values_list("owner_city_id", flat=True).first()
    if not event.from_state or not _acts_for_city(event.actor_id, city_id):
        return []
    return [_action_entry(event.pk, city_id, event.actor_id, event.created_at)]


def _action_event_existing() -> Iterator[Entry]:
    people = _city_people()
    rows = (
        _action_event_model()
        .objects.filter(action__owner_city__isnull=False, actor__isnull=False)
        .exclude(from_state="")
        .values_list("pk", "action__owner_city_id", "actor_id", "created_at")
    )
    for pk, city_id, actor_id, at in rows.iterator(CHUNK):
        if (actor_id, city_id) in people:
            yield _action_entry(pk, city_id, actor_id, at)


# Resource Hub and news: a published item about the city (once per item, whatever its languages:
# the source is the lowest page id of its translation group, dated by its first publication)


def _page_model():
    from wagtail.models import Page

    return Page


def _about_models():
    from resources.models import NewsArticlePage, ResourcePage

    return (ResourcePage, NewsArticlePage)


def _resource_entries(page) -> list[Entry]:
    if not isinstance(page, _about_models()):
        return []
    city_ids = list(page.cities.values_list("pk", flat=True))
    if not city_ids:
        return []
    group = _page_model().objects.filter(translation_key=page.translation_key, locale__isnull=False)
    first = group.aggregate(pk=Min("pk"), at=Min("first_published_at"))
    at = first["at"] or page.first_published_at or page.last_published_at
    return [
        Entry(city_id=city_id, kind=Kind.RESOURCE, at=at, source=(_ct(_page_model()), first["pk"] or page.pk))
        for city_id in city_ids
    ]


def _resource_existing() -> Iterator[Entry]:
    page_ct = _ct(_page_model())
    for model in _about_models():
        groups = (
            model.objects.live()
            .order_by()
            .values("translation_key")
            .annotate(pk=Min("pk"), at=Min("first_published_at"))
        )
        firsts = {row["translation_key"]: row for row in groups}
        through = model.cities.through
        pairs = through.objects.filter(**{f"{_parent_field(through)}__live": True}).values_list(
            f"{_parent_field(through)}__translation_key", "city_id"
        )
        seen = set()
        for key, city_id in pairs.iterator(CHUNK):
            first = firsts.get(key)
            if first is None or (key, city_id) in seen or first["at"] is None:
                continue
            seen.add((key, city_id))
            yield Entry(city_id=city_id, kind=Kind.RESOURCE, at=first["at"], source=(page_ct, first["pk"]))


def _parent_field(through) -> str:
    """The through model's foreign key to the page (ParentalManyToManyField's name for it)."""
    from cities.models import City

    for field in through._meta.concrete_fields:
        if field.is_relation and field.related_model is not City and field.name != "id":
            return field.name
    raise LookupError(through)


SOURCES = {
    "profile": Source(_revision_model, _revision_entries, _revision_existing),
    "exchange-steps": Source(_exchange_event_model, _exchange_event_entries, _exchange_event_existing),
    "exchange-messages": Source(_message_model, _message_entries, _message_existing),
    "help-requests": Source(_help_model, _help_entries, _help_existing),
    "attendance": Source(_registration_event_model, _registration_event_entries, _registration_existing),
    "endorsements": Source(_endorsement_model, _endorsement_entries, _endorsement_existing),
    "commitment-progress": Source(_progress_model, _progress_entries, _progress_existing),
    "action-progress": Source(_action_event_model, _action_event_entries, _action_event_existing),
    "resources": Source(_page_model, _resource_entries, _resource_existing),
}
