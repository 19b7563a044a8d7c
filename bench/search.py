"""Site search speed (/<lang>/search/) at scale, on SQLite and on PostgreSQL. Target: p95 under 100 ms.

The data is the scale database's (bench/make_data.py): 100,000 generated authorities and the 100,000
generated resources and news items that `load_demo_network --count` adds (resources/scale.py: four
languages, every kind, drafts and sign-in-only items among them), indexed through Wagtail's search
backend with the folded text (search/indexing.py). One generator for every benchmark.

    python bench/make_data.py                  # once: bench/data/scale.sqlite3 (a few minutes)
    python bench/search.py                     # SQLite
    python bench/search.py --postgres          # PostgreSQL: BENCH_POSTGRES_URL, by default
                                               # postgres://postgres@127.0.0.1:5432/bench_search;
                                               # loaded with the same command and seed on first run

Options: --build-only (load, do not measure); --runs N (requests per case, default 40).
Timings are wall-clock, in-process (rendering included); the load average is printed beside them.

Measured 2026-11-30 on SQLite, 100,000 items + 100,000 authorities, 20 runs per case, 2 cores shared
with other work (load average 5-7, so wall figures are 2-4x the CPU ones):
    case                      cpu p50 / p95 ms    wall p50 / p95 ms
    word in every item         108 / 112           420 / 476
    common word                119 / 121           472 / 492
    two common words           134 / 137           394 / 432
    rare word                   58 /  60           136 / 187
    fr / ar / es folded        128-134 / 132-150   400-520 / 532-882
    member authority names      83 /  86           302 / 365
    resources only, page 50    109 / 115           217 / 269
    nothing found               58 /  62           115 / 140
    5,000 characters           104 / 111           280 / 437
The target is not met yet for common words. A request that finds nothing already costs ~58 ms CPU:
the member authorities' Python scan of 100,000 names (~19 ms per word, cities/directory_index.py),
building the three group queries with ~200 restricted sections as literal lists, the chrome (its
menu's `.public()`) and rendering; the three ranked group queries add 30-60 ms for common words.
PostgreSQL (same data and seed, ANALYZE'd, 10 runs, load average 1.5-2; wall includes the server):
    word in every item / common word / two words    wall p95 382 / 315 / 366 ms
    fr / ar / es folded                              wall p95 283 / 254 / 282 ms
    rare word / nothing found / authority names      wall p95  88 /  84 /  92 ms
    resources only, page 50 / 5,000 characters       wall p95 338 / 312 ms
Not met either: for a common word the database still reads every match (GIN bitmap) before it keeps
the newest 1,001; the next step is reading them in id order (or a locale and kind in the index).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = ROOT / "bench" / "data" / "scale.sqlite3"
COUNT = int(os.environ.get("BENCH_COUNT", "100000"))
POSTGRES = "--postgres" in sys.argv
RUNS = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 40

if POSTGRES:
    # The same generated data in a PostgreSQL database of its own (never DATABASE_URL's).
    os.environ["BENCH_DATABASE_URL"] = os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bench_search"
    )
elif not SCALE.exists():
    sys.exit("Build the scale database first: python bench/make_data.py")

from _common import percentile  # noqa: E402  (sets Django up on the scale settings)
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

from cities.models import City  # noqa: E402
from resources.models import NewsArticlePage, ResourcePage  # noqa: E402
from resources.scale import PREFIX  # noqa: E402

start = time.perf_counter()
if POSTGRES:
    call_command("migrate", verbosity=0)
    if not City.objects.exists():  # what bench/make_data.py builds for SQLite, same seed
        print(f"Loading {COUNT:,} authorities and {COUNT:,} resources and news items into PostgreSQL…")
        call_command("load_demo_network", count=COUNT, seed=100)
generated = Page.objects.filter(slug__startswith=PREFIX)
if POSTGRES and not generated.exists():  # an earlier load stopped before the resources
    from resources.scale import load_resources_scale

    load_resources_scale(COUNT, seed=100, stdout=sys.stdout)
if not generated.exists():
    sys.exit("No generated resources or news: rebuild with python bench/make_data.py --force")
print(
    f"Search on {connection.vendor}: {generated.filter(live=True).count():,} live generated items "
    f"({ResourcePage.objects.filter(live=True).count():,} resources, "
    f"{NewsArticlePage.objects.filter(live=True).count():,} news; {Page.objects.live().count():,} live pages in all), "
    f"{City.objects.count():,} authorities ({City.objects.public().count():,} public); "
    f"ready in {time.perf_counter() - start:.0f} s"
)
if "--build-only" in sys.argv:
    sys.exit(0)

cases = [
    ("word in every item", "/en/search/?q=demo"),
    ("common word", "/en/search/?q=city"),
    ("two common words", "/en/search/?q=youth+prevention"),
    ("rare word", "/en/search/?q=kalomi"),
    ("fr, no accents", "/fr/search/?q=prevention+securite"),
    ("ar, taa marbuta as heh", "/ar/search/?q=%D8%A7%D9%84%D9%85%D8%AF%D9%8A%D9%86%D9%87"),
    ("es, no accents", "/es/search/?q=prevencion+juventud"),
    ("member authority names", "/en/search/?q=na"),
    ("resources only, page 50", "/en/search/?q=city&kind=resources&page=50"),
    ("nothing found", "/en/search/?q=zzzzqqq"),
    ("5,000 characters", "/en/search/?q=" + "safety+" * 714),
]


def measure(label, url):
    """p50 and p95 of `RUNS` requests, wall-clock and this process's CPU time (the database's own
    process is not in the CPU figure on PostgreSQL; SQLite runs in this process)."""
    client = Client()
    client.get(url)  # warm imports, connections and caches
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    print(
        f"{label:<34} wall p50 {statistics.median(walls):6.1f}  p95 {percentile(walls, 0.95):6.1f} ms"
        f"   cpu p50 {statistics.median(cpus):6.1f}  p95 {percentile(cpus, 0.95):6.1f} ms"
    )


print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
for label, url in cases:
    measure(label, url)
print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
