"""Calendar files (iCalendar, RFC 5545) made with the `icalendar` library: one per event
(`<event>/ical/`, also attached to registration e-mails) and the network calendar per language
(`/<lang>/events/calendar/`), which a phone or a desktop calendar subscribes to.

Times carry the event's zone (`TZID`) with its `VTIMEZONE` rules, so calendars show them right on
either side of a daylight-saving change; each event's `UID` is the same in every language and every
file, so a calendar that has it already updates it instead of adding it twice.
"""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from . import times

PRODID = "-//Strong Cities Network//Events//EN"
CALENDAR_PAST = datetime.timedelta(days=365)  # the network calendar keeps a year of past events
REFRESH = datetime.timedelta(hours=6)
UID_DOMAIN = "strongcitiesnetwork.org"  # the network's own: a UID must stay the same for ever


def _uid(page) -> str:
    return f"event-{page.translation_key}@{UID_DOMAIN}"


def _location(page) -> str:
    if page.format == "online":
        return _("Online")
    parts = [page.venue_name.strip(), " ".join(page.venue_address.split())]
    return ", ".join(part for part in parts if part)


def vevent(page, request) -> Event:
    zone = times.get_zone(page.time_zone)
    url = page.get_full_url(request) or ""
    description = page.summary.strip()
    if url:
        description = f"{description}\n\n{url}" if description else url
    event = Event.new(
        uid=_uid(page),
        summary=page.title,
        description=description,
        start=page.start.astimezone(zone),
        end=page.end.astimezone(zone),
        location=_location(page) or None,
        url=url or None,
        categories=[str(page.get_kind_display())],
        stamp=timezone.now().astimezone(datetime.UTC),
        last_modified=(page.last_published_at or page.latest_revision_created_at or timezone.now()).astimezone(
            datetime.UTC
        ),
        status="CONFIRMED",
    )
    if page.has_place:
        event.add("geo", (float(page.latitude), float(page.longitude)))
    return event


def _calendar(name: str, events) -> Calendar:
    calendar = Calendar.new(prodid=PRODID, name=name, method="PUBLISH", refresh_interval=REFRESH)
    calendar.add("x-published-ttl", REFRESH)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def event_calendar(page, request) -> Calendar:
    return _calendar(page.title, [vevent(page, request)])


def network_calendar(index_page, request) -> Calendar:
    """Every published event of the index's language, from a year ago on, soonest first."""
    from .selectors import calendar_events

    since = timezone.now() - CALENDAR_PAST
    pages = calendar_events(index_page, since=since)
    name = f"{index_page.title} · {_('Strong Cities Network')}"
    return _calendar(name, [vevent(page, request) for page in pages])


def calendar_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
