"""The directory and the map page, kept rendered for visitors who are not signed in (`views._listing`):
two queries once kept, and never one reader's page shown to another (staff, language, filters, page).

These tests commit (transaction=True): the data version moves on only after a commit, and nothing is
kept while a change is pending."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Country, Stage
from cities.tests.factories import CityFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def network():
    kenya, morocco = Country.objects.get(code="KE"), Country.objects.get(code="MA")
    CityFactory(slug="mombasa", name="Mombasa", name_ar="مومباسا", country=kenya, latitude=-4.05, longitude=39.66)
    CityFactory(slug="casablanca", name="Casablanca", country=morocco, latitude=33.57, longitude=-7.59)
    CityFactory(slug="hidden-town", name="Hidden Town", country=kenya, stage=Stage.APPLICANT)
    for n in range(30):
        CityFactory(slug=f"town-{n:02}", name=f"Town {n:02}", country=kenya, latitude=-1, longitude=37)


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", ["/en/network/", "/ar/network/?hub=esa", "/fr/network/map/"])
def test_a_kept_listing_costs_two_queries_and_is_the_same_page(client, network, url):
    first = text(client, url)
    with CaptureQueriesContext(connection) as queries:
        again = text(client, url)
    # the chrome's version and the network's data version: no filter, count or row read again
    assert len(queries) <= 2, [query["sql"][:120] for query in queries.captured_queries]
    assert again == first


def test_staff_never_get_the_public_listing_nor_the_public_the_staff_one(client, network, staff_user):
    url = "/en/network/?stage=applicant"
    assert "Hidden Town" not in text(client, url)  # kept for visitors
    client.force_login(staff_user)
    assert "Hidden Town" in text(client, url)
    assert 'name="stage"' in text(client, url)
    client.logout()
    public = text(client, url)
    assert "Hidden Town" not in public and 'name="stage"' not in public


def test_each_language_filter_and_page_is_its_own(client, network):
    assert "Mombasa" in text(client, "/en/network/?q=mombasa")
    assert "مومباسا" in text(client, "/ar/network/?q=mombasa")
    assert "Casablanca" in text(client, "/en/network/?hub=mena")
    assert "Casablanca" not in text(client, "/en/network/?hub=esa")
    first, second = text(client, "/en/network/"), text(client, "/en/network/?page=2")
    assert "Town 10" in first and "Town 10" not in second
    assert "Town 29" in second and "Town 29" not in first


def test_a_new_member_is_listed_at_once(client, network):
    assert "Newly Joined" not in text(client, "/en/network/?country=KE&sort=-population")
    CityFactory(name="Newly Joined", country=Country.objects.get(code="KE"), population=9_000_000)
    assert "Newly Joined" in text(client, "/en/network/?country=KE&sort=-population")


# --- the JSON API's list (cities/api.py) --------------------------------------------------------------


def api(client, url: str):
    response = client.get(url)
    return response.status_code, response.content


def test_a_kept_api_page_costs_two_queries_and_is_what_the_api_builds_for_a_member(client, network, member_user):
    url = "/api/v1/members?hub=esa&page_size=10&page=2"
    status, first = api(client, url)
    with CaptureQueriesContext(connection) as queries:
        again = api(client, url)
    assert len(queries) <= 2, [query["sql"][:120] for query in queries.captured_queries]
    assert again == (200, first) and status == 200
    client.force_login(member_user)  # signed in: built for the reader by django-ninja's own path, not kept
    assert api(client, url) == (200, first)
    assert [item["slug"] for item in json.loads(first)["results"]][:2] == [
        "town-09",
        "town-10",
    ]  # Mombasa and Town 00-08 first


def test_a_kept_api_page_never_answers_for_a_query_with_a_bad_parameter(client, network):
    assert api(client, "/api/v1/members?hub=esa")[0] == 200
    for bad in ("hub=esa&colour=red", "hub=esa&page_size=500", "hub=esa&page=9", "page_size=10&hub=esa&hub=nowhere"):
        status, body = api(client, f"/api/v1/members?{bad}")
        assert status == 400 and json.loads(body)["detail"] == "Invalid parameters.", bad
    assert api(client, "/api/v1/members?hub=esa")[0] == 200


def test_the_api_lists_a_new_member_at_once_and_staff_get_their_own(client, network, staff_user):
    assert "Newly Joined" not in api(client, "/api/v1/members?q=newly")[1].decode()
    CityFactory(name="Newly Joined", country=Country.objects.get(code="KE"))
    assert "Newly Joined" in api(client, "/api/v1/members?q=newly")[1].decode()
    client.force_login(staff_user)
    staff = json.loads(api(client, "/api/v1/members?q=hidden&stage=applicant")[1])
    client.logout()
    public = json.loads(api(client, "/api/v1/members?q=hidden")[1])
    assert public["count"] == 0, "an applicant is never in the public list, whoever asked first"
    assert api(client, "/api/v1/members?q=hidden&stage=applicant")[0] == 400  # not a parameter for the public
    assert [item["slug"] for item in staff["results"]] == ["hidden-town"]
