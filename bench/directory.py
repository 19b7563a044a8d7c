"""Directory page speed on the scale data set. Target: p95 under 150 ms.

Facet counts and results are computed for every request (nothing per query is
cached); the in-memory directory index is built once per data version, and
that build time is printed first.
"""

import time

from _common import measure

from cities.directory_index import get_directory_index
from cities.models import City
from cities.selectors import bump_data_version

print(f"Directory: {City.objects.count():,} authorities, {City.objects.public().count():,} public members")
bump_data_version()
start = time.perf_counter()
index = get_directory_index()
for language in ("en", "ar"):
    index.order("name", language)
print(f"Directory index build (after any data change, once per process): {(time.perf_counter() - start) * 1000:.0f} ms")
measure("/en/network/ (first page, no filters)", "/en/network/")
measure("/en/network/?page=2000 (deep page)", "/en/network/?page=2000")
measure("/en/network/?hub=esa&authority_type=city&q=na", "/en/network/?hub=esa&authority_type=city&q=na")
measure(
    "/ar/network/?challenge=online-hate&country=KE&q=نا", "/ar/network/?challenge=online-hate&country=KE&q=%D9%86%D8%A7"
)
measure("/api/v1/members?hub=mena", "/api/v1/members?hub=mena")
