"""The peer-matching engine: ranked, explained suggestions from structured profiles.

Three questions (docs/matching.md has the formulas, the weights and a worked example):

- `peers`: "cities like mine" — similar challenges, similar context, a shared language;
- `helpers`: "who can help us with our needs" (or with one practice area);
- `pairs`: two-way learning pairs, where each side can help the other.

Plain Python and NumPy, no Django. The engine turns the profiles into arrays once;
a query scores one row (or a block of rows) against every candidate with a few
sparse products and element-wise passes, then keeps the best few.

Determinism. Rankings sort by (-score, id), so equal scores must come out exactly
equal whatever the input order or block position. Every value fed to a product
(`_product`) is a multiple of 1/64 (see `Weights`), so the products' sums are exact
in float32 in any summation order; everything after them is element-wise with a
fixed formula. The same pair therefore gets the same bits in `peers()` and in
`top_many()`, and score(a, b) == score(b, a) for peers.
"""

from __future__ import annotations

import math
import queue
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from . import kernel
from .profiles import (
    AUTHORITY_TYPES,
    CHALLENGE_CODES,
    INTENSITIES,
    MATURITIES,
    PRACTICE_AREA_CODES,
    PRIORITIES,
    SETTLEMENT_TYPES,
    Profile,
)

KINDS: tuple[str, ...] = ("peers", "helpers", "pairs")

# Reason codes (the Django layer turns them into sentences in the reader's language).
SHARED_CHALLENGES = "shared_challenges"
CAN_HELP = "can_help"
CAN_LEARN = "can_learn"
SHARED_LANGUAGES = "shared_languages"
SIMILAR_SIZE = "similar_size"
SAME_AUTHORITY_TYPE = "same_authority_type"
SAME_SETTLEMENT_TYPE = "same_settlement_type"
SAME_REGION = "same_region"
NEARBY = "nearby"
DIFFERENT_SIZE = "different_size"
DIFFERENT_REGION = "different_region"
REASON_CODES: tuple[str, ...] = (
    SHARED_CHALLENGES,
    CAN_HELP,
    CAN_LEARN,
    SHARED_LANGUAGES,
    SIMILAR_SIZE,
    SAME_AUTHORITY_TYPE,
    SAME_SETTLEMENT_TYPE,
    SAME_REGION,
    NEARBY,
    DIFFERENT_SIZE,
    DIFFERENT_REGION,
)
EARTH_RADIUS_KM = 6371.0

_EXCLUDED = np.float32(-2.0)  # added to the score of a candidate that may not be suggested (scores live in [0, 1])
_TINY = np.finfo(np.float32).smallest_subnormal  # "score >= _TINY" is "score > 0"
_CHALLENGE_ORDER = {code: i for i, code in enumerate(CHALLENGE_CODES)}
_AREA_ORDER = {code: i for i, code in enumerate(PRACTICE_AREA_CODES)}
_CHUNKS = 1024  # chunks per row when picking the best scores (see Engine._ranked)


class _Workspace:
    """Scratch arrays for scoring up to `size` rows against `n` candidates, reused block after block."""

    def __init__(self, size: int, n: int):
        self.arrays = [np.empty((size, n), np.float32) for _ in range(3)]
        self.mask = np.empty((size, n), dtype=bool)

    def views(self, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Three float32 arrays and a bool array of `rows` x n (C-contiguous views)."""
        first, second, third = (a[:rows] for a in self.arrays)
        return first, second, third, self.mask[:rows]


@dataclass(frozen=True)
class Weights:
    """Every weight and level value of the model, in one place (docs/matching.md, "Weights")."""

    # Level values. They enter matrix products, so each must be a multiple of 1/64
    # in (0, 1] (exact in float32 whatever the summation order; see the module docstring).
    #
    # Challenge intensity: how much of a challenge two cities share is the smaller of the
    # two intensities, so a severe and an emerging case only half-match.
    intensity: Mapping[str, float] = field(
        default_factory=lambda: {"emerging": 0.5, "significant": 0.75, "severe": 1.0}
    )
    # Maturity of a practice a city offers: a city just starting has little to pass on
    # yet (a quarter of a leading one); established practice is most of the way there.
    maturity: Mapping[str, float] = field(
        default_factory=lambda: {"starting": 0.25, "established": 0.75, "leading": 1.0}
    )
    # Priority of a need: a high need counts four times a low one when needs are averaged.
    priority: Mapping[str, float] = field(default_factory=lambda: {"low": 0.25, "medium": 0.5, "high": 1.0})

    # Peer similarity = challenges * w + context * w + languages * w (the three sum to 1).
    # Challenges lead: the network exists for cities facing the same problems.
    challenges: float = 0.6
    # Context (size, type, settlement) decides whether a practice fits the place.
    context: float = 0.3
    # A shared working language makes an exchange easy, but people can work through
    # interpreters, so it only tips the balance between otherwise similar cities.
    languages: float = 0.1

    # Inside context (the five sum to 1). Size matters most: budgets, staff and the
    # scale of a problem follow population; type and settlement then count equally;
    # geography (same region, distance) last: neighbours share a history, a press and
    # often a language, and can visit each other cheaply, but a practice travels.
    population: float = 0.4
    authority_type: float = 0.2
    settlement_type: float = 0.2
    region: float = 0.1
    distance: float = 0.1

    # Population closeness = 1 - |log10(pa) - log10(pb)| / span, floored at 0: with a span of
    # 2 decades a factor of 10 scores 0.5 and a factor of 100 or more scores 0.
    population_span: float = 2.0
    # Closeness used when either population is unknown: neither a match nor a mismatch.
    unknown_population: float = 0.5
    # Populations within this factor of each other earn the `similar_size` reason; at
    # this factor or more apart, the `different_size` reason says so.
    similar_size_factor: float = 3.0
    different_size_factor: float = 10.0

    # Nearness = 1 - distance / span, floored at 0 (straight-line distance between the
    # coordinates): next door scores 1, 1,000 km 0.5, 2,000 km or more 0.
    distance_span_km: float = 2000.0
    # Nearness used when either side has no coordinates: neither near nor far.
    unknown_distance: float = 0.5
    # Cities at most this far apart earn the `nearby` reason (with the distance).
    nearby_km: float = 300.0

    # Floors: what is too little to suggest at all.
    # Helpers: sum of priority x maturity over what the candidate can teach must reach
    # this. 1/8 is "starting" in a medium need or "established" in a low one; a city only
    # starting in a low-priority need (1/4 x 1/4 = 1/16) is not worth the asker's time.
    # A multiple of 1/64 squared, so the comparison is exact.
    help_floor: float = 0.125
    # Pairs: at least one side must offer what the other needs at this maturity or more;
    # two cities both only starting have nothing established to exchange.
    pair_maturity: str = "established"

    # Transfer = floor + (1 - floor) * peer similarity multiplies the help scores: a lesson
    # from a very different city still counts half, one from a city like ours counts fully.
    transfer_floor: float = 0.5

    # At most this many items in a list-valued reason (shared challenges, can_help, can_learn).
    reason_items: int = 3

    def __post_init__(self) -> None:
        for name, codes in (("intensity", INTENSITIES), ("maturity", MATURITIES), ("priority", PRIORITIES)):
            levels = getattr(self, name)
            if set(levels) != set(codes):
                raise ValueError(f"Weights.{name} must give a value to each of {', '.join(codes)}")
            object.__setattr__(self, name, MappingProxyType(dict(levels)))  # frozen all the way down
            values = [levels[code] for code in codes]
            if any(not 0 < v <= 1 or (v * 64) != int(v * 64) for v in values) or values != sorted(values):
                raise ValueError(f"Weights.{name}: values must be multiples of 1/64 in (0, 1], rising with the level")
        for names in (
            ("challenges", "context", "languages"),
            ("population", "authority_type", "settlement_type", "region", "distance"),
        ):
            values = [getattr(self, name) for name in names]
            if any(v < 0 for v in values) or not math.isclose(sum(values), 1.0):
                raise ValueError(f"Weights {', '.join(names)} must be non-negative and sum to 1")
        if self.population_span <= 0 or not 1 <= self.similar_size_factor <= self.different_size_factor:
            raise ValueError(
                "Weights.population_span must be positive and 1 <= similar_size_factor <= different_size_factor"
            )
        if self.distance_span_km <= 0 or self.nearby_km < 0 or not 0 <= self.unknown_distance <= 1:
            raise ValueError("Weights.distance_span_km must be positive, nearby_km >= 0, unknown_distance in [0, 1]")
        if not 0 <= self.help_floor <= 1 or self.pair_maturity not in MATURITIES:
            raise ValueError(f"Weights.help_floor must be in [0, 1] and pair_maturity one of {', '.join(MATURITIES)}")
        if not 0 < self.transfer_floor <= 1 or not 0 <= self.unknown_population <= 1:
            raise ValueError("Weights.transfer_floor must be in (0, 1] and unknown_population in [0, 1]")
        if self.reason_items < 1:
            raise ValueError("Weights.reason_items must be at least 1")


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Options:
    """Limits on the candidates (never on the asker).

    `hub`, `region`: the candidate's hub / region code. `language`: the candidate works
    in it. `exclude_own_country`: no candidate from the asker's country. `diversity`:
    at most this many results from one country — the ranking is walked from the top
    and a candidate is skipped once `diversity` results from its country are taken.
    """

    hub: str | None = None
    region: str | None = None
    language: str | None = None
    exclude_own_country: bool = False
    diversity: int | None = None

    def __post_init__(self) -> None:
        if self.diversity is not None and (isinstance(self.diversity, bool) or self.diversity < 1):
            raise ValueError("Options.diversity must be a positive integer or None")


@dataclass(frozen=True)
class Reason:
    """Why a candidate was suggested: a code and JSON-able parameters, no sentences."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """One suggestion: the candidate's id, its score and components (all in [0, 1]) and the reasons."""

    id: str
    score: float
    components: dict[str, float]
    reasons: list[Reason]


class Engine:
    """Suggestions over a fixed set of profiles. Build once, query many times (read-only, thread-safe)."""

    # `top_all` / `top_many` score with the compiled loop (`matching/kernel.py`) where it applies:
    # no `diversity`, no named area. The same lists as the NumPy path; False forces that path.
    use_kernel = True

    def __init__(self, profiles: Sequence[Profile], weights: Weights = DEFAULT_WEIGHTS):
        self.weights = w = weights
        given = list(profiles)
        seen: set[str] = set()
        for profile in given:
            if profile.id in seen:
                raise ValueError(f"duplicate profile id {profile.id!r}")
            seen.add(profile.id)
        self._ids = [profile.id for profile in given]  # input order
        # Rows: the profiles that may be suggested (joining, member) first, so that the candidates
        # are the first `_m` columns of every array (views, no copies) and a query scores only them.
        self._profiles: list[Profile] = [p for p in given if p.eligible] + [p for p in given if not p.eligible]
        self._index: dict[str, int] = {profile.id: row for row, profile in enumerate(self._profiles)}
        n = len(self._profiles)
        self._n = n
        self._m = sum(1 for p in given if p.eligible)

        # Ties are broken by id: `_id_rank` is each row's place in id order.
        self._id_rank = np.empty(n, dtype=np.int64)
        self._id_rank[sorted(range(n), key=lambda row: self._profiles[row].id)] = np.arange(n)

        # Challenges, as "at least this intensity" steps. The overlap of two cities on a
        # challenge is the smaller intensity, min(a, b) = sum over levels t of step_t *
        # [a >= t] * [b >= t], so one matrix product of these 0/1 columns (scaled by the
        # steps on one side) sums the overlaps of all twelve challenges at once.
        levels = [w.intensity[code] for code in INTENSITIES]
        steps = np.diff([0.0, *levels]).astype(np.float32)
        at_least = np.zeros((n, len(INTENSITIES), len(CHALLENGE_CODES)), dtype=np.float32)
        challenge_total = np.zeros(n, dtype=np.float32)
        for row, profile in enumerate(self._profiles):
            for code, intensity in profile.challenges.items():
                level = INTENSITIES.index(intensity)
                at_least[row, : level + 1, CHALLENGE_CODES.index(code)] = 1.0
                challenge_total[row] += w.intensity[intensity]
        width = len(INTENSITIES) * len(CHALLENGE_CODES)
        self._at_least_t = np.ascontiguousarray(at_least.reshape(n, width).T)  # candidates' side, by column
        self._at_least_steps = (at_least * steps[None, :, None]).reshape(n, width)  # askers' side, by row
        del at_least
        self._challenge_total = challenge_total
        # The same overlaps for a block of askers, faster: each challenge's intensity per
        # candidate (0 when not listed), and per asker the (column, intensity) it lists, so
        # that the overlap is the sum over the asker's few challenges of min(asker, column).
        self._intensity_t = np.zeros((len(CHALLENGE_CODES), n), dtype=np.float32)
        self._asker_challenges: list[list[tuple[int, np.float32]]] = []
        for row, profile in enumerate(self._profiles):
            listed = []
            for code, intensity in profile.challenges.items():
                column, value = _CHALLENGE_ORDER[code], np.float32(w.intensity[intensity])
                self._intensity_t[column, row] = value
                listed.append((column, value))
            self._asker_challenges.append(sorted(listed))

        # Practice areas: maturity of what a city offers, priority of what it needs.
        self._offers = np.zeros((n, len(PRACTICE_AREA_CODES)), dtype=np.float32)
        self._needs = np.zeros((n, len(PRACTICE_AREA_CODES)), dtype=np.float32)
        for row, profile in enumerate(self._profiles):
            for code, maturity in profile.offers.items():
                self._offers[row, PRACTICE_AREA_CODES.index(code)] = w.maturity[maturity]
            for code, priority in profile.needs.items():
                self._needs[row, PRACTICE_AREA_CODES.index(code)] = w.priority[priority]
        self._offers_t = np.ascontiguousarray(self._offers.T)  # candidates' side, by column
        self._needs_t = np.ascontiguousarray(self._needs.T)
        need_total = self._needs.sum(axis=1)
        self._need_inverse = np.divide(1.0, need_total, out=np.zeros(n, np.float32), where=need_total > 0)
        # For the pairs' floor: needs as 0/1 and offers at `pair_maturity` or more as 0/1, so
        # that one product counts, per pair, the areas where one side can teach the other well.
        needed = (self._needs > 0).astype(np.float32)
        taught = (self._offers >= np.float32(w.maturity[w.pair_maturity])).astype(np.float32)
        self._pair_left = np.ascontiguousarray(np.hstack([needed, taught]))  # askers' side
        self._pair_right_t = np.ascontiguousarray(np.hstack([taught, needed]).T)  # candidates' side
        self._floor_masks: dict[tuple[int, float], np.ndarray] = {}

        # Context: log10 population (NaN when unknown), authority and settlement types.
        # (0 is unknown too: what a form leaves when nobody filled it in.)
        population = np.array([p.population or np.nan for p in self._profiles], np.float64)
        self._log_population = np.log10(np.maximum(population, 1.0)).astype(np.float32)
        # ... and scaled so that weight * closeness = max(0, weight - |a - b|).
        self._population_scaled = self._log_population * np.float32(w.context * w.population / w.population_span)
        self._population_unknown = np.flatnonzero(np.isnan(population))
        self._population_known = ~np.isnan(population)
        # Places on the unit sphere (NaN without coordinates): the straight-line (chord)
        # distance needs only subtractions, products and a square root, exactly rounded in
        # any order, so distances are symmetric and the same in a block as alone.
        lat = np.radians([np.nan if p.lat is None or p.lon is None else p.lat for p in self._profiles])
        lon = np.radians([np.nan if p.lat is None or p.lon is None else p.lon for p in self._profiles])
        xyz = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
        self._xyz = xyz  # float64, for components and reasons
        # ... and scaled so that weight * nearness = max(0, weight - |a - b|).
        scale = w.context * w.distance * EARTH_RADIUS_KM / w.distance_span_km
        self._xyz_scaled = [np.ascontiguousarray(axis * scale, dtype=np.float32) for axis in xyz]
        self._place_unknown = np.flatnonzero(np.isnan(lat))
        self._authority_type = np.array([AUTHORITY_TYPES.index(p.authority_type) for p in self._profiles], np.int8)
        self._settlement_type = np.array([SETTLEMENT_TYPES.index(p.settlement_type) for p in self._profiles], np.int8)

        # Working languages as bit masks in 32-bit words, the commonest languages in the
        # first word (most rows never need the others).
        counts: dict[str, int] = {}
        for profile in self._profiles:
            for code in profile.languages:
                counts[code] = counts.get(code, 0) + 1
        self._language_bit = {code: i for i, code in enumerate(sorted(counts, key=lambda c: (-counts[c], c)))}
        words = max(1, -(-len(self._language_bit) // 32))
        self._languages = np.zeros((n, words), dtype=np.uint32)
        for row, profile in enumerate(self._profiles):
            for code in profile.languages:
                bit = self._language_bit[code]
                self._languages[row, bit // 32] |= np.uint32(1 << (bit % 32))
        self._language_words = [np.ascontiguousarray(self._languages[:, i]) for i in range(words)]

        # Places as small integer codes (-1: no hub).
        self._country_code, self._country = _codes([p.country for p in self._profiles])
        self._region_code, self._region = _codes([p.region for p in self._profiles])
        self._hub_code, self._hub = _codes([p.hub for p in self._profiles])
        self._eligible = np.array([p.eligible for p in self._profiles], dtype=bool)

        # Weights folded for the element-wise passes.
        self._w_challenges = np.float32(w.challenges)
        self._w_population = np.float32(w.context * w.population)
        self._w_population_unknown = np.float32(w.context * w.population * w.unknown_population)
        self._w_authority_type = np.float32(w.context * w.authority_type)
        self._w_settlement_type = np.float32(w.context * w.settlement_type)
        self._w_region = np.float32(w.context * w.region)
        self._w_distance = np.float32(w.context * w.distance)
        self._w_distance_unknown = np.float32(w.context * w.distance * w.unknown_distance)
        self._help_floor = np.float32(w.help_floor)
        self._w_languages = np.float32(w.languages)
        self._similar_size = math.log10(w.similar_size_factor)
        self._different_size = math.log10(w.different_size_factor)

    # -- look-ups ---------------------------------------------------------------------

    def __len__(self) -> int:
        return self._n

    def __contains__(self, profile_id: object) -> bool:
        return profile_id in self._index

    @property
    def ids(self) -> list[str]:
        """The profile ids in input order."""
        return list(self._ids)

    def profile(self, profile_id: str) -> Profile:
        return self._profiles[self._row(profile_id)]

    def _row(self, profile_id: str) -> int:
        try:
            return self._index[profile_id]
        except KeyError:
            raise KeyError(f"no profile with id {profile_id!r} in the matching engine") from None

    @property
    def nbytes(self) -> int:
        """Memory held by the engine's arrays."""
        return sum(value.nbytes for value in vars(self).values() if isinstance(value, np.ndarray))

    # -- queries ----------------------------------------------------------------------

    def peers(self, profile_id: str, *, top: int = 10, options: Options = Options()) -> list[Match]:
        """Cities like this one: similar challenges and context, a shared language."""
        return self._query("peers", profile_id, top=top, options=options)

    def helpers(
        self, profile_id: str, *, area: str | None = None, top: int = 10, options: Options = Options()
    ) -> list[Match]:
        """Cities that can help with this city's needs (or with `area`), best first.

        Only candidates offering at least one needed area (or `area`) are returned; a
        city with no needs and no `area` gets an empty list.
        """
        return self._query("helpers", profile_id, area=area, top=top, options=options)

    def pairs(self, profile_id: str, *, top: int = 10, options: Options = Options()) -> list[Match]:
        """Two-way learning pairs: each side offers something the other needs."""
        return self._query("pairs", profile_id, top=top, options=options)

    def explain(
        self, kind: str, profile_id: str, candidate_ids: Sequence[str], *, area: str | None = None
    ) -> dict[str, tuple[dict[str, float], list[Reason]]]:
        """Components and reasons for chosen candidates of `profile_id`, without ranking them.

        For showing stored lists: a small engine over the asker and the listed candidates gives
        the same components and reasons as the full run (both depend on the two profiles only).
        """
        _check_kind(kind)
        area_column = self._area_column(area)
        if not candidate_ids:
            return {}
        asker = np.full(len(candidate_ids), self._row(profile_id), dtype=np.int64)
        candidate = np.array([self._row(i) for i in candidate_ids], dtype=np.int64)
        parts = {
            name: values.tolist() for name, values in self._components(kind, asker, candidate, area_column).items()
        }
        gaps = self._population_gap(asker, candidate).tolist()
        distances = self._distance_km(asker, candidate).tolist()
        me = self._profiles[asker[0]]
        return {
            other: (
                {name: values[i] for name, values in parts.items()},
                self._reasons(kind, me, self._profiles[row], area, gaps[i], distances[i]),
            )
            for i, (other, row) in enumerate(zip(candidate_ids, candidate.tolist(), strict=True))
        }

    def top_many(
        self,
        kind: str,
        ids: Iterable[str] | None = None,
        *,
        area: str | None = None,
        top: int = 10,
        options: Options = Options(),
        block_size: int = 32,
        workers: int = 1,
    ) -> Iterator[tuple[str, list[Match]]]:
        """(id, matches) for each id (default: every profile, in input order), as the single queries give.

        Rows are scored `block_size` at a time; each worker holds scratch arrays of about
        13 * block_size * (candidates) bytes, the candidates being the joining and member profiles
        (42 MB for 32 x 100,000 at most). `workers` threads
        score blocks in parallel (NumPy releases the GIL in the heavy parts; building the
        Matches does not). `area` applies to helpers only.
        """
        for profile_id, results in self.top_all(
            ids, kinds=(kind,), area=area, top=top, options=options, block_size=block_size, workers=workers
        ):
            yield profile_id, results[kind]

    def top_all(
        self,
        ids: Iterable[str] | None = None,
        *,
        kinds: Sequence[str] = KINDS,
        area: str | None = None,
        top: int = 10,
        needs_top: int = 0,
        options: Options = Options(),
        block_size: int = 32,
        workers: int = 1,
        explain: bool = True,
    ) -> Iterator[tuple[str, dict[str, list[Match]]]]:
        """Like `top_many` for several kinds at once, sharing the similarity computation.

        Yields (id, {kind: matches}) in the order of `ids`; for recomputing the whole network.
        With `needs_top`, the dict also holds "helpers:<area>" for each area the asker needs:
        the same list as `helpers(id, area=<area>, top=needs_top)`. With `explain=False` the
        Matches carry the id and score only (no components, no reasons): what the stored lists
        keep, in about half the time.
        """
        kinds = tuple(kinds)
        for kind in kinds:
            _check_kind(kind)
        area_column = self._area_column(area)
        rows, blocks = self._blocks(ids, top, needs_top, block_size, workers)
        penalty = self._penalty(options)
        compiled = self.use_kernel and kernel.available() and area_column is None and options.diversity is None
        if compiled:
            self._kernel_inputs()  # once, before any thread needs them
        spare = queue.SimpleQueue()  # one workspace per worker, reused block after block
        area_cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # see _area_candidates
        for _ in range(0 if compiled else min(workers, len(blocks))):
            spare.put(_Workspace(min(block_size, len(rows)), self._m))

        def run(block: np.ndarray) -> list[tuple[str, dict[str, list[Match]]]]:
            if compiled:
                found = self._block_compiled(block, kinds, top, options, penalty, needs_top, explain)
            else:
                workspace = spare.get()
                try:
                    found = self._block(
                        block, kinds, area_column, top, options, penalty, workspace, needs_top, explain, area_cache
                    )
                finally:
                    spare.put(workspace)
            return [
                (self._profiles[row].id, {key: lists[i] for key, lists in found.items() if lists[i] is not None})
                for i, row in enumerate(block)
            ]

        for done in _pipelined(run, blocks, workers):
            yield from done

    def top_scores(
        self,
        ids: Iterable[str] | None = None,
        *,
        top: int = 10,
        needs_top: int = 0,
        options: Options = Options(),
        block_size: int = 64,
        workers: int = 1,
    ) -> Iterator[tuple[str, str, list[str], list[float]]]:
        """(asker id, key, candidate ids, scores) for every list that `top_all(ids, top=top, needs_top=needs_top,
        options=options, explain=False)` gives, in the same order and with the same scores, without building
        Match objects: the lean form for storing every list of the network (`matching.services`).

        With `workers` > 1, blocks are scored in that many threads while the caller consumes the lists
        (the compiled loop releases the GIL).
        """
        if not (self.use_kernel and kernel.available() and options.diversity is None):
            for asker, found in self.top_all(
                ids, top=top, needs_top=needs_top, options=options, block_size=block_size, workers=workers,
                explain=False,
            ):  # fmt: skip
                for key, matches in found.items():
                    yield asker, key, [m.id for m in matches], [m.score for m in matches]
            return
        rows, blocks = self._blocks(ids, top, needs_top, block_size, workers)
        penalty = self._penalty(options)
        self._kernel_inputs()  # once, before any thread needs them
        want = np.ones(len(KINDS), np.uint8)
        keys = [*KINDS, *(f"helpers:{code}" for code in PRACTICE_AREA_CODES)]
        needs = self._needs

        def run(block: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
            return block, self._kernel_run(block, want, top, needs_top, options.exclude_own_country, penalty)

        ids_by_row = [profile.id for profile in self._profiles]
        for block, (scores, chosen, counts) in _pipelined(run, blocks, workers):
            filled = np.arange(scores.shape[2])[None, None, :] < counts[:, :, None]
            found_ids = [ids_by_row[c] for c in chosen[filled].tolist()]
            found_scores = scores[filled].tolist()
            at = 0
            for b, row in enumerate(block.tolist()):
                asker = ids_by_row[row]
                lengths = counts[b].tolist()
                for index in range(len(KINDS)):
                    end = at + lengths[index]
                    yield asker, keys[index], found_ids[at:end], found_scores[at:end]
                    at = end
                if needs_top:
                    for column in np.flatnonzero(needs[row]).tolist():
                        index = kernel.FIRST_AREA + column
                        end = at + lengths[index]
                        yield asker, keys[index], found_ids[at:end], found_scores[at:end]
                        at = end

    def _blocks(
        self, ids: Iterable[str] | None, top: int, needs_top: int, block_size: int, workers: int
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """The askers' rows (every authority when `ids` is None) and those rows cut in blocks, arguments checked."""
        _check_top(top)
        if needs_top:
            _check_top(needs_top)
        if block_size < 1 or workers < 1:
            raise ValueError("block_size and workers must be at least 1")
        rows = np.array([self._row(i) for i in (self._ids if ids is None else ids)], dtype=np.int64)
        return rows, [rows[start : start + block_size] for start in range(0, len(rows), block_size)]

    def _kernel_inputs(self) -> dict[str, Any]:
        """The arrays `kernel.top_block` reads (built on first use: small engines for pages never need them)."""
        found = getattr(self, "_kernel_arrays", None)
        if found is not None:
            return found
        n = self._n

        def csr(entries: list[list[tuple[int, float]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            pointer = np.zeros(n + 1, np.int64)
            pointer[1:] = np.cumsum([len(listed) for listed in entries])
            flat = [item for listed in entries for item in listed]
            columns = np.array([column for column, _ in flat], np.int64)
            values = np.array([value for _, value in flat], np.float32)
            return pointer, columns, values

        def nonzero_rows(matrix: np.ndarray) -> list[list[tuple[int, float]]]:
            return [[(k, row[k]) for k in np.flatnonzero(row).tolist()] for row in matrix]

        def bits(matrix: np.ndarray) -> np.ndarray:
            return (matrix.astype(np.int32) << np.arange(matrix.shape[1], dtype=np.int32)).sum(axis=1, dtype=np.int32)

        w = self.weights
        weights = np.zeros(kernel.WEIGHT_COUNT, np.float32)
        weights[kernel.W_CHALLENGES] = self._w_challenges
        weights[kernel.W_POPULATION] = self._w_population
        weights[kernel.W_POPULATION_UNKNOWN] = self._w_population_unknown
        weights[kernel.W_AUTHORITY] = self._w_authority_type
        weights[kernel.W_SETTLEMENT] = self._w_settlement_type
        weights[kernel.W_REGION] = self._w_region
        weights[kernel.W_DISTANCE] = self._w_distance
        weights[kernel.W_DISTANCE_UNKNOWN] = self._w_distance_unknown
        weights[kernel.W_LANGUAGES] = self._w_languages
        weights[kernel.W_TRANSFER_SLOPE] = np.float32(1 - w.transfer_floor)
        weights[kernel.W_TRANSFER_FLOOR] = np.float32(w.transfer_floor)
        weights[kernel.W_HELP_FLOOR] = self._help_floor
        weights[kernel.W_TINY] = _TINY
        challenge = csr(self._asker_challenges)
        need = csr(nonzero_rows(self._needs))
        offer = csr(nonzero_rows(self._offers))
        half = self._pair_left.shape[1] // 2
        arrays = {
            "weights": weights,
            "id_rank": self._id_rank,
            "challenge_ptr": challenge[0],
            "challenge_col": challenge[1],
            "challenge_val": challenge[2],
            "intensity_t": self._intensity_t,
            "challenge_total": self._challenge_total,
            "population": self._population_scaled,
            "authority": self._authority_type,
            "settlement": self._settlement_type,
            "region": self._region_code,
            "country": self._country_code,
            "x": self._xyz_scaled[0],
            "y": self._xyz_scaled[1],
            "z": self._xyz_scaled[2],
            "languages": np.ascontiguousarray(np.stack(self._language_words)),
            "need_ptr": need[0],
            "need_col": need[1],
            "need_val": need[2],
            "offer_ptr": offer[0],
            "offer_col": offer[1],
            "offer_val": offer[2],
            "offers_t": self._offers_t,
            "needs_t": self._needs_t,
            "need_inverse": self._need_inverse,
            "need_bits": bits(self._pair_left[:, :half]),
            "taught_bits": bits(self._pair_left[:, half:]),
        }
        self._kernel_arrays = arrays
        return arrays

    def _block_compiled(
        self,
        rows: np.ndarray,
        kinds: Sequence[str],
        top: int,
        options: Options,
        penalty: np.ndarray,
        needs_top: int,
        explain: bool,
    ) -> dict[str, list[list[Match] | None]]:
        """What `_block` gives for `rows` (no diversity, no named area), scored by `kernel.top_block`."""
        want = np.array([kind in kinds for kind in KINDS], np.uint8)
        scores, chosen, counts = self._kernel_run(rows, want, top, needs_top, options.exclude_own_country, penalty)
        capacity = scores.shape[2]
        results: dict[str, list[list[Match] | None]] = {}

        def build(list_index: int, kind: str, area_column: int | None, members: np.ndarray) -> list[list[Match]]:
            taken = counts[members, list_index].tolist()
            mask = np.arange(capacity)[None, :] < counts[members, list_index][:, None]
            return self._build_matches(
                kind,
                rows[members],
                taken,
                chosen[members, list_index][mask],
                scores[members, list_index][mask].tolist(),
                area_column,
                explain,
            )

        everyone = np.arange(len(rows))
        for index, kind in enumerate(KINDS):
            if kind in kinds:
                results[kind] = build(index, kind, None, everyone)
        if needs_top:
            needed = self._needs[rows]
            for column in np.flatnonzero(needed.any(axis=0)).tolist():
                askers = np.flatnonzero(needed[:, column])
                lists_here: list[list[Match] | None] = [None] * len(rows)
                for i, found in zip(
                    askers.tolist(), build(kernel.FIRST_AREA + column, "helpers", column, askers), strict=True
                ):
                    lists_here[i] = found
                results[f"helpers:{PRACTICE_AREA_CODES[column]}"] = lists_here
        return results

    def _kernel_run(
        self,
        rows: np.ndarray,
        want: np.ndarray,
        top: int,
        needs_top: int,
        exclude_own_country: bool,
        penalty: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`kernel.top_block` for `rows`: per row and list (peers, helpers, pairs, then helpers in each
        practice area), the scores (at most 1, as Match.score), candidate rows and how many are filled."""
        a = self._kernel_inputs()
        lists = kernel.FIRST_AREA + len(PRACTICE_AREA_CODES)
        capacity = max(top, needs_top)
        scores = np.zeros((len(rows), lists, capacity), np.float32)
        chosen = np.zeros((len(rows), lists, capacity), np.int64)
        counts = np.zeros((len(rows), lists), np.int64)
        kernel.top_block(
            rows, self._m, want, top, needs_top, exclude_own_country, a["weights"], penalty, a["id_rank"],
            a["challenge_ptr"], a["challenge_col"], a["challenge_val"], a["intensity_t"], a["challenge_total"],
            a["population"], a["authority"], a["settlement"], a["region"], a["country"], a["x"], a["y"], a["z"],
            a["languages"], a["need_ptr"], a["need_col"], a["need_val"], a["offer_ptr"], a["offer_col"],
            a["offer_val"], a["offers_t"], a["needs_t"], a["need_inverse"], a["need_bits"], a["taught_bits"],
            scores, chosen, counts,
        )  # fmt: skip
        np.minimum(scores, np.float32(1), out=scores)
        return scores, chosen, counts

    def _query(self, kind: str, profile_id: str, *, top: int, options: Options, area: str | None = None) -> list[Match]:
        _check_top(top)
        rows = np.array([self._row(profile_id)])
        area_column = self._area_column(area)
        found = self._block(rows, (kind,), area_column, top, options, self._penalty(options), _Workspace(1, self._m))
        return found[kind][0] or []

    def _area_column(self, area: str | None) -> int | None:
        if area is None:
            return None
        if area not in PRACTICE_AREA_CODES:
            raise ValueError(f"unknown practice area code {area!r}")
        return PRACTICE_AREA_CODES.index(area)

    # -- scoring ------------------------------------------------------------------------
    #
    # Each step writes into preallocated len(rows) x m arrays (`_Workspace`, m candidates): with 100,000
    # candidates, fresh arrays would cost more in page faults than the arithmetic.

    def _block(
        self,
        rows: np.ndarray,
        kinds: Sequence[str],
        area_column: int | None,
        top: int,
        options: Options,
        penalty: np.ndarray,
        workspace: _Workspace,
        needs_top: int = 0,
        explain: bool = True,
        area_cache: dict[int, tuple[np.ndarray, np.ndarray]] | None = None,
    ) -> dict[str, list[list[Match] | None]]:
        """The top matches of each kind for each of `rows` (and per needed area, see `top_all`).

        Columns are the candidates: the first `_m` rows (those that may be suggested at all).
        """
        m = self._m
        offers_t, needs_t = self._offers_t[:, :m], self._needs_t[:, :m]
        similarity, score, helped, mask = workspace.views(len(rows))
        self._similarity(rows, similarity, score, helped, mask)
        results: dict[str, list[list[Match] | None]] = {}
        if "peers" in kinds:
            np.add(similarity, penalty, out=score)
            self._exclude(score, rows, options, mask)
            results["peers"] = self._select("peers", rows, score, top, options, None, explain)
        if kinds == ("peers",) and not needs_top:
            return results

        # Transfer = floor + (1 - floor) * similarity, in place (peers are done with it).
        transfer = similarity
        transfer *= np.float32(1 - self.weights.transfer_floor)
        transfer += np.float32(self.weights.transfer_floor)
        help_ready = False
        if "helpers" in kinds:
            if area_column is not None:
                np.multiply(transfer, offers_t[area_column], out=score)
                for i, row in enumerate(rows.tolist()):
                    score[i] *= self._floor_mask(area_column, self._needs[row, area_column] or np.float32(1))
            else:
                # Below the floor (sum of priority x maturity), a candidate is not a helper.
                _product(self._needs[rows], offers_t, out=helped)
                np.greater_equal(helped, self._help_floor, out=mask)
                helped *= self._need_inverse[rows, None]
                help_ready = True
                np.multiply(helped, transfer, out=score)
                score *= mask
            score += penalty
            self._exclude(score, rows, options, mask)
            results["helpers"] = self._select("helpers", rows, score, top, options, area_column, explain)
        if "pairs" in kinds:
            if not help_ready:
                self._help(rows, helped)
            # Geometric mean of the two directions (zero unless both help), times transfer.
            _product(self._offers[rows], needs_t, out=score)
            score *= self._need_inverse[:m]
            score *= helped
            np.sqrt(score, out=score)
            score *= transfer
            # No pair unless one side offers something the other needs at `pair_maturity`.
            _product(self._pair_left[rows], self._pair_right_t[:, :m], out=helped)
            np.greater(helped, 0, out=mask)
            score *= mask
            score += penalty
            self._exclude(score, rows, options, mask)
            results["pairs"] = self._select("pairs", rows, score, top, options, None, explain)
        if needs_top:
            # Helpers in one area for the rows that need it: its maturity times transfer, over the
            # only candidates that can be listed: those offering the area, allowed by the options
            # (a few percent of the columns); the floor for each asker's priority as in `helpers`.
            needed = self._needs[rows]
            cache = {} if area_cache is None else area_cache
            for column in np.flatnonzero(needed.any(axis=0)).tolist():
                askers = np.flatnonzero(needed[:, column])
                columns, maturity = self._area_candidates(column, penalty, cache)
                some = score.reshape(-1)[: len(askers) * len(columns)].reshape(len(askers), len(columns))
                for j, i in enumerate(askers.tolist()):
                    np.take(transfer[i], columns, out=some[j])
                    some[j] *= maturity
                    priority = needed[i, column]
                    if len(columns) and priority * maturity[0] < self._help_floor:  # `maturity` is ascending
                        some[j] *= self._floor_mask(column, priority)[columns]
                self._exclude_columns(some, rows[askers], options, columns)
                chosen = self._select(
                    "helpers", rows[askers], some, needs_top, options, column, explain, columns=columns
                )
                lists: list[list[Match] | None] = [None] * len(rows)
                for i, found in zip(askers.tolist(), chosen, strict=True):
                    lists[i] = found
                results[f"helpers:{PRACTICE_AREA_CODES[column]}"] = lists
        return results

    def _similarity(
        self, rows: np.ndarray, out: np.ndarray, scratch: np.ndarray, spare: np.ndarray, mask: np.ndarray
    ) -> None:
        """Peer similarity of `rows` with every candidate (the first `_m` rows), into `out` (values in [0, ~1])."""
        m = self._m
        # Challenges: weighted Jaccard, sum of min(a, b) / sum of max(a, b), with
        # sum max = sum a + sum b - sum min. Zero when either side lists no challenge.
        # The sum of min(a, b) over the asker's few challenges (the same exact sums as
        # `_at_least_steps @ _at_least_t`, in fewer passes).
        for i, row in enumerate(rows.tolist()):
            listed = self._asker_challenges[row]
            if not listed:
                out[i].fill(0)
                continue
            column, value = listed[0]
            np.minimum(self._intensity_t[column, :m], value, out=out[i])
            for column, value in listed[1:]:
                np.minimum(self._intensity_t[column, :m], value, out=scratch[i])
                out[i] += scratch[i]
        total = self._challenge_total
        np.add(total[rows, None], total[:m], out=scratch)
        np.subtract(scratch, out, out=scratch)
        scratch[total[rows] == 0] = 1  # asker without challenges: 0 / 1 rather than 0 / 0
        np.divide(out, scratch, out=out)
        out *= self._w_challenges

        # Population closeness on a log scale (neutral when either side is unknown).
        np.subtract(self._population_scaled[rows, None], self._population_scaled[:m], out=scratch)
        np.abs(scratch, out=scratch)
        np.subtract(self._w_population, scratch, out=scratch)
        np.maximum(scratch, np.float32(0), out=scratch)
        if len(self._population_unknown):
            scratch[:, self._population_unknown[self._population_unknown < m]] = self._w_population_unknown
            scratch[np.isnan(self._population_scaled[rows])] = self._w_population_unknown
        out += scratch

        for codes, weight in (
            (self._authority_type, self._w_authority_type),
            (self._settlement_type, self._w_settlement_type),
        ):
            np.equal(codes[rows, None], codes[:m], out=mask)
            np.multiply(mask, weight, out=scratch)
            out += scratch

        # Geography: the same region, and nearness on the straight-line distance
        # (neutral when either side has no coordinates).
        if self._w_region:
            np.equal(self._region_code[rows, None], self._region_code[:m], out=mask)
            np.multiply(mask, self._w_region, out=scratch)
            out += scratch
        if self._w_distance:
            for k, axis in enumerate(self._xyz_scaled):
                target = scratch if k == 0 else spare
                np.subtract(axis[rows, None], axis[:m], out=target)
                np.multiply(target, target, out=target)
                if k:
                    scratch += spare
            np.sqrt(scratch, out=scratch)
            np.subtract(self._w_distance, scratch, out=scratch)
            np.maximum(scratch, np.float32(0), out=scratch)
            if len(self._place_unknown):
                scratch[:, self._place_unknown[self._place_unknown < m]] = self._w_distance_unknown
                scratch[np.isnan(self._xyz_scaled[0][rows])] = self._w_distance_unknown
            out += scratch

        # Any shared working language. Words after the first (rarer languages) are
        # done only for the rows that use them.
        first = self._language_words[0]
        both = scratch.view(np.uint32)
        np.bitwise_and(first[rows, None], first[:m], out=both)
        np.not_equal(both, 0, out=mask)
        for word in self._language_words[1:]:
            users = np.flatnonzero(word[rows])
            if len(users):
                mask[users] |= (word[rows[users], None] & word[:m]) != 0
        np.multiply(mask, self._w_languages, out=scratch)
        out += scratch

    def _help(self, rows: np.ndarray, out: np.ndarray) -> None:
        """How well each candidate covers the needs of `rows`: sum(priority * maturity) / sum(priority)."""
        _product(self._needs[rows], self._offers_t[:, : self._m], out=out)
        out *= self._need_inverse[rows, None]

    def _floor_mask(self, column: int, priority: np.float32) -> np.ndarray:
        """Per candidate, whether priority x its maturity in practice area `column` reaches the help floor."""
        key = (column, float(priority))
        found = self._floor_masks.get(key)
        if found is None:
            found = (self._offers_t[column, : self._m] * priority >= self._help_floor).astype(np.float32)
            self._floor_masks[key] = found
        return found

    def _area_candidates(
        self, column: int, penalty: np.ndarray, cache: dict[int, tuple[np.ndarray, np.ndarray]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The candidates that offer practice area `column` and are allowed by the options (`penalty` 0),
        by ascending maturity, then row; and their maturity. `cache` keeps them for one `penalty`."""
        found = cache.get(column)
        if found is None:
            offered = np.flatnonzero((self._offers_t[column, : self._m] > 0) & (penalty == 0))
            maturity = self._offers_t[column, offered]
            order = np.lexsort((offered, maturity))
            found = cache[column] = (offered[order], maturity[order])
        return found

    def _exclude_columns(self, scores: np.ndarray, rows: np.ndarray, options: Options, columns: np.ndarray) -> None:
        """`_exclude` for scores over some candidates only (`columns`)."""
        if options.exclude_own_country:
            scores *= self._country_code[rows, None] != self._country_code[columns]
        at, own = np.nonzero(columns[None, :] == rows[:, None])
        scores[at, own] = _EXCLUDED

    def _penalty(self, options: Options) -> np.ndarray:
        """Per candidate (the first `_m` rows): 0 if it may be suggested under `options`, `_EXCLUDED` if not
        (added to scores)."""
        ok = self._eligible.copy()
        if options.hub is not None:
            ok &= self._hub_code == self._hub.get(options.hub, -2)
        if options.region is not None:
            ok &= self._region_code == self._region.get(options.region, -2)
        if options.language is not None:
            bit = self._language_bit.get(options.language)
            if bit is None:
                ok[:] = False
            else:
                ok &= (self._language_words[bit // 32] & np.uint32(1 << (bit % 32))) != 0
        return np.where(ok, np.float32(0), _EXCLUDED)[: self._m]

    def _exclude(self, scores: np.ndarray, rows: np.ndarray, options: Options, mask: np.ndarray) -> None:
        """Rule out, per asking row, the asker itself and (if asked) its own country."""
        if options.exclude_own_country:
            np.not_equal(self._country_code[rows, None], self._country_code[: self._m], out=mask)
            scores *= mask  # same country -> 0: only positive scores are ever suggested
        candidate = rows < self._m  # an asker that may not be suggested has no column
        scores[np.flatnonzero(candidate), rows[candidate]] = _EXCLUDED

    # -- selection ------------------------------------------------------------------------

    def _select(
        self,
        kind: str,
        rows: np.ndarray,
        scores: np.ndarray,
        top: int,
        options: Options,
        area_column: int | None,
        explain: bool = True,
        columns: np.ndarray | None = None,
    ) -> list[list[Match]]:
        """The `top` best positive scores of each row, ordered by (-score, id), as Matches.

        `scores` covers every candidate, or only the rows `columns` when given.
        """
        if options.diversity is None:
            chosen = self._ranked(scores, top, columns)
        else:
            # Walk a deeper ranking; in the rare case it runs dry, rank the whole row.
            depth = top * 4 + 20
            chosen = [
                self._diverse(scores[i], ranked, depth, top, options.diversity, columns)
                for i, ranked in enumerate(self._ranked(scores, depth, columns))
            ]
        return self._matches(kind, rows, chosen, scores, area_column, explain, columns)

    def _ranked(self, scores: np.ndarray, depth: int, columns: np.ndarray | None = None) -> list[np.ndarray]:
        """Per row, the columns of the `depth` best positive scores in (-score, id) order.

        With `columns`, scores[:, j] is candidate row columns[j], and the positions j are returned.

        Rather than partially sorting 100,000 values per row, split each row into
        `chunks` interleaved chunks and take their maxima: the depth-th largest maximum
        is a threshold that at least `depth` scores reach, and only the few chunks whose
        maximum reaches it (plus the short tail) can hold such scores.
        """
        b, n = scores.shape
        chunks = max(_CHUNKS, 4 * depth)
        length = n // chunks
        if length < 2:  # small network: rank every positive score
            r, c = np.nonzero(scores > 0)
        else:
            body = scores[:, : length * chunks].reshape(b, length, chunks)  # chunk j: columns j, j + chunks, ...
            best = np.maximum.reduce(body, axis=1)
            threshold = np.partition(best, chunks - depth, axis=1)[:, chunks - depth]
            np.maximum(threshold, _TINY, out=threshold)  # only positive scores are suggested
            r, j = np.nonzero(best >= threshold[:, None])
            c = j[:, None] + chunks * np.arange(length)
            keep = scores[r[:, None], c] >= threshold[r, None]
            r, c = np.broadcast_to(r[:, None], c.shape)[keep], c[keep]
            tail_r, tail_c = np.nonzero(scores[:, length * chunks :] >= threshold[:, None])
            r = np.concatenate([r, tail_r])
            c = np.concatenate([c, tail_c + length * chunks])
        id_rank = self._id_rank if columns is None else self._id_rank[columns]
        order = np.lexsort((id_rank[c], -scores[r, c], r))
        r, c = r[order], c[order]
        bounds = np.searchsorted(r, np.arange(b + 1))
        return [c[bounds[i] : min(bounds[i + 1], bounds[i] + depth)] for i in range(b)]

    def _diverse(
        self,
        row_scores: np.ndarray,
        ranked: np.ndarray,
        depth: int,
        top: int,
        limit: int,
        columns: np.ndarray | None = None,
    ) -> np.ndarray:
        """Walk the ranking, skipping a candidate once `limit` results from its country are taken."""
        country_code = self._country_code if columns is None else self._country_code[columns]
        for attempt in range(2):
            taken: list[int] = []
            per_country: dict[int, int] = {}
            for column in ranked.tolist():
                country = int(country_code[column])
                if per_country.get(country, 0) < limit:
                    per_country[country] = per_country.get(country, 0) + 1
                    taken.append(column)
                    if len(taken) == top:
                        break
            if len(taken) == top or len(ranked) < depth or attempt:
                break
            ranked = self._ranked(row_scores[None, :], len(row_scores), columns)[0]
        return np.array(taken, dtype=np.int64)

    # -- explanations ---------------------------------------------------------------------

    def _components(
        self, kind: str, asker: np.ndarray, candidate: np.ndarray, area_column: int | None
    ) -> dict[str, np.ndarray]:
        """The score's parts for pairs of rows (asker[i], candidate[i]), each in [0, 1]."""
        w = self.weights
        overlap = np.einsum("ij,ji->i", self._at_least_steps[asker], self._at_least_t[:, candidate], dtype=np.float64)
        union = self._challenge_total[asker].astype(np.float64) + self._challenge_total[candidate] - overlap
        challenges = np.divide(overlap, union, out=np.zeros_like(overlap), where=union > 0)
        closeness = np.where(
            np.isnan(gap := self._population_gap(asker, candidate)),
            w.unknown_population,
            np.maximum(0.0, 1.0 - gap / w.population_span),
        )
        distance = self._distance_km(asker, candidate)
        nearness = np.where(
            np.isnan(distance), w.unknown_distance, np.maximum(0.0, 1.0 - distance / w.distance_span_km)
        )
        context = (
            w.population * closeness
            + w.authority_type * (self._authority_type[asker] == self._authority_type[candidate])
            + w.settlement_type * (self._settlement_type[asker] == self._settlement_type[candidate])
            + w.region * (self._region_code[asker] == self._region_code[candidate])
            + w.distance * nearness
        )
        languages = np.any((self._languages[asker] & self._languages[candidate]) != 0, axis=1).astype(np.float64)
        parts = {"challenges": challenges, "context": context, "languages": languages}
        if kind != "peers":
            similarity = w.challenges * challenges + w.context * context + w.languages * languages
            if kind == "helpers" and area_column is not None:
                parts["help"] = self._offers[candidate, area_column].astype(np.float64)
            else:
                parts["help"] = self._coverage(needs=asker, offers=candidate)
            if kind == "pairs":
                parts["help_back"] = self._coverage(needs=candidate, offers=asker)
            parts["transfer"] = w.transfer_floor + (1 - w.transfer_floor) * similarity
        return {name: np.clip(values, 0.0, 1.0) for name, values in parts.items()}

    def _coverage(self, *, needs: np.ndarray, offers: np.ndarray) -> np.ndarray:
        """sum(priority * maturity) / sum(priority) for pairs of rows, in float64."""
        wanted = self._needs[needs].astype(np.float64)
        total = wanted.sum(axis=1)
        covered = np.einsum("ij,ij->i", wanted, self._offers[offers], dtype=np.float64)
        return np.divide(covered, total, out=np.zeros_like(covered), where=total > 0)

    def _distance_km(self, asker: np.ndarray, candidate: np.ndarray) -> np.ndarray:
        """Straight-line distance in km for pairs of rows (NaN when either has no coordinates)."""
        chord = np.sqrt(((self._xyz[:, asker] - self._xyz[:, candidate]) ** 2).sum(axis=0))
        return chord * EARTH_RADIUS_KM

    def _population_gap(self, asker: np.ndarray, candidate: np.ndarray) -> np.ndarray:
        """|log10 population difference| for pairs of rows (NaN when either is unknown)."""
        return np.abs(self._log_population[asker].astype(np.float64) - self._log_population[candidate])

    def _matches(
        self,
        kind: str,
        rows: np.ndarray,
        chosen: list[np.ndarray],
        scores: np.ndarray,
        area_column: int | None,
        explain: bool = True,
        columns: np.ndarray | None = None,
    ) -> list[list[Match]]:
        counts = [len(picked) for picked in chosen]
        if not sum(counts):
            return [[] for _ in chosen]
        candidate = np.concatenate(chosen)
        block_row = np.repeat(np.arange(len(rows)), counts)
        # The score is the very value ranked on (a float32), so equal scores are in id order.
        best = np.minimum(scores[block_row, candidate], 1).tolist()
        if columns is not None:  # positions in `scores` -> candidate rows
            candidate = columns[candidate]
        return self._build_matches(kind, rows, counts, candidate, best, area_column, explain)

    def _build_matches(
        self,
        kind: str,
        rows: np.ndarray,
        counts: list[int],
        candidate: np.ndarray,
        best: list[float],
        area_column: int | None,
        explain: bool,
    ) -> list[list[Match]]:
        """Matches for `counts[i]` chosen candidate rows of each of `rows` (`candidate`, `best`: all of them
        in list order, with their scores)."""
        asker = np.repeat(rows, counts)
        block_row = np.repeat(np.arange(len(rows)), counts)
        results: list[list[Match]] = [[] for _ in counts]
        profiles = self._profiles
        if not explain:
            for c, b, score in zip(candidate.tolist(), block_row.tolist(), best, strict=True):
                results[b].append(Match(profiles[c].id, score, {}, []))
            return results
        parts = {
            name: values.tolist() for name, values in self._components(kind, asker, candidate, area_column).items()
        }
        gaps = self._population_gap(asker, candidate).tolist()
        distances = self._distance_km(asker, candidate).tolist()
        area = None if area_column is None else PRACTICE_AREA_CODES[area_column]
        for i, (a, c, b) in enumerate(zip(asker.tolist(), candidate.tolist(), block_row.tolist(), strict=True)):
            results[b].append(
                Match(
                    id=profiles[c].id,
                    score=best[i],
                    components={name: values[i] for name, values in parts.items()},
                    reasons=self._reasons(kind, profiles[a], profiles[c], area, gaps[i], distances[i]),
                )
            )
        return results

    def _reasons(
        self, kind: str, asker: Profile, candidate: Profile, area: str | None, gap: float, distance: float
    ) -> list[Reason]:
        """The reasons, most telling first: what is exchanged, then shared challenges, then context,
        then what differs. `gap` is |log10 population ratio| and `distance` the straight-line km
        (NaN when unknown)."""
        reasons: list[Reason] = []
        if kind != "peers":
            if area is not None and kind == "helpers":
                if area in candidate.offers:  # `explain` may be asked about one that no longer offers it
                    reasons.append(_practice_reason(CAN_HELP, area, candidate.offers[area], asker.needs.get(area)))
            else:
                self._exchange(reasons, CAN_HELP, giver=candidate, taker=asker)
            if kind == "pairs":
                self._exchange(reasons, CAN_LEARN, giver=asker, taker=candidate)

        theirs = candidate.challenges
        if shared := [code for code in asker.challenges if code in theirs]:
            intensity, mine = self.weights.intensity, asker.challenges
            shared.sort(key=lambda code: (-(intensity[mine[code]] + intensity[theirs[code]]), _CHALLENGE_ORDER[code]))
            shared = shared[: self.weights.reason_items]
            reasons.append(
                Reason(
                    SHARED_CHALLENGES,
                    {
                        "challenges": shared,
                        "intensities": {code: {"theirs": theirs[code], "yours": mine[code]} for code in shared},
                    },
                )
            )
        w = self.weights
        if gap <= self._similar_size + 1e-6:  # False for NaN (unknown)
            reasons.append(Reason(SIMILAR_SIZE, {}))
        if asker.authority_type == candidate.authority_type:
            reasons.append(Reason(SAME_AUTHORITY_TYPE, {"authority_type": asker.authority_type}))
        if asker.settlement_type == candidate.settlement_type:
            reasons.append(Reason(SAME_SETTLEMENT_TYPE, {"settlement_type": asker.settlement_type}))
        if w.region and asker.region == candidate.region:
            reasons.append(Reason(SAME_REGION, {"region": asker.region}))
        if w.distance and distance <= w.nearby_km:  # False for NaN (no coordinates)
            reasons.append(Reason(NEARBY, {"km": _great_circle_km(distance)}))
        if languages := [code for code in asker.languages if code in candidate.languages]:
            reasons.append(Reason(SHARED_LANGUAGES, {"languages": languages}))
        # What differs, so that a reader can weigh it.
        if gap >= self._different_size - 1e-6:
            larger = (candidate.population or 0) > (asker.population or 0)
            reasons.append(Reason(DIFFERENT_SIZE, {"factor": round(10**gap), "larger": larger}))
        if w.region and asker.region != candidate.region:
            reasons.append(Reason(DIFFERENT_REGION, {"region": candidate.region, "yours": asker.region}))
        return reasons

    def _exchange(self, reasons: list[Reason], code: str, *, giver: Profile, taker: Profile) -> None:
        """Append `code` reasons for what `taker` needs and `giver` offers, best (priority x maturity) first."""
        offers, needs = giver.offers, taker.needs
        if areas := [area for area in needs if area in offers]:
            w = self.weights
            areas.sort(key=lambda area: (-(w.priority[needs[area]] * w.maturity[offers[area]]), _AREA_ORDER[area]))
            reasons.extend(_practice_reason(code, area, offers[area], needs[area]) for area in areas[: w.reason_items])


def _pipelined(run, blocks: list, workers: int) -> Iterator:
    """run(block) for each block, in order; with `workers` > 1 in that many threads, at most `workers`
    blocks ahead of the consumer (so memory stays bounded)."""
    if workers == 1:
        for block in blocks:
            yield run(block)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = [pool.submit(run, block) for block in blocks[:workers]]
        for next_block in blocks[workers:]:
            done = pending.pop(0)
            pending.append(pool.submit(run, next_block))
            yield done.result()
        for done in pending:
            yield done.result()


def _great_circle_km(chord_km: float) -> int:
    """The distance along the Earth's surface for a straight-line distance, to the nearest 10 km."""
    arc = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, chord_km / (2 * EARTH_RADIUS_KM)))
    return int(round(arc, -1))


def _practice_reason(code: str, area: str, maturity: str, priority: str | None) -> Reason:
    return Reason(code, {"area": area, "maturity": maturity, "priority": priority})


def _product(left: np.ndarray, right: np.ndarray, *, out: np.ndarray) -> None:
    """out = left @ right, row by row over each row's non-zero entries.

    Profiles are sparse (a few of 12 challenges and 18 practice areas), so this beats a
    BLAS product here, and it leaves no BLAS threads for a busy server to keep waiting.
    Every sum is exact (see the module docstring), so the order does not matter.
    """
    spare = None
    for i, row in enumerate(left):
        nonzero = np.flatnonzero(row).tolist()
        if not nonzero:
            out[i].fill(0)
            continue
        np.multiply(right[nonzero[0]], row[nonzero[0]], out=out[i])
        for k in nonzero[1:]:
            if spare is None:
                spare = np.empty(right.shape[1], dtype=out.dtype)
            np.multiply(right[k], row[k], out=spare)
            out[i] += spare


def _codes(values: list[str | None]) -> tuple[np.ndarray, dict[str, int]]:
    """Small integer codes for the distinct values (None -> -1) and the value -> code map."""
    mapping: dict[str, int] = {}
    codes = np.array([-1 if v is None else mapping.setdefault(v, len(mapping)) for v in values], dtype=np.int32)
    return codes, mapping


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")


def _check_top(top: int) -> None:
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError("top must be a positive integer")
