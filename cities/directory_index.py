"""An in-memory index of every authority for the directory's filters, facet
counts, sorting and paging.

Counting ten facets with SQL means ten scans of the table for every new
query; at 100,000 authorities that is far too slow for a page. Instead each
process keeps the few columns the directory filters on as NumPy arrays (about
5 MB at 100,000 authorities), rebuilt when the network's data version changes
(any committed save moves it on, in the database every process reads; see
`selectors.py`). A filter is then a boolean mask, a facet a `bincount`, a page
a slice of a precomputed sort order; only the rows shown are read from the
database, and those are read with the visibility filter again, so an index a
moment behind can never show an authority the reader may not see.

Exports, the map data and the API's detail views use the same filters as SQL
(`DirectoryFilters.queryset()`); tests check that both give the same members.
A search engine (PostgreSQL full text, OpenSearch) could take this role when
the network outgrows one process's memory; at the scale in DESIGN.md it does not.
"""

import threading
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from core.i18n import LANGUAGE_CODES
from core.text import fold

from .models import POPULATION_BANDS, AuthorityType, City, CityChallenge, CityNeed, CityOffer, SettlementType, Stage
from .selectors import Taxonomy, Version, data_version, forget_local_state, get_taxonomy

STAGES = list(Stage.values)
AUTHORITY_TYPES = list(AuthorityType.values)
SETTLEMENT_TYPES = list(SettlementType.values)
BANDS = [code for code, _label, _low, _high in POPULATION_BANDS]


def _band(population) -> int:
    if population is None:
        return -1
    for index, (_code, _label, low, high) in enumerate(POPULATION_BANDS):
        if population >= low and (high is None or population < high):
            return index
    return -1


# The columns read for the index, in this order (`_COLUMNS` and `build` read rows by position).
_FIELDS = (
    "pk",
    "stage",
    "country_id",
    "authority_type",
    "settlement_type",
    "population",
    "date_joined",
    "search_text",
    "name",
    *[f"name_{code}" for code in LANGUAGE_CODES],
    "latitude",
    "longitude",
)
_CHUNK = 5000
# (array, dtype, value of a row): the arrays built chunk by chunk (and "country", from the taxonomy).
_COLUMNS = (
    ("ids", np.int64, lambda row: row[0]),
    ("stage", np.int8, lambda row: STAGES.index(row[1])),
    ("authority_type", np.int8, lambda row: AUTHORITY_TYPES.index(row[3])),
    ("settlement_type", np.int8, lambda row: SETTLEMENT_TYPES.index(row[4])),
    ("band", np.int8, lambda row: _band(row[5])),
    ("population", np.int64, lambda row: row[5] if row[5] is not None else -1),
    ("joined", np.int32, lambda row: row[6].toordinal() if row[6] else 0),
    ("latitude", np.float64, lambda row: row[-2]),
    ("longitude", np.float64, lambda row: row[-1]),
)


@dataclass
class DirectoryIndex:
    version: Version
    taxonomy: Taxonomy
    ids: np.ndarray
    stage: np.ndarray
    country: np.ndarray
    region: np.ndarray
    hub: np.ndarray
    authority_type: np.ndarray
    settlement_type: np.ndarray
    band: np.ndarray
    population: np.ndarray
    joined: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    challenges: np.ndarray
    offers: np.ndarray
    needs: np.ndarray
    search_text: list[str]
    names: dict[str, list[str]]
    country_codes: list[str]
    region_codes: list[str]
    hub_codes: list[str]  # the last one is the central team
    challenge_codes: list[str]
    area_codes: list[str]
    _orders: dict = field(default_factory=dict)

    # Building

    @classmethod
    def build(cls, version: Version) -> "DirectoryIndex":
        taxonomy = get_taxonomy()
        country_codes = sorted(taxonomy.countries)
        region_codes = list(taxonomy.regions)
        hub_codes = list(taxonomy.hubs) + ["central"]
        country_pos = {code: i for i, code in enumerate(country_codes)}
        region_of_country = np.array([region_codes.index(taxonomy.countries[c]) for c in country_codes], dtype=np.int16)
        hub_of_country = np.array(
            [hub_codes.index(taxonomy.hub_of_country(c) or "central") for c in country_codes], dtype=np.int16
        )
        # Read in chunks, each turned into small arrays at once: the 100,000 rows never stand in memory
        # together as Python tuples (some 100 MB at their peak, which a process keeps after freeing them).
        specs = (*_COLUMNS, ("country", np.int16, lambda row: country_pos.get(row[2], 0)))
        columns = {name: [] for name, _dtype, _value in specs}
        search_text: list[str] = []
        names: dict[str, list[str]] = {code: [] for code in LANGUAGE_CODES}
        rows = City.objects.order_by("pk").values_list(*_FIELDS).iterator(chunk_size=_CHUNK)
        while chunk := list(islice(rows, _CHUNK)):
            for name, dtype, value in specs:
                columns[name].append(np.fromiter(map(value, chunk), dtype=dtype, count=len(chunk)))
            search_text.extend(row[7] for row in chunk)
            for code, folded in cls._sort_names(chunk).items():
                names[code].extend(folded)
        arrays = {
            name: np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)
            for (name, dtype, _value), parts in zip(specs, columns.values(), strict=True)
        }
        ids, country = arrays["ids"], arrays["country"]
        count = len(ids)
        challenge_codes = list(taxonomy.challenges)
        area_codes = list(taxonomy.practice_areas)
        index = cls(
            version=version,
            taxonomy=taxonomy,
            **arrays,
            region=region_of_country[country] if count else np.zeros(0, dtype=np.int16),
            hub=hub_of_country[country] if count else np.zeros(0, dtype=np.int16),
            challenges=cls._bits(ids, CityChallenge, "challenge_id", taxonomy.challenge_ids, challenge_codes),
            offers=cls._bits(ids, CityOffer, "practice_area_id", taxonomy.practice_area_ids, area_codes),
            needs=cls._bits(ids, CityNeed, "practice_area_id", taxonomy.practice_area_ids, area_codes),
            search_text=search_text,
            names=names,
            country_codes=country_codes,
            region_codes=region_codes,
            hub_codes=hub_codes,
            challenge_codes=challenge_codes,
            area_codes=area_codes,
        )
        return index

    @staticmethod
    def _sort_names(rows) -> dict[str, list[str]]:
        official = [fold(row[8]) for row in rows]
        return {
            code: [fold(row[9 + i]) if row[9 + i] else official[j] for j, row in enumerate(rows)]
            for i, code in enumerate(LANGUAGE_CODES)
        }

    @staticmethod
    def _bits(ids, model, field_name, id_to_code, codes) -> np.ndarray:
        """One bit per term for each authority, read in chunks (a few hundred thousand rows at 100,000)."""
        bit_of = {pk: 1 << codes.index(code) for pk, code in id_to_code.items()}
        bits = np.zeros(len(ids), dtype=np.int64)
        pairs = model.objects.order_by().values_list("city_id", field_name).iterator(chunk_size=_CHUNK)
        while chunk := list(islice(pairs, _CHUNK)):
            city = np.fromiter((city_id for city_id, _term in chunk), dtype=np.int64, count=len(chunk))
            bit = np.fromiter((bit_of.get(term, 0) for _city, term in chunk), dtype=np.int64, count=len(chunk))
            positions = np.searchsorted(ids, city)
            # an authority added after the index read its rows has no place in it yet
            known = positions < len(ids)
            known[known] = ids[positions[known]] == city[known]
            np.bitwise_or.at(bits, positions[known], bit[known])
        return bits

    # Filtering

    def mask(self, values: dict, *, staff: bool, skip: str | None = None, text_mask=None) -> np.ndarray:
        mask = np.ones(len(self.ids), dtype=bool)
        stage = values.get("stage") if staff else None
        if skip != "stage":
            if not stage:
                mask &= self.stage == STAGES.index(Stage.MEMBER)
            elif stage != "all":
                mask &= self.stage == STAGES.index(stage)
        if text_mask is not None:
            mask &= text_mask
        simple = {
            "hub": (self.hub, self.hub_codes),
            "region": (self.region, self.region_codes),
            "country": (self.country, self.country_codes),
            "authority_type": (self.authority_type, AUTHORITY_TYPES),
            "settlement_type": (self.settlement_type, SETTLEMENT_TYPES),
            "population": (self.band, BANDS),
        }
        for name, (column, codes) in simple.items():
            if name != skip and values.get(name) in codes:
                mask &= column == codes.index(values[name])
        bitsets = {
            "challenge": (self.challenges, self.challenge_codes),
            "offers": (self.offers, self.area_codes),
            "needs": (self.needs, self.area_codes),
        }
        for name, (column, codes) in bitsets.items():
            if name != skip and values.get(name) in codes:
                mask &= (column & (1 << codes.index(values[name]))) != 0
        return mask

    def text_mask(self, query: str):
        key = fold(query)
        if not key:
            return None
        return np.fromiter((key in text for text in self.search_text), dtype=bool, count=len(self.search_text))

    def facet_counts(self, values: dict, *, staff: bool, facets: list[str]) -> dict[str, dict[str, int]]:
        text_mask = self.text_mask(values.get("q", ""))
        shared = None
        counts: dict[str, dict[str, int]] = {}
        for name in facets:
            if name in values or name == "stage":
                mask = self.mask(values, staff=staff, skip=name, text_mask=text_mask)
            else:
                if shared is None:
                    shared = self.mask(values, staff=staff, text_mask=text_mask)
                mask = shared
            counts[name] = self._count(name, mask)
        return counts

    def _count(self, name: str, mask: np.ndarray) -> dict[str, int]:
        columns = {
            "hub": (self.hub, self.hub_codes),
            "region": (self.region, self.region_codes),
            "country": (self.country, self.country_codes),
            "authority_type": (self.authority_type, AUTHORITY_TYPES),
            "settlement_type": (self.settlement_type, SETTLEMENT_TYPES),
            "stage": (self.stage, STAGES),
        }
        if name in columns:
            column, codes = columns[name]
            tally = np.bincount(column[mask].astype(np.int64), minlength=len(codes))
            return {codes[i]: int(n) for i, n in enumerate(tally) if n}
        if name == "population":
            bands = self.band[mask].astype(np.int64)
            tally = np.bincount(bands[bands >= 0], minlength=len(BANDS))
            return {BANDS[i]: int(n) for i, n in enumerate(tally) if n}
        column, codes = {
            "challenge": (self.challenges, self.challenge_codes),
            "offers": (self.offers, self.area_codes),
            "needs": (self.needs, self.area_codes),
        }[name]
        selected = column[mask]
        result = {}
        for bit, code in enumerate(codes):
            n = int(np.count_nonzero(selected & (1 << bit)))
            if n:
                result[code] = n
        return result

    # Sorting

    def order(self, sort: str, language: str) -> np.ndarray:
        key = (sort, language if sort in ("name", "country") else "")
        if key not in self._orders:
            self._orders[key] = self._compute_order(sort, language)
        return self._orders[key]

    def _compute_order(self, sort: str, language: str) -> np.ndarray:
        positions = np.arange(len(self.ids))
        if sort == "-population":
            return np.lexsort((self.ids, -self.population))
        if sort == "population":
            missing_last = np.where(self.population < 0, np.iinfo(np.int64).max, self.population)
            return np.lexsort((self.ids, missing_last))
        if sort == "-date_joined":
            return np.lexsort((self.ids, -self.joined.astype(np.int64)))
        names = self.names.get(language) or self.names["en"]
        if sort == "country":
            return np.array(
                sorted(positions, key=lambda i: (self.country_codes[self.country[i]], names[i])), dtype=np.int64
            )
        return np.array(sorted(positions, key=lambda i: (names[i], self.ids[i])), dtype=np.int64)

    def nearest_members(self, pk: int, latitude: float, longitude: float, count: int) -> list[int]:
        """Ids of the `count` public members nearest to a point (great-circle distance), excluding `pk`."""
        candidates = np.flatnonzero((self.stage == STAGES.index(Stage.MEMBER)) & (self.ids != pk))
        if not len(candidates):
            return []
        lat1, lon1 = np.radians(latitude), np.radians(longitude)
        lat2, lon2 = np.radians(self.latitude[candidates]), np.radians(self.longitude[candidates])
        haversine = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        count = min(count, len(candidates))
        nearest = np.argpartition(haversine, count - 1)[:count]
        nearest = nearest[np.argsort(haversine[nearest], kind="stable")]
        return [int(self.ids[candidates[i]]) for i in nearest]

    def result_ids(self, values: dict, *, staff: bool, language: str) -> np.ndarray:
        mask = self.mask(values, staff=staff, text_mask=self.text_mask(values.get("q", "")))
        order = self.order(values.get("sort") or "name", language)
        return self.ids[order[mask[order]]]


_lock = threading.Lock()
_current: DirectoryIndex | None = None  # built from committed data, shared by the process's threads
_own = threading.local()  # an index that includes this thread's uncommitted changes


def get_directory_index() -> DirectoryIndex:
    """The index for the current data version, built on first use in this process."""
    global _current
    version = data_version()
    if not version.shared:
        index = getattr(_own, "index", None)
        if index is None or index.version != version:
            index = _own.index = DirectoryIndex.build(version)
        return index
    index = _current
    if index is not None and index.version == version:
        return index
    with _lock:
        if _current is None or _current.version != version:
            _current = DirectoryIndex.build(version)
        return _current


def forget_directory_index() -> None:
    """Drop this process's index and version state (tests roll the database back, so numbers repeat)."""
    global _current
    _current = None
    _own.index = None
    forget_local_state()


def warm(*, freeze: bool = True) -> None:
    """Build, before the app server forks its workers (gunicorn's `preload_app`, config/gunicorn.py),
    what every worker reads and would otherwise build on its first request: the taxonomy, the
    directory index for the current data version with its name orders in every language, and the
    compressed map data and open-data files' state (`cities.open_data.warm`). The workers share those
    pages until the data version moves on; then each rebuilds its index on its next request, as before.

    Safe to call anywhere: on an empty or not yet migrated database it builds nothing and never
    raises. It closes the database connections it opened, which must not be shared with the workers.
    """
    import gc
    import logging

    from django.db import connections

    log = logging.getLogger(__name__)
    try:
        index = get_directory_index()
        for language in LANGUAGE_CODES:
            index.order("name", language)
        from .open_data import warm as warm_open_data

        warm_open_data()
    except Exception:  # an empty, missing or not yet migrated database: workers build on first use
        log.warning("Directory index not built before forking", exc_info=True)
    finally:
        connections.close_all()
        forget_local_state()
    if freeze:
        gc.collect()
        gc.freeze()  # what was built stays in the pages the workers share (no collector writes to them)
