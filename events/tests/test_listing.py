"""The upcoming and past lists: filters, facet counts, languages, bad input and bounded queries."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Country, Hub

from .conftest import days_from_now, make_event, translate

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    assert response.status_code == 200
    found = re.findall(r'class="event-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())
    return [html.unescape(title) for title in found]


def option(response, name: str, value: str) -> str | None:
    """The text of the `value` option of the `name` filter ("Webinar (2)"), or None when it is not offered."""
    select = re.search(rf'<select id="id_{name}" name="{name}">(.*?)</select>', response.content.decode(), re.S)
    found = re.search(rf'<option value="{value}"[^>]*>([^<]+)</option>', select.group(1))
    return found.group(1).strip() if found else None


@pytest.fixture
def calendar(events_index):
    en = events_index["en"]
    esa, mena = Hub.objects.get(code="esa"), Hub.objects.get(code="mena")
    kenya, morocco = Country.objects.get(code="KE"), Country.objects.get(code="MA")
    events = {
        "webinar": make_event(en, title="Online webinar", start=days_from_now(3), format="online", venue_name="",
                              kind="webinar", hub=esa, languages=["en", "fr"]),
        "workshop": make_event(en, title="Nairobi workshop", start=days_from_now(10), zone="Africa/Nairobi",
                               kind="workshop", hub=esa, country=kenya, languages=["en", "sw"]),
        "training": make_event(en, title="Rabat training", start=days_from_now(20), zone="Africa/Casablanca",
                               kind="training", hub=mena, country=morocco, languages=["ar", "fr"], format="hybrid"),
        "summit": make_event(en, title="Global summit", start=days_from_now(60), kind="summit",
                             languages=["en"], interpretation=["ar", "fr", "es"]),
        "under way": make_event(en, title="Under way", start=days_from_now(0, hour=0), hours=24 * 3, kind="other"),
        "past": make_event(en, title="Last year's summit", start=days_from_now(-400), kind="summit"),
        "last month": make_event(en, title="Last month's webinar", start=days_from_now(-30), kind="webinar",
                                 format="online", venue_name=""),
    }  # fmt: skip
    return events


def test_upcoming_soonest_first_and_past_latest_first(client, calendar):
    assert titles(client.get("/en/events/")) == [
        "Under way",
        "Online webinar",
        "Nairobi workshop",
        "Rabat training",
        "Global summit",
    ]
    assert titles(client.get("/en/events/past/")) == ["Last month's webinar", "Last year's summit"]


def test_filters_narrow_the_list_and_counts_follow_the_other_filters(client, calendar):
    response = client.get("/en/events/?hub=esa")
    assert titles(response) == ["Online webinar", "Nairobi workshop"]
    assert option(response, "kind", "webinar") == "Webinar (1)"
    assert option(response, "kind", "summit") is None  # no ESA summit: not offered
    assert option(response, "hub", "mena") == "Middle East and North Africa (1)" or option(
        response, "hub", "mena"
    ).endswith("(1)")
    assert option(response, "hub", "mu").endswith("(2)")  # the Management Unit's summit and the event under way
    assert titles(client.get("/en/events/?online=yes")) == ["Online webinar", "Rabat training"]
    assert titles(client.get("/en/events/?language=fr")) == ["Online webinar", "Rabat training", "Global summit"]
    assert titles(client.get("/en/events/?region=" + calendar["training"].region.code)) == ["Rabat training"]
    past_year = calendar["past"].start.year
    response = client.get(f"/en/events/past/?year={past_year}")
    assert "Last year's summit" in titles(response)
    assert "(remove)" in response.content.decode()


def test_each_event_shows_in_the_reader_language_where_translated(client, calendar, events_index):
    translate(calendar["summit"], events_index["ar"], title="القمة العالمية")
    page = client.get("/ar/events/").content.decode()
    assert "القمة العالمية" in page
    assert re.search(
        r'<div lang="en" dir="ltr">\s*<h3 class="event-card__title"><a href="[^"]+">Nairobi workshop', page
    )


@pytest.mark.parametrize(
    "query",
    ["?kind=party", "?year=abc", "?hub=nowhere&region=%00", "?page=abc", "?page=999", "?surprise=1", "?online=maybe",
     "?kind=%F0%9F%98%80&page=-1", "?language=xx" + "x" * 5000],
)  # fmt: skip
def test_bad_query_strings_give_the_list_with_a_notice(client, calendar, query):
    response = client.get("/en/events/" + query)
    assert response.status_code == 200
    assert len(titles(response)) == 5
    assert 'class="notice' in response.content.decode()


def test_the_list_runs_the_same_queries_for_few_events_or_many(client, calendar, events_index):
    client.get("/en/events/")
    queries = []

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/events/?page=1").status_code == 200
        nonlocal queries
        queries = captured.captured_queries
        return len(queries)

    few = count()
    for n in range(20):
        make_event(
            events_index["en"], title=f"Extra {n}", start=days_from_now(30 + n), country=Country.objects.get(code="KE")
        )
    assert count() == few, "\n".join(q["sql"][:200] for q in queries)


def test_the_list_itself_reads_two_queries(calendar):
    """One for what the filters and counts need of every event, one for the page's cards (their hub,
    region, country and locale joined); the taxonomy comes from the shared cache."""
    from django.utils import translation

    from events.listing import EventListing

    EventListing({}, language="en", past=False).facets()  # the taxonomy kept
    with translation.override("fr"), CaptureQueriesContext(connection) as captured:
        listing = EventListing({"hub": "esa", "page": "1"}, language="fr", past=False)
        listing.facets()
        cards = listing.page("1").object_list
        assert [card.title for card in cards] == ["Online webinar", "Nairobi workshop"]
        assert [str(card.hub) for card in cards] and cards[1].country.code == "KE"
    # Besides, the request's shared reads (the data version, the restricted sections), which the test's
    # uncommitted pages keep from the shared cache here.
    own = [
        q["sql"]
        for q in captured.captured_queries
        if "dataversion" not in q["sql"] and "viewrestriction" not in q["sql"]
    ]
    assert len(own) == 2, own
