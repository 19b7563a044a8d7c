"""Engagement on the 100,000-authority database: the dormant members' list (/admin/engagement/dormant/)
and the admin home (whose "Work waiting" panel counts them), for the Management Unit and for hub staff.
Targets (issue 15): the admin home under 300 ms p95; the list likewise.

Run `make bench-data` first (bench/data/scale.sqlite3). The first run adds the engagement tables
(`migrate activity`) and a year of generated activity for every member authority (`activity/scale.py`,
in bulk; about a minute), and the two staff members it signs in as; all are kept for the next run.

    .venv/bin/python bench/engagement.py
"""

import os
import time

from _common import measure, staff_client
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

RUNS = int(os.environ.get("BENCH_RUNS", "30"))

call_command("migrate", "activity", verbosity=0)  # nothing to do once applied

from accounts.models import Role  # noqa: E402
from activity.models import Activity, CityEngagement  # noqa: E402
from activity.scale import activity_generate  # noqa: E402
from activity.selectors import dormant_count  # noqa: E402
from activity.services import engagement_sync  # noqa: E402
from cities.models import City, Hub, Stage  # noqa: E402

members = City.objects.filter(stage=Stage.MEMBER)
if not Activity.objects.exists():
    start = time.perf_counter()
    made = activity_generate(members, seed=2026)
    print(f"{'generated a year of activity':<58} {made:8,d} rows in {time.perf_counter() - start:.0f} s")
elif CityEngagement.objects.filter(is_member=True).count() != members.count():  # rows from an earlier version
    engagement_sync()
print(f"{'authorities':<58} {City.objects.count():8,d}")
print(f"{'activities':<58} {Activity.objects.count():8,d}")
print(f"{'authorities with an engagement row':<58} {CityEngagement.objects.count():8,d}")


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


hub = Hub.objects.get(code="esa")
mu_client, staff = staff_client("bench-engagement-mu@example.org", role=Role.MANAGEMENT_UNIT)
hub_client, hub_staff = staff_client("bench-engagement-hub@example.org", role=Role.HUB_STAFF, hub=hub)
print(f"{'dormant members (whole network)':<58} {dormant_count(staff):8,d}")
print(f"{'dormant members (ESA hub)':<58} {dormant_count(hub_staff):8,d}")

LIST = "/admin/engagement/dormant/"
for label, client, url in (
    ("dormant list, Management Unit", mu_client, LIST),
    ("dormant list, Management Unit, page 40", mu_client, LIST + "?page=40"),
    ("dormant list, Management Unit, one hub", mu_client, LIST + "?hub=mena"),
    ("dormant list, hub staff", hub_client, LIST),
    ("admin home, Management Unit", mu_client, "/admin/"),
    ("admin home, hub staff", hub_client, "/admin/"),
):
    measure(f"{label} ({queries(client, url)} queries)", url, client=client, runs=RUNS)
