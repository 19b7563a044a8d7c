"""The engine's profiles, read from the database in a fixed number of queries."""

import re
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from cities.models import City, CityChallenge, CityNeed, CityOffer

from .profiles import Profile, profile_from_dict

_TWO_LETTERS = re.compile(r"^[a-z]{2}$")
_CHUNK = 5000


class _ByCity:
    """Rows (city_id, *values) sorted by city_id, taken one city at a time as the cities go by."""

    def __init__(self, rows):
        self._groups: Iterator = groupby(rows, key=itemgetter(0))
        self._next = next(self._groups, None)

    def take(self, city_id: int) -> list[tuple]:
        while self._next is not None and self._next[0] < city_id:
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != city_id:
            return []
        found = [row[1:] for row in self._next[1]]
        self._next = next(self._groups, None)
        return found


def city_profiles(cities=None) -> list[Profile]:
    """One profile per authority in `cities` (default: all of them), in five queries.

    The profile id is the city's slug. Every stage is included: anyone may ask, and the
    engine suggests only joining and member authorities. The five queries are streamed
    side by side in city order, so only one city's rows are held at a time (100,000
    authorities: about 125 MB of profiles, and little more while reading).
    """

    def among(queryset):
        return queryset if cities is None else queryset.filter(city__in=cities.values("pk"))

    def stream(queryset, *fields):
        return _ByCity(among(queryset).order_by("city_id").values_list("city_id", *fields).iterator(_CHUNK))

    challenges = stream(CityChallenge.objects, "challenge__code", "intensity")
    offers = stream(CityOffer.objects, "practice_area__code", "maturity")
    needs = stream(CityNeed.objects, "practice_area__code", "priority")
    languages = stream(City.working_languages.through.objects, "language_id")
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
        .iterator(_CHUNK)
    )
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
                "languages": sorted(code for (code,) in languages.take(pk) if _TWO_LETTERS.match(code)),
                "lat": lat,
                "lon": lon,
                "challenges": dict(challenges.take(pk)),
                "offers": dict(offers.take(pk)),
                "needs": dict(needs.take(pk)),
            }
        )
        for pk, slug, name, stage, authority_type, settlement_type, population, country, region, hub, lat, lon in rows
    ]
