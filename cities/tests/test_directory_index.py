"""The in-memory directory index and the SQL filters (exports, map data, API details)
must agree: the same members, and the same facet counts, for every filter value."""

from collections import Counter

import pytest

from cities.directory_index import BANDS, _band
from cities.filters import CENTRAL_TEAM, FACETS, DirectoryFilters
from cities.models import (
    AuthorityType,
    City,
    CityChallenge,
    CityNeed,
    CityOffer,
    Country,
    Region,
    SettlementType,
    Stage,
)
from cities.selectors import get_taxonomy
from cities.tests.factories import CityFactory, add_challenge, add_need, add_offer

pytestmark = pytest.mark.django_db

POPULATIONS = [None, 0, 49_999, 50_000, 249_999, 250_000, 999_999, 1_000_000, 4_999_999, 5_000_000, 30_000_000]
NAMES = [
    ("Mombasa", "مومباسا"),
    ("الدار البيضاء", "الدار البيضاء"),
    ("São Paulo", ""),
    ("Zürich", ""),
    ("Nairobi", "نيروبي"),
    ("Łódź", ""),
    ("Banja Luka", ""),
    ("Sana'a", "صنعاء"),
]
QUERIES = ["a", "na", "mombasa", "MOMBASA", "مومباسا", "مُومْبَاسَا", "البيضاء", "sao", "São", "zurich", "lodz"]
QUERIES += ["'", "%", "_", "no such place", "town 1", "🙂"]


@pytest.fixture
def network():
    """Authorities in every region, of every type, size and stage, with varied taxonomy terms."""
    taxonomy = get_taxonomy()
    countries = []
    for region in Region.objects.order_by("code"):
        countries += list(Country.objects.filter(region=region).order_by("code")[:2])
    challenges, areas = list(taxonomy.challenges), list(taxonomy.practice_areas)
    stages, types, settlements = list(Stage.values), list(AuthorityType.values), list(SettlementType.values)
    for i in range(60):
        name, name_ar = NAMES[i % len(NAMES)]
        city = CityFactory(
            name=f"{name} {i}",
            name_en=f"{name} {i}" if i % 3 else "",
            name_ar=name_ar,
            country=countries[(i * 7) % len(countries)],
            authority_type=types[i % len(types)],
            settlement_type=settlements[i % len(settlements)],
            population=POPULATIONS[i % len(POPULATIONS)],
            stage=stages[i % len(stages)] if i % 2 else Stage.MEMBER,
        )
        for k in range(i % 4):
            add_challenge(city, challenges[(i + 5 * k) % len(challenges)])
        for k in range(i % 3):
            add_offer(city, areas[(i + 3 * k) % len(areas)])
        for k in range(i % 5 // 2):
            add_need(city, areas[(2 * i + 7 * k) % len(areas)])


def filter_values() -> list[tuple[str, str]]:
    """Every value of every filter, with the countries that have authorities and sample searches."""
    taxonomy = get_taxonomy()
    values = [("hub", code) for code in [*taxonomy.hubs, CENTRAL_TEAM]]
    values += [("region", code) for code in taxonomy.regions]
    values += [("country", code) for code in sorted(set(City.objects.values_list("country_id", flat=True)))]
    values += [("authority_type", code) for code in AuthorityType.values]
    values += [("settlement_type", code) for code in SettlementType.values]
    values += [("population", code) for code in BANDS]
    values += [("stage", code) for code in [*Stage.values, "all"]]
    values += [("challenge", code) for code in taxonomy.challenges]
    values += [("offers", code) for code in taxonomy.practice_areas]
    values += [("needs", code) for code in taxonomy.practice_areas]
    values += [("q", text) for text in QUERIES]
    return values


def sql_facet_counts(filters: DirectoryFilters) -> dict[str, dict[str, int]]:
    """Facet counts as the SQL filters give them: each facet without its own filter."""
    taxonomy = filters.taxonomy
    rows = {
        pk: {
            "hub": taxonomy.hub_of_country(country) or CENTRAL_TEAM,
            "region": taxonomy.countries[country],
            "country": country,
            "authority_type": authority_type,
            "settlement_type": settlement_type,
            "population": BANDS[_band(population)] if _band(population) >= 0 else None,
            "stage": stage,
        }
        for pk, country, authority_type, settlement_type, population, stage in City.objects.values_list(
            "pk", "country_id", "authority_type", "settlement_type", "population", "stage"
        )
    }
    for name, model, column, terms in (
        ("challenge", CityChallenge, "challenge_id", taxonomy.challenge_ids),
        ("offers", CityOffer, "practice_area_id", taxonomy.practice_area_ids),
        ("needs", CityNeed, "practice_area_id", taxonomy.practice_area_ids),
    ):
        for row in rows.values():
            row[name] = []
        for city_id, term_id in model.objects.values_list("city_id", column):
            rows[city_id][name].append(terms[term_id])
    counts = {}
    for name in FACETS:
        if name not in filters.form.fields:
            continue
        members = set(filters.apply(filters.base(), skip=name).values_list("pk", flat=True))
        tally = Counter()
        for pk in members:
            value = rows[pk][name]
            tally.update(value if isinstance(value, list) else [value] if value else [])
        counts[name] = dict(tally)
    return counts


@pytest.mark.parametrize("reader", ["anonymous", "staff"])
def test_index_and_sql_filters_give_the_same_members_for_every_filter_value(network, staff_user, reader):
    user = staff_user if reader == "staff" else None
    checked, differences = 0, []
    for name, value in filter_values():
        if name == "stage" and reader != "staff":
            continue
        filters = DirectoryFilters({name: value}, user=user)
        assert not filters.ignored, (name, value, filters.errors)
        index_members = {int(pk) for pk in filters.result_ids()}
        sql_members = set(filters.queryset().values_list("pk", flat=True))
        if index_members != sql_members:
            differences.append((name, value, sorted(index_members ^ sql_members)))
        index_counts = {facet: counts for facet, counts in filters._facet_counts().items() if counts}
        sql_counts = {facet: counts for facet, counts in sql_facet_counts(filters).items() if counts}
        if index_counts != sql_counts:
            differences.append((name, value, "facet counts", index_counts, sql_counts))
        checked += bool(sql_members)
    assert not differences
    assert checked > 80, "most filter values should match some authorities"


@pytest.mark.parametrize(
    "params",
    [
        {"hub": "esa", "authority_type": "city"},
        {"country": "KE", "q": "a", "challenge": "online-hate"},
        {"region": "europe", "population": "under-50k", "stage": "all"},
        {"hub": CENTRAL_TEAM, "settlement_type": "rural", "stage": "suspended"},
        {"offers": "womens-leadership", "needs": "womens-leadership"},
    ],
)
def test_index_and_sql_filters_agree_on_combined_filters(network, staff_user, params):
    for user in (None, staff_user):
        filters = DirectoryFilters(params, user=user)
        assert {int(pk) for pk in filters.result_ids()} == set(filters.queryset().values_list("pk", flat=True))
