"""The whole-network scoring loop, compiled (numba): every list of a block of askers in one pass.

`Engine.top_all` uses it for what the stored suggestions need (no `diversity`, no named area);
single queries and every other case keep the NumPy path of `engine.py`. The arithmetic is the
NumPy path's, operation for operation, in float32 (no fused multiply-add, no reordering: numba
compiles without fast-math), so every score has the same bits and every list the same order;
`matching/tests/test_kernel.py` checks it against the NumPy path.

Why it is faster: the NumPy path makes some 45 passes over block x candidates float32 arrays
that live in main memory; here candidates are taken in tiles of `TILE` columns, every asker of the
block is scored against a tile while it is in the core's cache, the passes are fused into one
loop the compiler vectorises, and the best few of each list are kept as the tiles go by (a tile
is scanned only when one of its scores reaches a list's current last place). The function
releases the GIL, so threads score blocks on every core.

The first call imports numba and compiles the function (a few seconds; `cache=True` keeps the machine
code in `__pycache__` for later processes). A request never calls it: single queries do not use it, and
numba (about 126 MB in a process) is imported only then, never by a web worker that merely imports the engine.
"""

from __future__ import annotations

import importlib.util
import threading

import numpy as np

TILE = 1024  # candidates scored at a time (a tile's inputs and scratch stay in the core's cache)

# Indices into the `weights` argument (float32 values folded as in Engine.__init__).
W_CHALLENGES, W_POPULATION, W_POPULATION_UNKNOWN, W_AUTHORITY, W_SETTLEMENT = 0, 1, 2, 3, 4
W_REGION, W_DISTANCE, W_DISTANCE_UNKNOWN, W_LANGUAGES, W_TRANSFER_SLOPE = 5, 6, 7, 8, 9
W_TRANSFER_FLOOR, W_HELP_FLOOR, W_TINY = 10, 11, 12
WEIGHT_COUNT = 13

# Lists per asker: peers, helpers, pairs, then one per practice area (helpers in that area).
PEERS, HELPERS, PAIRS, FIRST_AREA = 0, 1, 2, 3


def available() -> bool:
    return importlib.util.find_spec("numba") is not None  # pinned in requirements/base.txt


def _insert(scores, rows, ranks, filled, capacity, score, row, rank):
    """Put (score, row) into one list kept in (-score, rank) order, if it beats the last place."""
    count = filled
    if count == capacity:
        last = count - 1
        if score < scores[last] or (score == scores[last] and rank > ranks[last]):
            return count
        count -= 1
    at = count
    while at > 0 and (score > scores[at - 1] or (score == scores[at - 1] and rank < ranks[at - 1])):
        scores[at] = scores[at - 1]
        rows[at] = rows[at - 1]
        ranks[at] = ranks[at - 1]
        at -= 1
    scores[at] = score
    rows[at] = row
    ranks[at] = rank
    return count + 1


def _scan(values, start, length, threshold, scores, rows, ranks, filled, capacity, id_rank, tiny):
    """Offer a tile's scores to one list; a vectorised count first, since most tiles have none good enough."""
    hits = 0
    for j in range(length):
        hits += values[j] >= threshold
    if hits == 0:
        return filled
    for j in range(length):
        score = values[j]
        if score >= threshold:
            filled = _insert(scores, rows, ranks, filled, capacity, score, start + j, id_rank[start + j])
            if filled == capacity:
                threshold = scores[capacity - 1]
    return filled


def _weighted_sum(first, last, columns, values, table, start, stop, out):
    """out[j] = the sum over p in first..last of table[columns[p], start + j] x values[p] (0 with none)."""
    length = stop - start
    if first == last:
        for j in range(length):
            out[j] = np.float32(0)
        return
    row = table[columns[first], start:stop]
    value = values[first]
    for j in range(length):
        out[j] = row[j] * value
    for p in range(first + 1, last):
        row = table[columns[p], start:stop]
        value = values[p]
        for j in range(length):
            out[j] += row[j] * value


def _top_block(
    askers,  # int64[B]: the asking rows
    m,  # candidates: rows 0..m-1
    want,  # uint8[3]: compute peers, helpers, pairs lists
    top,  # list length for peers, helpers, pairs
    needs_top,  # list length per needed area (0: none)
    exclude_own_country,  # bool
    weights,  # float32[WEIGHT_COUNT]
    penalty,  # float32[m]: 0 or -2 (not allowed by the options)
    id_rank,  # int64[n]
    challenge_ptr,  # int64[n + 1]: CSR of each row's (challenge column, intensity)
    challenge_col,
    challenge_val,
    intensity_t,  # float32[12, n]
    challenge_total,  # float32[n]
    population,  # float32[n]: scaled log population, NaN when unknown
    authority,  # int8[n]
    settlement,  # int8[n]
    region,  # int32[n]
    country,  # int32[n]
    x,  # float32[n] x3: scaled places on the unit sphere, NaN when unknown
    y,
    z,
    languages,  # uint32[words, n]
    need_ptr,  # CSR of each row's (practice area, priority)
    need_col,
    need_val,
    offer_ptr,  # CSR of each row's (practice area, maturity)
    offer_col,
    offer_val,
    offers_t,  # float32[18, n]
    needs_t,  # float32[18, n]
    need_inverse,  # float32[n]
    need_bits,  # int32[n]: areas needed
    taught_bits,  # int32[n]: areas offered at pair maturity or more
    out_scores,  # float32[B, 3 + 18, capacity]
    out_rows,  # int64[B, 3 + 18, capacity]
    out_count,  # int64[B, 3 + 18]
):
    blocks = askers.shape[0]
    lists = out_count.shape[1]
    capacity = out_scores.shape[2]
    ranks = np.empty((blocks, lists, capacity), np.int64)
    zero = np.float32(0)
    one = np.float32(1)
    excluded = np.float32(-2)
    tiny = weights[W_TINY]
    w_challenges = weights[W_CHALLENGES]
    w_population = weights[W_POPULATION]
    w_population_unknown = weights[W_POPULATION_UNKNOWN]
    w_authority = weights[W_AUTHORITY]
    w_settlement = weights[W_SETTLEMENT]
    w_region = weights[W_REGION]
    w_distance = weights[W_DISTANCE]
    w_distance_unknown = weights[W_DISTANCE_UNKNOWN]
    w_languages = weights[W_LANGUAGES]
    transfer_slope = weights[W_TRANSFER_SLOPE]
    transfer_floor = weights[W_TRANSFER_FLOOR]
    help_floor = weights[W_HELP_FLOOR]
    words = languages.shape[0]

    overlap = np.empty(TILE, np.float32)
    shared = np.empty(TILE, np.uint8)
    helped = np.empty(TILE, np.float32)
    back = np.empty(TILE, np.float32)
    peer_score = np.empty(TILE, np.float32)
    helper_score = np.empty(TILE, np.float32)
    pair_score = np.empty(TILE, np.float32)
    area_score = np.empty(TILE, np.float32)
    for b in range(blocks):
        for k in range(lists):
            out_count[b, k] = 0

    for start in range(0, m, TILE):
        length = min(TILE, m - start)
        stop = start + length
        # This tile's columns as views, indexed from 0 (faster loads than `array[start + j]`).
        challenge_total_tile = challenge_total[start:stop]
        population_tile = population[start:stop]
        authority_tile = authority[start:stop]
        settlement_tile = settlement[start:stop]
        region_tile = region[start:stop]
        country_tile = country[start:stop]
        x_tile = x[start:stop]
        y_tile = y[start:stop]
        z_tile = z[start:stop]
        penalty_tile = penalty[start:stop]
        need_inverse_tile = need_inverse[start:stop]
        need_bits_tile = need_bits[start:stop]
        taught_bits_tile = taught_bits[start:stop]
        for b in range(blocks):
            a = askers[b]
            # Challenges: the sum over the asker's challenges of min(asker, candidate).
            first = challenge_ptr[a]
            last = challenge_ptr[a + 1]
            if first == last:
                for j in range(length):
                    overlap[j] = zero
            else:
                column = challenge_col[first]
                value = challenge_val[first]
                theirs_row = intensity_t[column, start:stop]
                for j in range(length):
                    theirs = theirs_row[j]
                    overlap[j] = theirs if theirs < value else value
                for p in range(first + 1, last):
                    column = challenge_col[p]
                    value = challenge_val[p]
                    theirs_row = intensity_t[column, start:stop]
                    for j in range(length):
                        theirs = theirs_row[j]
                        overlap[j] += theirs if theirs < value else value
            # Any shared working language.
            mine = languages[0, a]
            theirs_words = languages[0, start:stop]
            for j in range(length):
                shared[j] = (mine & theirs_words[j]) != 0
            for word in range(1, words):
                mine = languages[word, a]
                if mine:
                    theirs_words = languages[word, start:stop]
                    for j in range(length):
                        shared[j] |= (mine & theirs_words[j]) != 0
            # Help: sum of the asker's priority x the candidate's maturity (exact in any order).
            _weighted_sum(need_ptr[a], need_ptr[a + 1], need_col, need_val, offers_t, start, stop, helped)
            # Help back: the asker's maturity x the candidate's priority.
            _weighted_sum(offer_ptr[a], offer_ptr[a + 1], offer_col, offer_val, needs_t, start, stop, back)

            # Everything else as Engine._similarity and Engine._block compute it, operation for operation,
            # in short loops over the tile (a loop over many arrays would not be vectorised).
            similarity = overlap  # in place
            total_a = challenge_total[a]
            if total_a == zero:  # no challenges: 0 / 1
                for j in range(length):
                    similarity[j] = (similarity[j] / one) * w_challenges
            else:
                for j in range(length):
                    union = (total_a + challenge_total_tile[j]) - similarity[j]
                    similarity[j] = (similarity[j] / union) * w_challenges
            population_a = population[a]
            if population_a != population_a:
                for j in range(length):
                    similarity[j] = similarity[j] + w_population_unknown
            else:
                for j in range(length):
                    theirs = population_tile[j]
                    gap = w_population - abs(population_a - theirs)
                    gap = gap if gap > zero else zero
                    similarity[j] = similarity[j] + (w_population_unknown if theirs != theirs else gap)
            authority_a = authority[a]
            settlement_a = settlement[a]
            region_a = region[a]
            for j in range(length):
                value = similarity[j] + (w_authority if authority_a == authority_tile[j] else zero)
                value = value + (w_settlement if settlement_a == settlement_tile[j] else zero)
                similarity[j] = value + (w_region if region_a == region_tile[j] else zero)
            xa = x[a]
            if xa != xa:
                for j in range(length):
                    similarity[j] = similarity[j] + w_distance_unknown
            else:
                ya = y[a]
                za = z[a]
                for j in range(length):
                    xc = x_tile[j]
                    dx = xa - xc
                    dy = ya - y_tile[j]
                    dz = za - z_tile[j]
                    near = w_distance - np.sqrt((dx * dx + dy * dy) + dz * dz)
                    near = near if near > zero else zero
                    similarity[j] = similarity[j] + (w_distance_unknown if xc != xc else near)
            for j in range(length):
                similarity[j] = similarity[j] + (w_languages if shared[j] else zero)

            for j in range(length):
                peer_score[j] = similarity[j] + penalty_tile[j]
            transfer = similarity  # in place: floor + slope * similarity
            for j in range(length):
                transfer[j] = transfer[j] * transfer_slope + transfer_floor
            inverse_a = need_inverse[a]
            for j in range(length):
                raw = helped[j]
                share = raw * inverse_a
                helped[j] = share
                helper_score[j] = (share * transfer[j] if raw >= help_floor else zero) + penalty_tile[j]
            for j in range(length):
                back[j] = np.sqrt((back[j] * need_inverse_tile[j]) * helped[j]) * transfer[j]
            need_bits_a = need_bits[a]
            taught_bits_a = taught_bits[a]
            for j in range(length):
                ok = ((need_bits_a & taught_bits_tile[j]) | (taught_bits_a & need_bits_tile[j])) != 0
                back[j] = back[j] if ok else zero
            for j in range(length):
                pair_score[j] = back[j] + penalty_tile[j]
            country_a = country[a]
            if exclude_own_country:
                for j in range(length):
                    if country_tile[j] == country_a:
                        peer_score[j] = zero
                        helper_score[j] = zero
                        pair_score[j] = zero
            if start <= a < start + length:  # never oneself
                peer_score[a - start] = excluded
                helper_score[a - start] = excluded
                pair_score[a - start] = excluded

            for kind in range(3):
                if not want[kind]:
                    continue
                values = peer_score if kind == PEERS else helper_score if kind == HELPERS else pair_score
                filled = out_count[b, kind]
                threshold = out_scores[b, kind, top - 1] if filled == top else tiny
                out_count[b, kind] = _scan(
                    values,
                    start,
                    length,
                    threshold,
                    out_scores[b, kind],
                    out_rows[b, kind],
                    ranks[b, kind],
                    filled,
                    top,
                    id_rank,
                    tiny,
                )

            # Helpers in each area the asker needs: maturity x transfer, over the candidates that
            # offer it and are allowed, when priority x maturity reaches the floor.
            if needs_top:
                for p in range(need_ptr[a], need_ptr[a + 1]):
                    column = need_col[p]
                    priority = need_val[p]
                    theirs_row = offers_t[column, start:stop]
                    for j in range(length):
                        maturity = theirs_row[j]
                        score = transfer[j] * maturity
                        ok = maturity * priority >= help_floor
                        area_score[j] = score if ok and penalty_tile[j] == zero else zero
                    if exclude_own_country:
                        for j in range(length):
                            if country_tile[j] == country_a:
                                area_score[j] = zero
                    if start <= a < start + length:
                        area_score[a - start] = excluded
                    kind = FIRST_AREA + column
                    filled = out_count[b, kind]
                    threshold = out_scores[b, kind, needs_top - 1] if filled == needs_top else tiny
                    out_count[b, kind] = _scan(
                        area_score,
                        start,
                        length,
                        threshold,
                        out_scores[b, kind],
                        out_rows[b, kind],
                        ranks[b, kind],
                        filled,
                        needs_top,
                        id_rank,
                        tiny,
                    )


_compiled = None
_compiling = threading.Lock()  # scoring threads may all ask at once for the first time


def _compile():
    """numba's compiled `_top_block`, its helpers compiled first (it calls them by their global names)."""
    global _compiled, _insert, _scan, _weighted_sum
    with _compiling:
        if _compiled is None:
            import numba

            options = {"nogil": True, "cache": True, "error_model": "numpy"}
            _insert = numba.njit(inline="always", **options)(_insert)
            _weighted_sum = numba.njit(inline="always", **options)(_weighted_sum)
            _scan = numba.njit(**options)(_scan)
            _compiled = numba.njit(**options)(_top_block)
    return _compiled


def top_block(*args):
    """`_top_block`, compiled (see the module's docstring)."""
    return (_compiled or _compile())(*args)
