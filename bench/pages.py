"""What an uncached content page costs the app server: CPU ms per request (median), queries, size.

Production-like settings (DEBUG off), in-process test client, anonymous. Nothing caches whole
responses here: fragment and data caches are warm after the first request, as on a live site.

    .venv/bin/python bench/pages.py [--profile] [URL ...]
    BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/pages.py   # on PostgreSQL

`--profile` prints pyinstrument's call tree of 50 requests of each URL (requirements/test.txt).
"""

import statistics
import sys
import time

from _common import Client  # sets Django up on the scale database (or BENCH_DATABASE_URL)
from django.db import connection

URLS = [arg for arg in sys.argv[1:] if not arg.startswith("--")] or ["/en/", "/en/about/", "/ar/about/"]
RUNS = 200


def cpu_ms(client, url, runs=RUNS):
    client.get(url)
    timings = []
    for _ in range(runs):
        start = time.process_time()
        response = client.get(url)
        timings.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(response.content)


client = Client()
for url in URLS:
    client.get(url)
    connection.force_debug_cursor = True
    client.get(url)
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    median, size = cpu_ms(client, url)
    print(f"{url:<30} CPU p50 {median:6.2f} ms   {queries:3d} queries   {size / 1024:6.1f} KiB")

if "--profile" in sys.argv:
    from pyinstrument import Profiler

    for url in URLS:
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(50):
            client.get(url)
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False, show_all=False, time="percent_of_total"))
