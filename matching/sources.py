"""The engine's profiles, read from the database in a fixed number of queries."""

import re
from collections import defaultdict

from cities.models import City, CityChallenge, CityNeed, CityOffer

from .profiles import Profile, profile_from_dict

_TWO_LETTERS = re.compile(r"^[a-z]{2}$")


def city_profiles(cities=None) -> list[Profile]:
    """One profile per authority in `cities` (default: all of them), in five queries.

    The profile id is the city's slug. Every stage is included: anyone may ask,
    and the engine suggests only joining and member authorities.
    """
    rows = (
        (City.objects.all() if cities is None else cities)
        .order_by("pk")
        .values_list(
            "pk",
            "slug",
            "name",
            "stage",
            "authority_type",
            "settlement_type",
            "population",
            "country_id",
            "country__region__code",
            "country__region__hub__code",
            "latitude",
            "longitude",
        )
        .iterator(chunk_size=5000)  # streamed: the profiles are built as the rows come
    )
    challenges, offers, needs, languages = (defaultdict(dict), defaultdict(dict), defaultdict(dict), defaultdict(list))

    def among(queryset):
        return queryset if cities is None else queryset.filter(city__in=cities.values("pk"))

    # Each query is streamed (`iterator`) so 100,000 authorities' rows are never all held at once.
    for city_id, code, level in (
        among(CityChallenge.objects).values_list("city_id", "challenge__code", "intensity").iterator(5000)
    ):
        challenges[city_id][code] = level
    for city_id, code, level in (
        among(CityOffer.objects).values_list("city_id", "practice_area__code", "maturity").iterator(5000)
    ):
        offers[city_id][code] = level
    for city_id, code, level in (
        among(CityNeed.objects).values_list("city_id", "practice_area__code", "priority").iterator(5000)
    ):
        needs[city_id][code] = level
    through = City.working_languages.through
    for city_id, code in (
        among(through.objects).order_by("language_id").values_list("city_id", "language_id").iterator(5000)
    ):
        if _TWO_LETTERS.match(code):
            languages[city_id].append(code)
    return [
        profile_from_dict(
            {
                "id": slug,
                "name": name,
                "stage": stage,
                "authority_type": authority_type,
                "settlement_type": settlement_type,
                "population": population,
                "country": country,
                "region": region or "",
                "hub": hub,
                "languages": languages[pk],
                "lat": lat,
                "lon": lon,
                "challenges": challenges[pk],
                "offers": offers[pk],
                "needs": needs[pk],
            }
        )
        for pk, slug, name, stage, authority_type, settlement_type, population, country, region, hub, lat, lon in rows
    ]
