"""Reads of events that lists, the calendar and city profiles share. Like the Resource Hub's
(`resources/selectors.py`), each event is one translation group: shown in the reader's language where
translated, else in its original language, marked so."""

from __future__ import annotations

import datetime

from django.utils import timezone

from resources.selectors import published, representatives

from .models import EventPage


def events_for(language: str):
    """Published events, one per translation group, in `language` where there is a version in it."""
    return representatives(published(EventPage), language)


def upcoming(language: str, *, now: datetime.datetime | None = None):
    """Events not over yet, soonest first (one under way is still upcoming until it ends)."""
    return events_for(language).filter(end__gte=now or timezone.now()).order_by("start", "pk")


def past(language: str, *, now: datetime.datetime | None = None):
    """Events that have ended, latest first."""
    return events_for(language).filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def calendar_events(index_page, *, since: datetime.datetime) -> list[EventPage]:
    """The network calendar of `index_page`'s language: events ending after `since`, soonest first."""
    language = index_page.locale.language_code
    return list(
        events_for(language).filter(end__gte=since).select_related("locale").defer("body").order_by("start", "pk")
    )


def actions_of_event(event) -> list:
    """An event's next steps in the report's order, with their owners. Title, details, owner, due date
    and status are public; the progress notes (`ActionEvent`) are not read here."""
    from .models import Action

    return list(Action.objects.for_event(event).select_related("owner_city", "owner_hub"))


def city_events_attended(city, language: str) -> list[EventPage]:
    """Past events a member city was represented at, latest first, in `language` where translated."""
    keys = EventPage.objects.filter(represented_cities=city).values("translation_key")
    return list(past(language).filter(translation_key__in=keys).select_related("locale")[:50])


def city_actions(city, language: str) -> list:
    """The actions a member city owns, open ones first, soonest due first; each with its event
    (`action.event`) in `language` where translated. Actions of an event no longer published are left out."""
    from django.db.models import Case, Value, When

    from .models import OPEN_ACTION_STATUSES, Action

    actions = list(
        Action.objects.owned_by_city(city).order_by(
            Case(When(status__in=OPEN_ACTION_STATUSES, then=Value(0)), default=Value(1)), "due", "pk"
        )[:100]
    )
    keys = {action.event_key for action in actions}
    events = (
        {event.translation_key: event for event in events_for(language).filter(translation_key__in=keys)}
        if keys
        else {}
    )
    for action in actions:
        action.event = events.get(action.event_key)
    return [action for action in actions if action.event is not None]


def city_declarations(city, language: str) -> list:
    """The live declarations a member city endorses, in `language` where translated."""
    from .models import DeclarationPage, Endorsement

    keys = Endorsement.objects.filter(city=city).values("declaration_key")
    return list(representatives(published(DeclarationPage), language).filter(translation_key__in=keys)[:50])
