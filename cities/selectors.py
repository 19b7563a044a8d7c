"""Reads that span several models, cached against a data version.

Every save or delete of network data bumps the version (see `signals.py`), so
cached figures, facet counts and taxonomy are never stale and never typed in.
"""

import time
from dataclasses import dataclass, field

from django.core.cache import cache

from core.i18n import current_language

from .models import Challenge, City, Country, Hub, PracticeArea, Region, country_name
from .vocabulary import CENTRAL_TEAM_COLOR

VERSION_KEY = "cities:data-version"
CACHE_SECONDS = 600


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # Never restart from a number already used: a cleared or evicted cache
        # must not make an old in-process index look current.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def bump_data_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


def cached(name: str, compute, *parts):
    """`compute()` cached under `name`, the data version and `parts`."""
    key = ":".join(["cities", name, str(data_version()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


@dataclass
class Taxonomy:
    """Everything the filters and pages need to label codes, in one object."""

    regions: dict[str, dict] = field(default_factory=dict)  # code -> {names, hub}
    hubs: dict[str, dict] = field(default_factory=dict)  # code -> {names, color, region}
    countries: dict[str, str] = field(default_factory=dict)  # code -> region code
    challenges: dict[str, dict] = field(default_factory=dict)  # code -> {id, names}
    practice_areas: dict[str, dict] = field(default_factory=dict)
    region_ids: dict[int, str] = field(default_factory=dict)
    challenge_ids: dict[int, str] = field(default_factory=dict)
    practice_area_ids: dict[int, str] = field(default_factory=dict)

    def label(self, kind: str, code: str, language: str | None = None) -> str:
        language = language or current_language()
        if kind == "country":
            return country_name(code, language)
        entry = getattr(self, kind).get(code)
        if entry is None:
            return code
        return entry["names"].get(language) or entry["names"]["en"]

    def hub_of_country(self, country_code: str) -> str | None:
        region = self.countries.get(country_code)
        return self.regions[region]["hub"] if region else None

    def hub_color(self, hub_code: str | None) -> str:
        return self.hubs[hub_code]["color"] if hub_code in self.hubs else CENTRAL_TEAM_COLOR

    def country_choices(self, language: str | None = None) -> list[tuple[str, str]]:
        language = language or current_language()
        return sorted(((c, country_name(c, language)) for c in self.countries), key=lambda pair: pair[1].casefold())


def _names(obj) -> dict[str, str]:
    return {code: getattr(obj, f"name_{code}") for code in ("en", "ar", "fr", "es")}


def _load_taxonomy() -> Taxonomy:
    taxonomy = Taxonomy()
    hubs = list(Hub.objects.select_related("region"))
    hub_by_region = {hub.region_id: hub.code for hub in hubs}
    for region in Region.objects.all():
        taxonomy.regions[region.code] = {"names": _names(region), "hub": hub_by_region.get(region.pk)}
        taxonomy.region_ids[region.pk] = region.code
    for hub in hubs:
        taxonomy.hubs[hub.code] = {"names": _names(hub), "color": hub.color, "region": hub.region.code}
    for code, region_id in Country.objects.values_list("code", "region_id"):
        taxonomy.countries[code] = taxonomy.region_ids[region_id]
    for term in Challenge.objects.all():
        taxonomy.challenges[term.code] = {"id": term.pk, "names": _names(term)}
        taxonomy.challenge_ids[term.pk] = term.code
    for term in PracticeArea.objects.all():
        taxonomy.practice_areas[term.code] = {"id": term.pk, "names": _names(term)}
        taxonomy.practice_area_ids[term.pk] = term.code
    return taxonomy


def get_taxonomy() -> Taxonomy:
    return cached("taxonomy", _load_taxonomy)


def _figures() -> dict:
    members = City.objects.public()
    return {
        "members": members.count(),
        "countries": members.values("country_id").distinct().count(),
        "hubs": Hub.objects.count(),
        "authority_types": members.values("authority_type").distinct().count(),
        "demo": City.objects.filter(is_demo=True).exists(),
    }


def network_figures() -> dict:
    """Member count and other headline figures, computed from the data."""
    return cached("figures", _figures)


def demo_data_loaded() -> bool:
    return network_figures()["demo"]
