"""Matching on the 100,000-authority database: load, queries, the whole-network recompute, the pages.

Prints: the time to read the profiles and build the engine, its memory, top-10 query times,
the time to recompute and store every authority's lists (what the background worker does),
and the focal point's page and a profile page with suggestions, through Django.
Run `make bench-data` first. `--skip-recompute` reuses lists already stored.
"""

import random
import resource
import statistics
import sys
import time

from _common import measure, percentile

from accounts.models import Role, User
from accounts.services import role_grant
from cities.models import City
from matching.engine import Engine
from matching.models import Suggestion
from matching.services import suggestions_recompute
from matching.sources import city_profiles


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    print(f"{label:<58} {time.perf_counter() - start:8.2f} s   peak RSS {rss_mb():7.0f} MB")
    return value


before = rss_mb()
profiles = timed("read every profile from the database (5 queries)", city_profiles)
engine = timed("build the engine", Engine, profiles)
print(f"{'engine arrays':<58} {engine.nbytes / 2**20:8.1f} MB  ({len(engine)} authorities)")

rng = random.Random(7)
askers = rng.sample(engine.ids, 200)
for kind in ("peers", "helpers", "pairs"):
    timings = []
    for slug in askers:
        start = time.perf_counter()
        getattr(engine, kind)(slug, top=10)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"top 10 {kind:<51} p50 {statistics.median(timings):7.1f} ms  p95 {percentile(timings, 0.95):7.1f} ms")
del engine, profiles

if "--skip-recompute" not in sys.argv:
    written = timed("recompute and store all suggestion lists (1 worker)", suggestions_recompute)
    print(f"{'lists written':<58} {written:8d}")
print(f"{'lists stored':<58} {Suggestion.objects.count():8d}")

city = City.objects.filter(needs__isnull=False, stage="member").order_by("pk").first()
focal, _ = User.objects.get_or_create(email="bench-focal@example.org", defaults={"name": "Bench Focal"})
if not focal.roles.filter(role=Role.FOCAL_POINT, city=city).exists():
    role_grant(user=focal, role=Role.FOCAL_POINT, city=city)
from django.test import Client  # noqa: E402

client = Client()
client.force_login(focal)
measure("focal point's page with suggestions /en/my-city/<slug>/", f"/en/my-city/{city.slug}/", client=client)
measure("profile with 'cities like this one' (signed in)", f"/en/network/{city.slug}/", client=client)
measure("same, in Arabic", f"/ar/network/{city.slug}/", client=client)
