"""A small map of an event's venue, drawn on the server as SVG from the Natural Earth country shapes
the network map already ships (`cities/static/cities/vendor/naturalearth/`): no tile server, no
JavaScript, nothing fetched from elsewhere, so it works offline and under the site's strict
Content-Security-Policy. The page gives the same place in words beside it."""

from __future__ import annotations

import json
import math
from functools import cache, lru_cache
from pathlib import Path

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

SHAPES = (
    Path(__file__).resolve().parents[1]
    / "cities"
    / "static"
    / "cities"
    / "vendor"
    / "naturalearth"
    / "countries-110m.geojson"
)
WIDTH, HEIGHT = 320, 200  # SVG units; the CSS scales it to the column
SPAN = 24.0  # degrees of longitude shown (more near the poles, where a degree is shorter)


@cache
def _rings() -> tuple[tuple[tuple[float, float, float, float], tuple[tuple[float, float], ...]], ...]:
    """Every outer and inner ring of every country, with its bounding box: ((west, south, east, north), points)."""
    rings = []
    for feature in json.loads(SHAPES.read_text(encoding="utf-8"))["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            for ring in polygon:
                points = tuple((float(x), float(y)) for x, y in ring)
                xs, ys = [x for x, _ in points], [y for _, y in points]
                rings.append(((min(xs), min(ys), max(xs), max(ys)), points))
    return tuple(rings)


@lru_cache(maxsize=512)
def venue_svg(latitude: float, longitude: float, label: str) -> SafeString:
    """The SVG map centred on the venue, with a marker; `label` names the place for screen readers."""
    scale_x = WIDTH / SPAN
    span_y = SPAN * HEIGHT / WIDTH / max(math.cos(math.radians(latitude)), 0.2)
    scale_y = HEIGHT / span_y
    west, east = longitude - SPAN / 2, longitude + SPAN / 2
    south, north = latitude - span_y / 2, latitude + span_y / 2

    def point(x: float, y: float) -> str:
        return f"{(x - west) * scale_x:.1f},{(north - y) * scale_y:.1f}"

    paths = []
    for (r_west, r_south, r_east, r_north), ring in _rings():
        if r_east < west or r_west > east or r_north < south or r_south > north:
            continue
        paths.append("M" + "L".join(point(x, y) for x, y in ring) + "Z")
    marker_x, marker_y = f"{(longitude - west) * scale_x:.1f}", f"{(north - latitude) * scale_y:.1f}"
    return format_html(
        '<svg class="venue-map" viewBox="0 0 {} {}" role="img" aria-label="{}" focusable="false">'
        '<rect class="venue-map__sea" width="{}" height="{}"/>'
        '<path class="venue-map__land" d="{}"/>'
        '<circle class="venue-map__halo" cx="{}" cy="{}" r="11"/>'
        '<circle class="venue-map__marker" cx="{}" cy="{}" r="5"/>'
        "</svg>",
        WIDTH,
        HEIGHT,
        label,
        WIDTH,
        HEIGHT,
        mark_safe(" ".join(paths)),  # numbers made here, nothing from a person
        marker_x,
        marker_y,
        marker_x,
        marker_y,
    )
