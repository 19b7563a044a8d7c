"""Reads that span several models, cached against the network's data version.

The version is one row in the database (`DataVersion`), so every process (web
workers, task workers, a shell, a command) reads the same number. Every save or
delete of network data moves it on once the transaction commits (see
`signals.py`), so cached figures, facet counts, taxonomy and the directory index
are never stale and never typed in; a rolled-back change moves nothing.

A request reads the number once (one small query) and keeps it for that request
only. A connection that has changed network data and not committed yet sees a
*pending* version of its own: what it builds from its uncommitted rows is keyed
on that, so it is never shared with other threads or processes.
"""

import itertools
import uuid
from dataclasses import dataclass, field

from asgiref.local import Local
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

from core.frontend_cache import ban_tag
from core.http_cache import add_cache_tag
from core.i18n import current_language
from core.release import release
from core.versions import read_number

from .models import Challenge, City, Country, DataVersion, Hub, PracticeArea, Region, country_name
from .vocabulary import CENTRAL_TEAM_COLOR

CACHE_SECONDS = 600

_PROCESS = uuid.uuid4().hex[:12]  # tells this process's pending versions from another's
_tokens = itertools.count(1)
_state = Local()  # per thread (or per task under ASGI), like database connections


@dataclass(frozen=True)
class Version:
    committed: int  # the shared number, as last committed
    pending: int = 0  # this connection's latest uncommitted change of network data, 0 when none

    @property
    def shared(self) -> bool:
        """True when anything built for this version may be shared with other threads and processes."""
        return not self.pending

    def __str__(self) -> str:
        return str(self.committed) if self.shared else f"{self.committed}~{_PROCESS}~{self.pending}"


def _committed_number() -> int:
    number = getattr(_state, "committed", None)
    if number is None:
        number = read_number(DataVersion, 1)
        if getattr(_state, "in_request", False):
            _state.committed = number  # for this request only
    return number


def _pending_token(using: str = DEFAULT_DB_ALIAS) -> int:
    connection = connections[using]
    if not connection.in_atomic_block:
        return 0
    return max((getattr(func, "data_version_token", 0) for _ids, func, _robust in connection.run_on_commit), default=0)


def data_version() -> Version:
    add_cache_tag("network")  # the response being built depends on network data (core/http_cache.py)
    return Version(_committed_number(), _pending_token())


def bump_data_version(using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the shared version on when the current transaction commits (at once outside one).

    Several changes in one transaction move it once. Until the commit, only this
    connection sees the change, as a pending version (`data_version()`).
    """
    batches = getattr(_state, "batches", None)
    if batches is None:
        batches = _state.batches = {}
    batch = batches.get(using)
    if batch is None or batch["done"]:
        batch = batches[using] = {"done": False}

    def move_data_version_on():
        if not batch["done"]:
            batch["done"] = True
            _increment(using)

    move_data_version_on.data_version_token = next(_tokens)
    transaction.on_commit(move_data_version_on, using=using)


def _increment(using: str) -> None:
    from .open_data import exports_changed

    versions = DataVersion.objects.using(using)
    if not versions.filter(pk=1).update(number=F("number") + 1):
        versions.get_or_create(pk=1)  # the row was deleted (a flush): a fresh number
    _state.committed = None
    ban_tag("network")  # the caching proxy drops what it built from the old version (core/frontend_cache.py)
    exports_changed(_committed_number())


def request_started(**kwargs) -> None:
    _state.in_request, _state.committed = True, None


def request_finished(**kwargs) -> None:
    _state.in_request, _state.committed = False, None


def forget_local_state() -> None:
    """Forget what this thread remembers of the version (tests roll the database back between tests)."""
    _state.in_request, _state.committed, _state.batches = False, None, {}


def cached(name: str, compute, *parts):
    """`compute()` cached under `name`, the data version and `parts`."""
    key = ":".join(["cities", name, str(data_version()), release(), *map(str, parts)])
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
