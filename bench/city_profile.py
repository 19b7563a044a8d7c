"""Profile page speed. Target: p95 under 50 ms."""

import random

from _common import measure

from cities.models import City

slugs = list(City.objects.public().values_list("slug", flat=True)[:5000])
rng = random.Random(1)
for slug in rng.sample(slugs, 3):
    measure(f"/en/network/{slug}/", f"/en/network/{slug}/", runs=30)
    measure(f"/ar/network/{slug}/", f"/ar/network/{slug}/", runs=30)
