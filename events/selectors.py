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
