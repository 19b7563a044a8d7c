"""The network's figures on the 100,000-authority database (issue 15, parts 3 and 5): the staff's insights
page (/admin/insights/) for the Management Unit (whole network, and one hub) and for hub staff, the admin
home with its "Members by quarter" panel, the public "network in numbers" and a CSV download.
Target (issue 15): the insights page under 500 ms p95, with the figures kept in the shared cache and
recomputed in the background when data changes.

Printed: the background recompute after a change (what the task does, `figures.recompute_all`), each
page warm (figures read from the cache), and the page "after a change" before the recompute ran (the
figures computed in the request once: a cold cache), p50/p95 each.

Run `make bench-data` first (bench/data/scale.sqlite3); the two staff members it signs in as are kept.

    .venv/bin/python bench/insights_page.py
"""

import os
import statistics
import time

from _common import measure, percentile, staff_client
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from cities.models import City, Hub
from insights import figures

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "8"))

print(f"{'authorities':<58} {City.objects.count():8,d}")
print(f"{'public members':<58} {City.objects.public().count():8,d}")


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def change():
    """A change to what the figures count, committed (outside a transaction: at once)."""
    figures.INSIGHTS_VERSION.bump()


hub = Hub.objects.get(code="esa")
mu_client, _staff = staff_client("bench-insights-mu@example.org", role=Role.MANAGEMENT_UNIT)
hub_client, _hub_staff = staff_client("bench-insights-hub@example.org", role=Role.HUB_STAFF, hub=hub)
public_client = Client()

PAGES = [
    ("insights page, Management Unit (whole network)", mu_client, "/admin/insights/"),
    ("insights page, Management Unit, one hub", mu_client, "/admin/insights/?hub=mena"),
    ("insights page, hub staff", hub_client, "/admin/insights/"),
    ("admin home (Members by quarter panel), hub staff", hub_client, "/admin/"),
    ("CSV: members by hub, Management Unit", mu_client, "/admin/insights/members-by-hub.csv"),
    ("public network in numbers (visitor)", public_client, "/en/network-in-numbers/"),
    ("public network in numbers, Arabic (visitor)", public_client, "/ar/network-in-numbers/"),
    ("public CSV: members by region", public_client, "/en/network-in-numbers/members-by-region.csv"),
]

# Every scope once, so that each is among those recomputed after a change.
for _label, client, url in PAGES:
    client.get(url)

change()
start = time.perf_counter()
computed = figures.recompute_all()
print(f"{'background recompute after a change (every scope read)':<58} {computed:8,d} figures in "
      f"{(time.perf_counter() - start) * 1000:8.0f} ms")  # fmt: skip

print("\nWarm (figures read from the shared cache):")
for label, client, url in PAGES:
    measure(label, url, runs=RUNS, client=client)
    print(f"{'':<58} {queries(client, url):3d} queries")

print("\nAfter a change, before the background recompute ran (figures computed in the request once):")
for label, client, url in PAGES[:3] + PAGES[5:6]:
    timings = []
    for _ in range(COLD_RUNS):
        change()
        begin = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    print(f"{label:<58} cold  p50 {statistics.median(timings):7.1f} ms  p95 {percentile(timings, 0.95):7.1f} ms")
