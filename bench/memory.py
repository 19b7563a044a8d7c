"""Memory of an app worker at benchmark scale: RSS after start-up, after `cities.directory_index.warm()`
(what gunicorn runs before forking) and after a few pages. Target (issue 12): 250 MB per worker."""

import time

from _common import Client


def rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


print(f"RSS after Django start-up:            {rss_mb():6.0f} MB")
from cities.directory_index import warm  # noqa: E402

cpu, wall = time.process_time(), time.perf_counter()
warm()
print(
    f"RSS after warm() (index, map data):   {rss_mb():6.0f} MB   "
    f"({(time.perf_counter() - wall) * 1000:.0f} ms wall, {(time.process_time() - cpu) * 1000:.0f} ms CPU)"
)
client = Client()
for url in ("/en/", "/en/about/", "/en/network/", "/ar/network/?q=na", "/en/network/map/data.json"):
    client.get(url)
print(f"RSS after five pages:                 {rss_mb():6.0f} MB")
