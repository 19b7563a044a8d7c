"""Event pages for readers and the editor's form."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import rich_text

from cities.models import Country, Stage
from cities.tests.factories import CityFactory
from events.models import EventPage

from .conftest import days_from_now, make_event, translate

pytestmark = pytest.mark.django_db


def test_an_event_page_shows_its_times_in_its_zone_in_english_and_arabic(client, events_index):
    event = make_event(
        events_index["en"],
        title="Nairobi workshop",
        start=datetime.datetime(2027, 3, 10, 9, 0),
        hours=7,
        zone="Africa/Nairobi",
        venue_name="KICC",
        country=Country.objects.get(code="KE"),
        languages=["en", "sw"],
        interpretation=["fr"],
    )
    page = client.get(event.url).content.decode()
    assert "Wednesday, March 10, 2027, 9:00\u202fAM–4:00\u202fPM" in page
    assert "East Africa Time" in page and "KICC" in page and "Kenya" in page
    assert "Swahili" in page and "French" in page
    assert 'href="' + event.url + 'ical/"' in page
    assert "data-local-time" not in page  # in person: the event's own clock only

    arabic = translate(event, events_index["ar"], title="ورشة نيروبي")
    page = client.get(arabic.url).content.decode()
    assert 'dir="rtl"' in page and "ورشة نيروبي" in page
    assert "الأربعاء، 10 مارس 2027" in page and "توقيت شرق أفريقيا" in page
    assert "السواحلية" in page


def test_an_online_event_offers_the_visitor_own_clock(client, events_index):
    event = make_event(events_index["en"], title="Webinar", start=days_from_now(5), format="online", venue_name="")
    page = client.get(event.url).content.decode()
    assert f'data-start="{event.start.isoformat()}"' in page and "events/local-time" in page
    assert "City Hall" not in page


def test_event_pages_and_lists_are_public_and_cacheable(client, events_index):
    event = make_event(events_index["en"], title="Open", start=days_from_now(5))
    for url in (event.url, event.url + "ical/", "/en/events/", "/en/events/past/", "/en/events/calendar/"):
        response = client.get(url)
        assert response.status_code == 200 and "public" in response["Cache-Control"], url
        assert "Cookie" not in response.get("Vary", ""), url


def test_only_public_member_cities_are_linked(client, events_index):
    member = CityFactory(name="Member Town", slug="member-town")
    applicant = CityFactory(name="Applicant Town", slug="applicant-town", stage=Stage.APPLICANT)
    event = make_event(events_index["en"], title="Visit", start=days_from_now(5), cities=[member, applicant])
    page = client.get(event.url).content.decode()
    assert "Member Town" in page and "Applicant Town" not in page


# The editor's form (the admin's page editor)


def form_data(**overrides) -> dict:
    data = {
        "title": "Paris workshop",
        "slug": "paris-workshop",
        "kind": "workshop",
        "summary": "A day on prevention networks.",
        "time_zone": "Europe/Paris",
        "start": "2026-10-26 09:00",
        "end": "2026-10-26 17:00",
        "format": "in_person",
        "venue_name": "Hôtel de Ville",
        "venue_address": "",
        "latitude": "",
        "longitude": "",
        "languages": ["fr", "en"],
        "registration": "none",
        "body-count": "0",
        "report_summary": rich_text(""),
        "recommendations-count": "0",
        "action-publish": "publish",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(client, staff_user):
    client.force_login(staff_user)
    return client


def test_the_editor_types_the_clock_where_the_event_happens(editor, events_index):
    index = events_index["en"]
    response = editor.post(f"/admin/pages/add/events/eventpage/{index.pk}/", form_data())
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    event = EventPage.objects.get(slug="paris-workshop")
    assert event.start == datetime.datetime(2026, 10, 26, 8, 0, tzinfo=datetime.UTC)  # 09:00 in Paris, winter time
    assert event.languages == ["fr", "en"]
    edit = editor.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'value="2026-10-26 09:00"' in edit  # shown again as typed, whatever the editor's own zone


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start": "2026-03-29 02:30", "end": "2026-03-29 05:00"}, "start", "does not exist in Europe/Paris"),
        ({"end": "2026-10-25 09:00"}, "end", "cannot end before it starts"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice"),
        ({"start": "next tuesday"}, "start", "Enter a valid date/time"),
        ({"latitude": "48.8"}, "longitude", "both the latitude and the longitude"),
        ({"latitude": "123", "longitude": "2"}, "latitude", "less than or equal to 90"),
        ({"venue_name": ""}, "venue_name", "Say where the event takes place"),
        ({"languages": ["xx"]}, "languages", "Select a valid choice"),
    ],
)
def test_bad_input_is_named_next_to_its_field_and_nothing_typed_is_lost(
    editor, events_index, overrides, field, message
):
    index = events_index["en"]
    response = editor.post(f"/admin/pages/add/events/eventpage/{index.pk}/", form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    page = response.content.decode()
    assert 'value="Paris workshop"' in page and "A day on prevention networks." in page
    assert not EventPage.objects.exists()
    assert timezone.now()  # nothing saved, nothing failed


def test_an_in_person_event_shows_its_venue_on_a_map_drawn_here(client, events_index):
    from events.venue_map import HEIGHT, WIDTH

    event = make_event(
        events_index["en"], title="Nairobi", start=days_from_now(5), venue_name="KICC",
        country=Country.objects.get(code="KE"), latitude="-1.28640", longitude="36.81720",
    )  # fmt: skip
    page = client.get(event.url).content.decode()
    svg = re.search(r'<svg class="venue-map"[^>]*aria-label="([^"]+)"[^>]*>(.*?)</svg>', page, re.S)
    assert svg and svg.group(1) == "Map: where the event takes place, KICC, Kenya"
    marker = re.search(r'class="venue-map__marker" cx="([\d.]+)" cy="([\d.]+)"', svg.group(2))
    assert (float(marker.group(1)), float(marker.group(2))) == (WIDTH / 2, HEIGHT / 2)  # centred on the venue
    land = re.search(r'class="venue-map__land" d="([^"]+)"', svg.group(2)).group(1)
    assert land.count("M") >= 5  # Kenya and its neighbours
    online = make_event(events_index["en"], title="Online", start=days_from_now(5), format="online", venue_name="",
                        latitude="48.8", longitude="2.3")  # fmt: skip
    assert "venue-map" not in client.get(online.url).content.decode()
    assert (
        "venue-map"
        not in client.get(make_event(events_index["en"], title="No place", start=days_from_now(5)).url).content.decode()
    )
