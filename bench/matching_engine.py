"""Benchmark of the peer-matching engine on generated profiles (no Django, no database).

    .venv/bin/python bench/matching_engine.py [--count 100000] [--sample N] [--workers 2] [--seed 7]

Prints the build time, the engine's memory, per-query timings (median and p95 over
200 random authorities) and the time to recompute top-10 peers + helpers + pairs
for every authority with `Engine.top_all` (on a sample of `--sample` authorities
and extrapolated, when given). Targets: <= 50 ms median per query, the whole
network in < 10 minutes, < 500 MB.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cities.vocabulary import COUNTRY_REGIONS, HUBS  # noqa: E402  (plain data, no Django)
from matching.engine import Engine, Options  # noqa: E402
from matching.profiles import (  # noqa: E402
    CHALLENGE_CODES,
    INTENSITIES,
    MATURITIES,
    PRACTICE_AREA_CODES,
    PRIORITIES,
    Profile,
)

# Languages spoken in each region, commonest first.
REGION_LANGUAGES = {
    "esa": ["en", "sw", "fr", "pt", "am", "so", "rw", "mg"],
    "mena": ["ar", "fr", "en", "fa", "he", "ku", "tr"],
    "south-asia": ["en", "hi", "ur", "bn", "ta", "ne", "si", "ps"],
    "western-balkans": ["sr", "sq", "bs", "hr", "mk", "en"],
    "north-america": ["en", "fr", "es"],
    "europe": ["en", "fr", "de", "es", "it", "nl", "pl", "sv", "pt", "ro", "el", "uk", "tr"],
    "west-africa-sahel": ["fr", "en", "ha", "wo", "yo", "pt", "ff"],
    "latin-america-caribbean": ["es", "pt", "en", "fr", "ht"],
    "central-asia": ["ru", "kk", "uz", "ky", "tg", "mn"],
    "east-asia-pacific": ["en", "zh", "ja", "ko", "id", "th", "vi", "tl", "ms", "km"],
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def weighted_sets(rng, count, weights, low, high, levels, level_p):
    """For each of `count` profiles, low..high distinct codes drawn by `weights`, each with a level.

    Returns (codes, levels) index arrays of shape count x high, -1 past each profile's size
    (Gumbel top-k: the k largest of log(weight) + Gumbel noise are a weighted draw without replacement).
    """
    keys = np.log(weights)[None, :] + rng.gumbel(size=(count, len(weights)))
    codes = np.argsort(-keys, axis=1)[:, :high]
    sizes = rng.integers(low, high + 1, size=count)
    codes[np.arange(high)[None, :] >= sizes[:, None]] = -1
    return codes, rng.choice(len(levels), size=(count, high), p=level_p)


def generate(count: int, seed: int) -> list[Profile]:
    """`count` synthetic authorities with a fixed seed and roughly realistic distributions."""
    rng = np.random.default_rng(seed)
    hubs = {code for code, *_ in HUBS}
    region_of = {country: region for region, codes in COUNTRY_REGIONS.items() for country in codes.split()}
    countries = sorted(rng.choice(sorted(region_of), size=190, replace=False).tolist())
    # Some countries hold many more authorities than others (Zipf-like).
    country_weight = 1.0 / np.arange(1, len(countries) + 1) ** 0.8
    rng.shuffle(country_weight)
    country_weight /= country_weight.sum()
    main_language = {}
    for country in countries:
        pool = REGION_LANGUAGES[region_of[country]]
        main_language[country] = pool[min(int(rng.geometric(0.45)) - 1, len(pool) - 1)]
    # Some challenges and practice areas are much commoner than others.
    challenge_weight = rng.dirichlet(np.full(len(CHALLENGE_CODES), 2.0))
    area_weight = rng.dirichlet(np.full(len(PRACTICE_AREA_CODES), 2.0))

    country = rng.choice(len(countries), size=count, p=country_weight)
    # Power-law populations from 2,000 up to 30 million; 5% unknown.
    population = np.minimum(2000 * (1 + rng.pareto(0.9, size=count)), 3e7).astype(np.int64)
    unknown = rng.random(count) < 0.05
    size_class = np.digitize(population, [100_000, 1_000_000])  # 0 small, 1 medium, 2 large
    type_choices = [
        (["town", "municipality", "district"], [0.5, 0.3, 0.2]),
        (["city", "municipality", "district", "county"], [0.5, 0.3, 0.1, 0.1]),
        (["capital-city", "city", "regional-government", "county"], [0.1, 0.6, 0.2, 0.1]),
    ]
    settlement_choices = [
        (["urban", "peri-urban", "rural"], [0.2, 0.3, 0.5]),
        (["urban", "peri-urban"], [0.7, 0.3]),
        (["urban"], [1.0]),
    ]
    type_draw = [rng.choice(names, size=count, p=p) for names, p in type_choices]
    settlement_draw = [rng.choice(names, size=count, p=p) for names, p in settlement_choices]
    stage = rng.choice(
        ["member", "joining", "applicant", "suspended", "left"], size=count, p=[0.7, 0.1, 0.1, 0.05, 0.05]
    )
    extra_languages = rng.integers(0, 3, size=count)
    extra_pick = rng.geometric(0.5, size=(count, 2)) - 1
    extra_english = rng.random((count, 2)) >= 0.7
    challenges = weighted_sets(rng, count, challenge_weight, 1, 5, INTENSITIES, [0.4, 0.4, 0.2])
    offers = weighted_sets(rng, count, area_weight, 0, 5, MATURITIES, [0.4, 0.4, 0.2])
    needs = weighted_sets(rng, count, area_weight, 0, 4, PRIORITIES, [0.3, 0.4, 0.3])
    lat = rng.uniform(-60, 70, size=count)
    lon = rng.uniform(-180, 180, size=count)

    def levels_of(drawn, i, codes, names):
        return {codes[c]: names[level] for c, level in zip(drawn[0][i], drawn[1][i], strict=True) if c >= 0}

    profiles: list[Profile] = []
    for i in range(count):
        code = countries[country[i]]
        region = region_of[code]
        pool = REGION_LANGUAGES[region]
        languages = [main_language[code]]
        for k in range(extra_languages[i]):
            extra = "en" if extra_english[i, k] else pool[min(extra_pick[i, k], len(pool) - 1)]
            if extra not in languages:
                languages.append(extra)
        profiles.append(
            Profile(
                id=f"authority-{i:06d}",
                name=f"Authority {i}",
                stage=str(stage[i]),
                authority_type=str(type_draw[size_class[i]][i]),
                settlement_type=str(settlement_draw[size_class[i]][i]),
                country=code,
                region=region,
                hub=region if region in hubs else None,
                population=None if unknown[i] else int(population[i]),
                languages=tuple(languages),
                lat=float(lat[i]),
                lon=float(lon[i]),
                challenges=levels_of(challenges, i, CHALLENGE_CODES, INTENSITIES),
                offers=levels_of(offers, i, PRACTICE_AREA_CODES, MATURITIES),
                needs=levels_of(needs, i, PRACTICE_AREA_CODES, PRIORITIES),
            )
        )
    return profiles


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB (Linux /proc, getrusage as a fallback)."""
    try:
        status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
        return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak


def time_queries(label: str, call, ids: list[str]) -> None:
    call(ids[0])  # warm up
    timings = []
    for profile_id in ids:
        start = time.perf_counter()
        call(profile_id)
        timings.append((time.perf_counter() - start) * 1000)
    print(
        f"{label:<40} median {statistics.median(timings):6.1f} ms   p95 {percentile(timings, 0.95):6.1f} ms"
        f"   max {max(timings):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="number of authorities (default 100,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=200, help="authorities timed one query at a time")
    parser.add_argument("--sample", type=int, default=0, help="recompute only this many and extrapolate (0: all)")
    parser.add_argument("--workers", type=int, default=1, help="threads for the recompute (see Engine.top_many)")
    parser.add_argument("--block-size", type=int, default=32)
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() the profiles before recomputing")
    parser.add_argument(
        "--needs-top", type=int, default=0, help="also list N helpers per needed area (as the site does)"
    )
    args = parser.parse_args()

    rss_start, _ = rss_mb()
    start = time.perf_counter()
    profiles = generate(args.count, args.seed)
    gc.collect()
    print(
        f"Generated {len(profiles):,} profiles in {time.perf_counter() - start:.1f} s (seed {args.seed}),"
        f" {rss_mb()[0] - rss_start:.0f} MB of Python objects"
    )

    start = time.perf_counter()
    engine = Engine(profiles)
    build = time.perf_counter() - start
    del engine
    gc.collect()
    tracemalloc.start()
    engine = Engine(profiles)
    _, build_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"Engine build                             {build:6.2f} s")
    print(f"Engine arrays (kept)                     {engine.nbytes / 2**20:6.1f} MB")
    print(f"Engine build, traced peak                {build_peak / 2**20:6.1f} MB")

    rng = np.random.default_rng(args.seed + 1)
    ids = [profiles[i].id for i in rng.choice(len(profiles), size=min(args.queries, len(profiles)), replace=False)]
    area = PRACTICE_AREA_CODES[0]
    print(f"Single queries, {len(ids)} random authorities:")
    time_queries("  peers, top 10", lambda i: engine.peers(i), ids)
    time_queries("  helpers, top 10", lambda i: engine.helpers(i), ids)
    time_queries(f"  helpers area={area}", lambda i: engine.helpers(i, area=area), ids)
    time_queries("  pairs, top 10", lambda i: engine.pairs(i), ids)
    time_queries(
        "  peers, diversity=1, own country out",
        lambda i: engine.peers(i, options=Options(diversity=1, exclude_own_country=True)),
        ids,
    )

    every = engine.ids
    if args.sample:
        every = [every[i] for i in sorted(rng.choice(len(every), size=min(args.sample, len(every)), replace=False))]
    if args.gc_freeze:
        gc.freeze()
    rss_before, _ = rss_mb()
    start = time.perf_counter()
    found = 0
    lists = engine.top_all(every, top=10, needs_top=args.needs_top, block_size=args.block_size, workers=args.workers)
    for _, results in lists:
        found += sum(len(matches) for matches in results.values())
    elapsed = time.perf_counter() - start
    _, rss_peak = rss_mb()
    label = f"Top 10 peers+helpers+pairs{' + per need' * bool(args.needs_top)} for {len(every):,}"
    print(f"{label:<40} {elapsed:6.1f} s  ({found:,} matches; block {args.block_size}, {args.workers} worker(s))")
    if len(every) < len(engine):
        print(f"  extrapolated to all {len(engine):,}:           {elapsed * len(engine) / len(every):6.1f} s")
    print(
        f"Process memory: {rss_before:.0f} MB before recomputing, peak {rss_peak:.0f} MB (profiles + engine + scratch)"
    )


if __name__ == "__main__":
    main()
