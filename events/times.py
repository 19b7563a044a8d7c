"""An event's times: entered and shown as the clock reads where the event happens, kept in UTC.

An event in Nairobi at 09:00 is stored as 06:00 UTC with its zone "Africa/Nairobi"; the page shows
09:00 East Africa Time, and for an online event the visitor's own clock too (`events/static/events/
local-time.js`, which reads the same instant). Daylight-saving changes are the zone database's
(`zoneinfo`, with `tzdata` pinned so every system has the same rules): a wall-clock time that does not
exist (the hour skipped when clocks go forward) is refused with a clear message; one that happens twice
(the hour repeated when clocks go back) is the first of the two, as calendars do.
"""

from __future__ import annotations

import datetime
import zoneinfo
from functools import cache

from babel.dates import format_date, format_time, get_datetime_format, get_timezone_name
from django.utils.translation import gettext_lazy as _

from core.l10n import current_locale

UTC = datetime.UTC


class NonExistentTime(ValueError):
    """The wall-clock time was skipped in that zone (clocks went forward)."""


@cache
def zone_names() -> tuple[str, ...]:
    """IANA zone names a person would pick: "Area/City" ones, sorted, plus UTC."""
    names = {
        name for name in zoneinfo.available_timezones() if "/" in name and not name.startswith(("Etc/", "SystemV/"))
    }
    return ("UTC", *sorted(names))


def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in zone_names()]


def get_zone(name: str) -> zoneinfo.ZoneInfo:
    if name not in zone_names():
        raise zoneinfo.ZoneInfoNotFoundError(name)
    return zoneinfo.ZoneInfo(name)


def to_utc(wall_clock: datetime.datetime, zone_name: str) -> datetime.datetime:
    """`wall_clock` (naive: what the clock reads in `zone_name`) as an aware UTC datetime."""
    zone = get_zone(zone_name)
    local = wall_clock.replace(tzinfo=zone, fold=0)
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall_clock.replace(tzinfo=None, fold=0):
        raise NonExistentTime(wall_clock)
    return instant


def wall_clock(instant: datetime.datetime, zone_name: str) -> datetime.datetime:
    """What the clock reads in `zone_name` at `instant` (naive), for the editor's form."""
    return instant.astimezone(get_zone(zone_name)).replace(tzinfo=None)


NON_EXISTENT_MESSAGE = _(
    "This time does not exist in %(zone)s on that day: the clocks go forward then. Choose a time an hour later."
)


# Shown to readers, in the active language (CLDR rules through Babel, like core/l10n.py)


def zone_label(zone_name: str, at: datetime.datetime | None = None) -> str:
    """ "East Africa Time" / "heure normale d’Afrique de l’Est", for the zone at that instant (summer or
    winter name where the language has one)."""
    zone = get_zone(zone_name)
    when = at.astimezone(zone) if at else None
    try:
        return get_timezone_name(when or zone, width="long", locale=current_locale())
    except (LookupError, ValueError):
        return zone_name.replace("_", " ")


def local_date(instant: datetime.datetime, zone_name: str) -> str:
    return format_date(instant.astimezone(get_zone(zone_name)), "full", locale=current_locale())


def local_time(instant: datetime.datetime, zone_name: str) -> str:
    return format_time(instant.astimezone(get_zone(zone_name)), "short", locale=current_locale())


def local_datetime(instant: datetime.datetime, zone_name: str) -> str:
    """The long date and the short time in the event's zone, joined the language's way."""
    local, locale = instant.astimezone(get_zone(zone_name)), current_locale()
    return (
        get_datetime_format("long", locale=locale)
        .replace("{1}", format_date(local, "long", locale=locale))
        .replace("{0}", format_time(local, "short", locale=locale))
    )


def span(start: datetime.datetime, end: datetime.datetime, zone_name: str) -> dict:
    """What an event's page and card show of its times, in its zone: {"same_day", "start_date",
    "end_date", "start_time", "end_time", "zone"}."""
    zone = get_zone(zone_name)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return {
        "same_day": local_start.date() == local_end.date(),
        "start_date": format_date(local_start, "full", locale=current_locale()),
        "end_date": format_date(local_end, "full", locale=current_locale()),
        "start_time": format_time(local_start, "short", locale=current_locale()),
        "end_time": format_time(local_end, "short", locale=current_locale()),
        "zone": zone_label(zone_name, start),
    }
