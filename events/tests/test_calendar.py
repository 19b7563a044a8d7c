"""Calendar files, parsed back as a calendar application would read them (RFC 5545)."""

import datetime

import pytest
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from .conftest import days_from_now, make_event, translate

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    for event in calendar.walk("VEVENT"):
        assert event["UID"] and event["DTSTAMP"] and event["DTSTART"]  # required by RFC 5545
    return calendar


def test_an_event_file_keeps_the_event_zone_across_a_clock_change(client, events_index):
    event = make_event(
        events_index["en"],
        title="Workshop in Paris",
        start=datetime.datetime(2026, 10, 26, 9, 0),
        hours=8,
        zone="Europe/Paris",
        venue_name="Hôtel de Ville",
        venue_address="Place de l'Hôtel de Ville\n75004 Paris",
        latitude="48.85661",
        longitude="2.35222",
    )
    calendar = parse(client.get(event.url + "ical/"))
    (vevent,) = calendar.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Paris" and start.replace(tzinfo=None) == datetime.datetime(2026, 10, 26, 9, 0)
    assert vevent.decoded("DTEND").astimezone(datetime.UTC) == datetime.datetime(
        2026, 10, 26, 16, 0, tzinfo=datetime.UTC
    )
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    assert str(vevent["SUMMARY"]) == "Workshop in Paris"
    assert str(vevent["LOCATION"]) == "Hôtel de Ville, Place de l'Hôtel de Ville 75004 Paris"
    assert vevent["URL"] == "http://localhost" + event.url
    assert vevent.decoded("GEO") and float(vevent["GEO"].latitude) == pytest.approx(48.85661)


def test_the_same_event_has_the_same_uid_in_every_language(client, events_index):
    event = make_event(events_index["en"], title="Webinar", start=days_from_now(10), format="online", venue_name="")
    french = translate(event, events_index["fr"], title="Webinaire")
    (english_event,) = parse(client.get(event.url + "ical/")).walk("VEVENT")
    (french_event,) = parse(client.get(french.url + "ical/")).walk("VEVENT")
    assert english_event["UID"] == french_event["UID"]
    assert str(french_event["SUMMARY"]) == "Webinaire" and str(french_event["LOCATION"]) == "En ligne"


def test_the_network_calendar_of_a_language_lists_what_is_public(client, events_index):
    index = events_index["fr"]
    soon = make_event(events_index["en"], title="Soon", start=days_from_now(5))
    translate(soon, index, title="Bientôt")
    make_event(events_index["en"], title="English only", start=days_from_now(20))
    make_event(events_index["en"], title="Last month", start=days_from_now(-30))
    make_event(events_index["en"], title="Two years ago", start=days_from_now(-730))
    make_event(events_index["en"], title="A draft", start=days_from_now(7), live=False)
    private = make_event(events_index["en"], title="Members only", start=days_from_now(8))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    calendar = parse(client.get("/fr/events/calendar/"))
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Last month", "Bientôt", "English only"]
    assert str(calendar["X-WR-CALNAME"]).startswith("Événements")
    response = client.get("/fr/events/calendar/")
    assert "public" in response["Cache-Control"]


def test_no_calendar_file_for_a_draft(client, events_index):
    draft = make_event(events_index["en"], title="A draft", start=days_from_now(7), live=False)
    assert client.get(f"/en/events/{draft.slug}/ical/").status_code == 404
