"""The whole network's CSV and GeoJSON exports at benchmark scale: the time to build each file once per
data version (what the task worker does, `cities.open_data.build_export_file`), then a download of it."""

import time

from _common import Client

from cities.open_data import build_export_file
from cities.selectors import data_version

print(f"data version {data_version()}")
for fmt in ("csv", "geojson"):
    cpu, wall = time.process_time(), time.perf_counter()
    path = build_export_file(fmt, "public", "en")
    print(
        f"build {fmt:<8} {(time.perf_counter() - wall):6.1f} s wall {(time.process_time() - cpu):6.1f} s CPU"
        f"  {path.stat().st_size / 1e6:6.1f} MB  {path.name}"
    )
client = Client()
for fmt in ("csv", "geojson"):
    cpu, wall = time.process_time(), time.perf_counter()
    response = client.get(f"/en/network/export.{fmt}")
    size = sum(len(chunk) for chunk in response.streaming_content)
    print(
        f"GET /en/network/export.{fmt}: {response.status_code}  {size / 1e6:.1f} MB  "
        f"{(time.perf_counter() - wall) * 1000:.0f} ms wall  {(time.process_time() - cpu) * 1000:.0f} ms CPU"
    )
