"""The whole-network recompute on the 100,000-authority database, stage by stage, wall and CPU time.

    .venv/bin/python bench/matching_recompute.py [--sample N] [--seed 7] [--workers W]

Prints wall-clock and CPU seconds (time.process_time: all threads of this process, so a busy
machine shows in the wall time only) for: reading the profiles and building the engine, scoring
every list (`Engine.top_scores`, as `suggestions_recompute` asks), and the whole
`suggestions_recompute` (read + score + write + stale clean-up), with the number of lists written,
and the load average before and after (the machine is shared: wall time means little without it).
`--workers W` scores in W threads (the compiled loop releases the GIL) while the main thread writes.
With `--sample N` only N askers (a fixed random sample, against every candidate) are recomputed and
the scoring and whole-run figures are also given extrapolated to every authority (both are linear
in the askers). Run `make bench-data` first. Target (issue 9): the whole run under 60 s.
"""

import argparse
import os
import random
import time

from _common import ROOT  # noqa: F401  (sets up Django on the scale database)

from matching.engine import Engine
from matching.services import TOP, TOP_PER_AREA, suggestions_recompute
from matching.sources import city_profiles


class Timer:
    def __init__(self, label: str):
        self.label = label

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        print(f"{self.label:<52} wall {self.wall:8.1f} s   CPU {self.cpu:8.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="recompute only this many askers and extrapolate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2, help="scoring threads (suggestions_recompute: 2)")
    args = parser.parse_args()
    print("load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))

    with Timer("read every profile (5 queries) and build the engine") as build:
        engine = Engine(city_profiles())
    total = len(engine)
    askers = engine.ids
    if args.sample:
        askers = sorted(random.Random(args.seed).sample(askers, min(args.sample, total)))
    scale = total / len(askers)
    print(f"{len(askers):,} askers of {total:,} authorities")

    with Timer(f"score every list (top_scores, {args.workers} thread(s))") as scoring:
        for _ in engine.top_scores(askers, top=TOP, needs_top=TOP_PER_AREA, workers=args.workers):
            pass
    del engine
    with Timer("suggestions_recompute: read, score, write") as whole:
        written = suggestions_recompute(slugs=askers if args.sample else None, workers=args.workers)
    print(f"{'lists written':<52} {written:,}")
    print("load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    if args.sample:
        print(f"extrapolated to all {total:,} authorities ({scale:.1f} x the askers):")
        print(f"{'  scoring':<52} wall {scoring.wall * scale:8.1f} s   CPU {scoring.cpu * scale:8.1f} s")
        # The read and build happen once whatever the number of askers; the rest is per asker.
        print(
            f"{'  whole recompute':<52} wall {build.wall + (whole.wall - build.wall) * scale:8.1f} s"
            f"   CPU {build.cpu + (whole.cpu - build.cpu) * scale:8.1f} s"
        )
        print(f"{'  lists':<52} {round(written * scale):,}")


if __name__ == "__main__":
    main()
