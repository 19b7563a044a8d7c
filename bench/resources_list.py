"""Resource Hub and news list speed (/<lang>/resources/, /<lang>/news/) at scale. Target: p95 under 100 ms.

Runs on bench/data/resources.sqlite3: a small demo network (300 authorities, the demo Resource Hub)
plus BENCH_ITEMS (default 100,000) generated resource and news pages over four languages
(`load_demo_network --resources`, resources/scale.py). Built once (a few minutes); --force rebuilds.
On PostgreSQL: BENCH_DATABASE_URL=postgres://... (the database is filled the same way if empty).

The lists' in-memory index is built once per version (after a publish); that build is timed first.
Then each URL is timed warm (the index built, nothing per query cached), with the queries it ran.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/ holds a script named http.py: first on sys.path it would hide the standard library's `http`.
sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parent))
DB = Path(os.environ.get("BENCH_SQLITE", ROOT / "bench" / "data" / "resources.sqlite3"))  # or the scale database
ITEMS = int(os.environ.get("BENCH_ITEMS", "100000"))
URL = os.environ.get("BENCH_DATABASE_URL")

if not URL and "--force" in sys.argv:
    DB.unlink(missing_ok=True)

from _common import measure  # noqa: E402  (sets Django up on the bench settings)
from django.conf import settings  # noqa: E402

if not URL:  # (with BENCH_DATABASE_URL, config/settings/bench.py has set the database up already:
    # replacing the settings dict here would drop the defaults Django fills in, e.g. ATOMIC_REQUESTS)
    DB.parent.mkdir(parents=True, exist_ok=True)
    settings.DATABASES["default"]["NAME"] = str(DB)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cities.models import City  # noqa: E402
from resources.listing_index import forget_listing_indexes, get_listing_index  # noqa: E402
from resources.models import NewsArticlePage, ResourcePage  # noqa: E402
from resources.scale import PREFIX, load_resources_scale  # noqa: E402

call_command("migrate", verbosity=0)
start = time.perf_counter()
if not City.objects.exists():
    call_command("load_demo_network", "--count", "300", "--resources", "0", "--seed", "10", verbosity=0)
have = ResourcePage.objects.filter(slug__startswith=PREFIX).count()
have += NewsArticlePage.objects.filter(slug__startswith=PREFIX).count()
if have < ITEMS:
    cpu = time.process_time()
    print(f"Generating {ITEMS - have:,} resource and news pages…")
    load_resources_scale(ITEMS - have, seed=10 + have, stdout=sys.stdout)
    print(f"  generated in {time.perf_counter() - start:.0f} s wall, {time.process_time() - cpu:.0f} s CPU")
if "--build-only" in sys.argv:
    sys.exit(0)

print(
    f"Lists on {connection.vendor}: {ResourcePage.objects.live().count():,} live resource pages, "
    f"{NewsArticlePage.objects.live().count():,} live news pages (all languages)"
)
for model in (ResourcePage, NewsArticlePage):
    forget_listing_indexes()
    cpu = time.process_time()
    index = get_listing_index(model)
    for language in ("en", "ar", "fr", "es"):
        view = index.view(language)
        for sort in ("newest", "oldest", "title"):
            index.order(view, sort)
    print(
        f"{model.__name__} index build (once per process after a publish): {(time.process_time() - cpu) * 1000:.0f} ms"
        f" CPU, {index.groups:,} translation groups"
    )

CASES = [
    ("first page", "/en/resources/"),
    ("ar, kind + topic", "/ar/resources/?kind=toolkit&topic=youth-radicalisation"),
    ("practice area + hub, page 2", "/en/resources/?practice_area=schools-education&hub=mena&page=2"),
    ("region + available in fr", "/fr/resources/?region=europe&language=fr"),
    ("year, oldest first", "/es/resources/?year=2021&sort=oldest"),
    ("title order, page 40", "/en/resources/?sort=title&page=40"),
    ("all filters", "/en/resources/?kind=guide&topic=online-hate&hub=esa&language=en&year=2023"),
    ("deep page", "/en/resources/?page=2500"),
    ("search: common word", "/en/resources/?q=prevention"),
    ("search: two words + kind", "/en/resources/?q=youth+plan&kind=guide"),
    ("search: fr no accents, sorted newest", "/fr/resources/?q=securite&sort=newest"),
    ("search: ar, taa marbuta as heh", "/ar/resources/?q=%D8%A7%D9%84%D9%85%D8%AF%D9%8A%D9%86%D9%87"),
    ("search: rare word", "/en/resources/?q=lomiza"),
    ("search: nothing found", "/en/resources/?q=zzzzqqq"),
    ("search: 5,000 characters", "/en/resources/?q=" + "safety+" * 714),
    ("news: first page", "/en/news/"),
    ("news: kind + year", "/ar/news/?kind=statement&year=2024"),
    ("news: search", "/es/news/?q=barrio"),
]
client = Client()
for label, url in CASES:
    timings = measure(f"{label}: {url[:40]}", url, runs=int(os.environ.get("BENCH_RUNS", "25")), client=client)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(f"{'':<58} {len(queries.captured_queries)} queries")
