"""Times typed as the clock reads where the event is, kept in UTC, right on both sides of a
daylight-saving change, in both hemispheres."""

import datetime

import pytest

from events import times

UTC = datetime.UTC


def at(*parts):
    return datetime.datetime(*parts)


@pytest.mark.parametrize(
    ("zone", "wall_clock", "expected_utc"),
    [
        # Europe: clocks go back on 25 October 2026 (CEST +2 to CET +1)
        ("Europe/Paris", at(2026, 10, 24, 9, 0), at(2026, 10, 24, 7, 0)),
        ("Europe/Paris", at(2026, 10, 26, 9, 0), at(2026, 10, 26, 8, 0)),
        # Southern hemisphere: Sydney goes forward on 4 October 2026 (AEST +10 to AEDT +11)
        ("Australia/Sydney", at(2026, 10, 3, 9, 0), at(2026, 10, 2, 23, 0)),
        ("Australia/Sydney", at(2026, 10, 5, 9, 0), at(2026, 10, 4, 22, 0)),
        # Santiago goes forward on 6 September 2026 (-4 to -3)
        ("America/Santiago", at(2026, 9, 5, 9, 0), at(2026, 9, 5, 13, 0)),
        ("America/Santiago", at(2026, 9, 7, 9, 0), at(2026, 9, 7, 12, 0)),
        # No daylight saving
        ("Africa/Nairobi", at(2026, 7, 1, 9, 0), at(2026, 7, 1, 6, 0)),
    ],
)
def test_a_wall_clock_time_is_kept_as_the_right_instant(zone, wall_clock, expected_utc):
    instant = times.to_utc(wall_clock, zone)
    assert instant == expected_utc.replace(tzinfo=UTC)
    assert times.wall_clock(instant, zone) == wall_clock  # and the editor sees what they typed


@pytest.mark.parametrize(
    ("zone", "skipped"),
    [("Europe/Paris", at(2026, 3, 29, 2, 30)), ("Australia/Sydney", at(2026, 10, 4, 2, 30))],
)
def test_an_hour_skipped_by_the_clocks_is_refused(zone, skipped):
    with pytest.raises(times.NonExistentTime):
        times.to_utc(skipped, zone)


def test_an_hour_that_happens_twice_is_the_first_of_the_two():
    # 02:30 happens twice in Paris on 25 October 2026: first in summer time (+2)
    assert times.to_utc(at(2026, 10, 25, 2, 30), "Europe/Paris") == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_an_unknown_zone_is_refused():
    with pytest.raises(Exception):  # noqa: B017 - zoneinfo's own error
        times.to_utc(at(2026, 1, 1, 9), "Mars/Olympus_Mons")


def test_shown_in_the_event_zone_with_its_name_in_the_reader_language():
    from django.utils import translation

    start = times.to_utc(at(2026, 10, 26, 9, 0), "Europe/Paris")
    end = start + datetime.timedelta(hours=8)
    with translation.override("en"):
        span = times.span(start, end, "Europe/Paris")
    assert span["start_time"] == "9:00\u202fAM" and span["end_time"] == "5:00\u202fPM"
    assert span["same_day"] and span["start_date"] == "Monday, October 26, 2026"
    assert span["zone"] == "Central European Standard Time"
    with translation.override("fr"):
        span = times.span(start, end, "Europe/Paris")
    assert span["start_time"] == "09:00" and span["start_date"] == "lundi 26 octobre 2026"
    summer = times.to_utc(at(2026, 10, 24, 9, 0), "Europe/Paris")
    with translation.override("en"):
        assert times.span(summer, summer, "Europe/Paris")["zone"] == "Central European Summer Time"
