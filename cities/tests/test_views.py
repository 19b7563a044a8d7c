import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Country, Stage
from cities.tests.factories import CityFactory, add_challenge, add_focal_point, add_need, add_offer

pytestmark = pytest.mark.django_db


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def network():
    kenya, morocco, france = (Country.objects.get(code=c) for c in ("KE", "MA", "FR"))
    mombasa = CityFactory(
        slug="mombasa",
        name="Mombasa",
        name_ar="مومباسا",
        country=kenya,
        population=1_200_000,
        authority_type="city",
        latitude=-4.05,
        longitude=39.66,
    )
    kisumu = CityFactory(
        slug="kisumu",
        name="Kisumu",
        country=kenya,
        population=400_000,
        settlement_type="peri-urban",
        latitude=-0.1,
        longitude=34.75,
    )
    casablanca = CityFactory(
        slug="casablanca",
        name="الدار البيضاء",
        name_en="Casablanca",
        name_fr="Casablanca",
        name_ar="الدار البيضاء",
        country=morocco,
        population=3_300_000,
        authority_type="city",
        latitude=33.57,
        longitude=-7.59,
    )
    lyon = CityFactory(slug="lyon", name="Lyon", country=france, population=520_000, latitude=45.76, longitude=4.84)
    applicant = CityFactory(slug="hidden-town", name="Hidden Town", country=kenya, stage=Stage.APPLICANT)
    add_challenge(mombasa, "online-hate", "severe")
    add_challenge(casablanca, "online-hate")
    add_challenge(kisumu, "youth-radicalisation")
    add_offer(mombasa, "womens-leadership", "leading")
    add_need(lyon, "womens-leadership", "high")
    add_focal_point(mombasa, visibility="staff", email="secret-focal@example.org")
    return {"mombasa": mombasa, "kisumu": kisumu, "casablanca": casablanca, "lyon": lyon, "applicant": applicant}


def names_listed(response):
    return {city.slug for city in response.context["cities"]}


def test_directory_lists_public_members_only(client, network):
    response = client.get("/en/network/")
    assert response.status_code == 200
    assert names_listed(response) == {"mombasa", "kisumu", "casablanca", "lyon"}
    assert "Hidden Town" not in body(response)


def test_staff_can_filter_by_stage(client, network, staff_user):
    client.force_login(staff_user)
    response = client.get("/en/network/?stage=applicant")
    assert names_listed(response) == {"hidden-town"}
    response = client.get("/en/network/?stage=applicant", follow=True)
    client.logout()
    assert names_listed(client.get("/en/network/?stage=applicant")) == {"mombasa", "kisumu", "casablanca", "lyon"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("hub=esa", {"mombasa", "kisumu"}),
        ("hub=mena", {"casablanca"}),
        ("hub=central", {"lyon"}),
        ("region=europe", {"lyon"}),
        ("country=KE", {"mombasa", "kisumu"}),
        ("authority_type=city", {"mombasa", "casablanca"}),
        ("settlement_type=peri-urban", {"kisumu"}),
        ("population=1m-5m", {"mombasa", "casablanca"}),
        ("challenge=online-hate", {"mombasa", "casablanca"}),
        ("offers=womens-leadership", {"mombasa"}),
        ("needs=womens-leadership", {"lyon"}),
        ("country=KE&challenge=online-hate", {"mombasa"}),
    ],
)
def test_each_filter_narrows_the_directory(client, network, query, expected):
    assert names_listed(client.get(f"/en/network/?{query}")) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("مُومْبَاسَا", {"mombasa"}),  # harakat
        ("مومـباسا", {"mombasa"}),  # tatweel
        ("الدار البيضاء", {"casablanca"}),
        ("الدار البيضاء".replace("ء", ""), {"casablanca"}),
        ("casablanca", {"casablanca"}),
        ("CASABLANCÁ", {"casablanca"}),
        ("momb", {"mombasa"}),
    ],
)
def test_search_matches_names_in_any_script(client, network, query, expected):
    assert names_listed(client.get("/en/network/", {"q": query})) == expected


@pytest.mark.parametrize(
    "query",
    ["🙂", "x" * 5000, "'; DROP TABLE cities_city; --", "<script>alert(1)</script>", "%", "_", "\x00"],
)
def test_hostile_queries_give_results_or_an_empty_state(client, network, query):
    response = client.get("/en/network/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body(response)
    assert client.get("/en/network/").context["page_obj"].paginator.count == 4


def test_invalid_filters_are_ignored_with_a_notice(client, network):
    response = client.get("/en/network/?country=ZZ&population=huge&hub=esa&page=999")
    assert response.status_code == 200
    assert names_listed(response) == {"mombasa", "kisumu"}
    text = body(response)
    assert "Country" in text and "is not valid, so it was ignored" in text
    assert len(response.context["notices"]) == 2


def test_notice_is_in_the_visitors_language(client, network):
    response = client.get("/fr/network/?country=ZZ")
    assert "ignorée" in body(response)


def test_facet_counts_exclude_their_own_filter(client, network):
    response = client.get("/en/network/?country=KE")
    facets = {facet.name: facet for facet in response.context["facets"]}
    countries = {value: count for value, _label, count, _selected in facets["country"].options}
    assert countries == {"KE": 2, "MA": 1, "FR": 1}
    types = {value: count for value, _label, count, _selected in facets["authority_type"].options}
    assert types == {"city": 1, "municipality": 1}


def test_filters_survive_in_pagination_and_export_links(client, network):
    text = body(client.get("/en/network/?country=KE&sort=-population"))
    assert "export.csv?country=KE&amp;sort=-population" in text


def test_sort_by_population(client, network):
    response = client.get("/en/network/?sort=-population")
    assert [c.slug for c in response.context["cities"]] == ["casablanca", "mombasa", "lyon", "kisumu"]


def _query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    body(response)
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/en/network/",
        "/en/network/?hub=esa&q=a",
        "/en/network/map/",
        "/en/network/map/data.json",
        "/en/network/mombasa/",
        "/api/v1/members",
        "/en/network/export.csv",
    ],
)
def test_pages_run_a_fixed_number_of_queries(client, network, url):
    from django.core.cache import cache

    cache.clear()
    few = _query_count(client, url)
    kenya = Country.objects.get(code="KE")
    for n in range(30):
        city = CityFactory(country=kenya, latitude=-4 + n / 100, longitude=39.6)
        add_challenge(city, "online-hate")
        add_offer(city, "youth-engagement")
        add_need(city, "schools-education")
    cache.clear()
    many = _query_count(client, url)
    assert many == few, f"{url}: {few} queries with 5 cities, {many} with 35"


def test_profile_shows_public_data_and_links_to_filtered_views(client, network):
    response = client.get("/en/network/mombasa/")
    text = body(response)
    assert response.status_code == 200
    assert "Mombasa" in text and "Online hate and disinformation" in text
    assert "?challenge=online-hate" in text and "?country=KE" in text and "?hub=esa" in text
    assert "Kisumu" in text  # a neighbour on the map


def test_profile_in_arabic_uses_arabic_names(client, network):
    text = body(client.get("/ar/network/mombasa/"))
    assert "مومباسا" in text
    assert "كينيا" in text  # country name from pycountry's translations
    assert 'dir="rtl"' in text


def test_focal_point_contacts_are_never_shown_to_the_public(client, network, member_user, staff_user):
    assert "secret-focal@example.org" not in body(client.get("/en/network/mombasa/"))
    client.force_login(member_user)
    assert "secret-focal@example.org" not in body(client.get("/en/network/mombasa/"))
    client.force_login(staff_user)
    assert "secret-focal@example.org" in body(client.get("/en/network/mombasa/"))


def test_members_level_contacts_are_shown_to_signed_in_members(client, network, member_user):
    add_focal_point(network["kisumu"], visibility="members", email="members-only@example.org")
    assert "members-only@example.org" not in body(client.get("/en/network/kisumu/"))
    client.force_login(member_user)
    assert "members-only@example.org" in body(client.get("/en/network/kisumu/"))


def test_unknown_and_non_public_profiles_are_translated_404s(client, network):
    response = client.get("/ar/network/no-such-place/")
    assert response.status_code == 404
    assert "لم نتمكن" in body(response) or "غير موجودة" in body(response)
    assert client.get("/en/network/hidden-town/").status_code == 404


def test_staff_can_see_a_non_public_profile(client, network, staff_user):
    client.force_login(staff_user)
    assert client.get("/en/network/hidden-town/").status_code == 200


def test_map_data_lists_every_matching_member_with_its_hub(client, network):
    data = json.loads(body(client.get("/en/network/map/data.json?country=KE")))
    assert data["count"] == 2
    rows = {row[0]: dict(zip(data["fields"], row, strict=True)) for row in data["points"]}
    assert rows["mombasa"]["hub"] == "esa"
    assert rows["mombasa"]["url"] == "/en/network/mombasa/"
    assert data["hubs"]["esa"]["color"].startswith("#")


def test_the_whole_maps_data_builds_no_filter_form(client, network, monkeypatch):
    """Nothing to check in the query: the form and its 200 country names are not built (they were 85 % of
    the map data's cost), and the answer is the same."""
    from cities import filters

    built = []
    original = filters.DirectoryFilterForm.__init__
    monkeypatch.setattr(
        filters.DirectoryFilterForm, "__init__", lambda self, *a, **k: built.append(1) or original(self, *a, **k)
    )
    everything = json.loads(body(client.get("/en/network/map/data.json")))
    assert not built and everything["count"] >= 3
    assert json.loads(body(client.get("/en/network/map/data.json?country=KE")))["count"] == 2 and built
    # A filter only staff have is no filter for a visitor: still everything.
    assert json.loads(body(client.get("/en/network/map/data.json?stage=lead")))["count"] == everything["count"]


def test_map_page_has_an_accessible_list_of_the_same_members(client, network):
    response = client.get("/en/network/map/?hub=esa")
    assert names_listed(response) == {"mombasa", "kisumu"}
    text = body(response)
    assert "do not imply any endorsement" in text
    assert "map/data.json?hub=esa" in text


def test_csv_export_has_public_fields_only_and_honours_filters(client, network):
    response = client.get("/en/network/export.csv?country=KE")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert {row["slug"] for row in rows} == {"mombasa", "kisumu"}
    mombasa = next(row for row in rows if row["slug"] == "mombasa")
    assert mombasa["hub"] == "esa" and mombasa["name_ar"] == "مومباسا"
    assert "online-hate:severe" in mombasa["challenges"]
    everything = body(client.get("/en/network/export.csv"))
    assert "secret-focal@example.org" not in everything and "Hidden Town" not in everything


def test_csv_export_neutralises_formulas(client, network):
    CityFactory(slug="formula", name='=HYPERLINK("http://x")')
    text = body(client.get("/en/network/export.csv"))
    assert "'=HYPERLINK" in text


def test_geojson_export(client, network):
    data = json.loads(body(client.get("/en/network/export.geojson?hub=mena")))
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["slug"] for f in data["features"]] == ["casablanca"]
    assert data["features"][0]["geometry"]["coordinates"] == [-7.59, 33.57]
    assert "focal" not in json.dumps(data)


def test_figures_are_computed_from_the_data(client, network):
    from cities.selectors import network_figures

    figures = network_figures()
    assert figures["members"] == 4 and figures["countries"] == 3
    CityFactory(slug="new-one")
    assert network_figures()["members"] == 5  # saving bumps the cached figures


@pytest.mark.parametrize(
    # CLDR's rules (core/l10n.py): French groups with a narrow no-break space, Spanish with a point.
    "lang, shown",
    [("en", "1,208,333"), ("ar", "1,208,333"), ("fr", "1\u202f208\u202f333"), ("es", "1.208.333")],
)
def test_populations_are_grouped_in_every_language(client, lang, shown):
    CityFactory(slug="grouped", name="Grouped", population=1_208_333)
    html = client.get(f"/{lang}/network/grouped/").content.decode()
    assert shown in html
