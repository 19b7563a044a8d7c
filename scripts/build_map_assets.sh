#!/usr/bin/env bash
# Regenerates the vendored, offline map assets under cities/static/cities/vendor/:
#   - naturalearth/countries-110m.geojson  (from npm "world-atlas", TopoJSON -> GeoJSON)
#   - leaflet.markercluster/*               (dist files of npm "leaflet.markercluster")
#
# Versions are pinned in the repository's package.json (devDependencies); this script
# installs exactly those into a temporary directory, so no node_modules is left in the repo.
# Needs node + npm and access to the npm registry. Not run by the test-suite.
#
# Usage: bash scripts/build_map_assets.sh
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$REPO_ROOT/cities/static/cities/vendor"
NE_DIR="$VENDOR/naturalearth"
MC_DIR="$VENDOR/leaflet.markercluster"

pin() {
  node -e 'const p=require(process.argv[1]); const v=p.devDependencies[process.argv[2]];
           if(!/^\d+\.\d+\.\d+$/.test(v)) { console.error("unpinned: "+process.argv[2]+"@"+v); process.exit(1); }
           console.log(v);' "$REPO_ROOT/package.json" "$1"
}
WORLD_ATLAS_VERSION="$(pin world-atlas)"
TOPOJSON_CLIENT_VERSION="$(pin topojson-client)"
MARKERCLUSTER_VERSION="$(pin leaflet.markercluster)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mapbuild.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --save-exact \
  "world-atlas@$WORLD_ATLAS_VERSION" \
  "topojson-client@$TOPOJSON_CLIENT_VERSION" \
  "leaflet.markercluster@$MARKERCLUSTER_VERSION" >/dev/null

# --- Natural Earth countries: TopoJSON -> compact GeoJSON --------------------------------
# Keeps only the "name" property, cuts rings at the antimeridian, rounds coordinates to
# 2 decimals, drops consecutive duplicate vertices created by rounding and rings that
# collapse to < 4 positions.
mkdir -p "$NE_DIR"
cat > convert.js <<'JS'
const fs = require("fs");
const topojson = require("topojson-client");
const topo = JSON.parse(fs.readFileSync("node_modules/world-atlas/countries-110m.json", "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);

// world-atlas ships d3-style "stitched" spherical polygons: rings of Russia, Fiji and
// Antarctica cross the antimeridian (longitude jumps of ~360 degrees) and Antarctica's
// ring encircles the South Pole without a pole segment. Leaflet draws planar lon/lat,
// so such rings would smear across the whole map. Each ring is therefore unwrapped to
// continuous longitudes, closed through the pole when it encircles one, and clipped
// back into [-180, 180] world copies.
const r2 = (v) => Math.round(v * 100) / 100;
function unwrap(coords) {
  const out = [];
  let shift = 0;
  for (let i = 0; i < coords.length; i++) {
    const [x, y] = coords[i];
    if (i > 0) {
      const prev = coords[i - 1][0];
      if (x - prev > 180) shift -= 360;
      else if (prev - x > 180) shift += 360;
    }
    out.push([x + shift, y]);
  }
  return out;
}
function clipX(ring, lo, hi) {
  // Sutherland-Hodgman against the vertical strip lo <= x <= hi.
  const clipEdge = (pts, inside, cross) => {
    const res = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i], b = pts[(i + 1) % pts.length];
      const ina = inside(a), inb = inside(b);
      if (ina) res.push(a);
      if (ina !== inb) res.push(cross(a, b));
    }
    return res;
  };
  const at = (xc) => (a, b) => [xc, a[1] + ((b[1] - a[1]) * (xc - a[0])) / (b[0] - a[0])];
  let pts = ring.slice(0, -1); // open ring
  pts = clipEdge(pts, (p) => p[0] >= lo, at(lo));
  if (pts.length) pts = clipEdge(pts, (p) => p[0] <= hi, at(hi));
  return pts;
}
function finishRing(pts, shift) {
  const out = [];
  for (const [x, y] of pts) {
    const p = [r2(x + shift), r2(Math.max(-90, Math.min(90, y)))];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) return null;
  out.push(out[0].slice());
  return out;
}
function prepareRing(coords) {
  const u = unwrap(coords);
  const first = u[0], last = u[u.length - 1];
  const dx = last[0] - first[0];
  if (Math.abs(dx) > 180) {
    // Encircles a pole: close it along the pole.
    const meanLat = u.reduce((s, p) => s + p[1], 0) / u.length;
    const pole = meanLat < 0 ? -90 : 90;
    u.push([last[0], pole], [first[0], pole], first.slice());
  } else if (dx !== 0 || last[1] !== first[1]) {
    u.push(first.slice());
  }
  return u;
}
function polygons(rings) {
  // Returns zero or more polygons (outer ring first) inside [-180, 180].
  const prepared = rings.map(prepareRing);
  const xs = prepared[0].map((p) => p[0]);
  const kmin = Math.floor((Math.min(...xs) + 180) / 360);
  const kmax = Math.floor((Math.max(...xs) + 180) / 360);
  const result = [];
  for (let k = kmin; k <= kmax; k++) {
    const lo = -180 + 360 * k, hi = 180 + 360 * k;
    const outer = finishRing(clipX(prepared[0], lo, hi), -360 * k);
    if (!outer) continue;
    const poly = [outer];
    for (const hole of prepared.slice(1)) {
      const h = finishRing(clipX(hole, lo, hi), -360 * k);
      if (h) poly.push(h);
    }
    result.push(poly);
  }
  return result;
}
const features = [];
for (const f of fc.features) {
  const g = f.geometry;
  if (!g) continue;
  let geometry = null;
  const parts = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  const ps = [].concat(...parts.map(polygons));
  if (ps.length === 1) geometry = { type: "Polygon", coordinates: ps[0] };
  else if (ps.length) geometry = { type: "MultiPolygon", coordinates: ps };
  if (!geometry) continue;
  features.push({ type: "Feature", properties: { name: (f.properties && f.properties.name) || "" }, geometry });
}
features.sort((a, b) => a.properties.name.localeCompare(b.properties.name, "en"));
fs.writeFileSync(process.argv[2], JSON.stringify({ type: "FeatureCollection", features }) + "\n");
console.error(`wrote ${features.length} features to ${process.argv[2]}`);
JS
node convert.js "$NE_DIR/countries-110m.geojson"

cat > "$NE_DIR/LICENSE.txt" <<TXT
countries-110m.geojson
======================

Data: Natural Earth, Admin 0 - Countries, 1:110m (Natural Earth version 4.1.0).
Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.
Natural Earth data is in the public domain: https://www.naturalearthdata.com/about/terms-of-use/

Converted via the npm package world-atlas version ${WORLD_ATLAS_VERSION}
(ISC licence, Copyright 2013-2019 Michael Bostock; https://github.com/topojson/world-atlas),
file countries-110m.json (TopoJSON), using topojson-client version ${TOPOJSON_CLIENT_VERSION}
(ISC licence, Michael Bostock) to convert the "countries" object to GeoJSON.

How it was generated: scripts/build_map_assets.sh in this repository
(versions pinned in package.json). The conversion keeps only the "name" property,
cuts the polygons that cross the antimeridian (Russia, Fiji, Antarctica) at +/-180
degrees and closes Antarctica through the South Pole (world-atlas ships d3-style
stitched spherical rings, which Leaflet cannot draw), rounds coordinates to 2 decimal
places, drops consecutive duplicate vertices and rings that collapse after rounding,
and sorts features by name.

world-atlas licence (ISC):

$(cat node_modules/world-atlas/LICENSE)
TXT

# --- Leaflet.markercluster dist files ---------------------------------------------------
mkdir -p "$MC_DIR"
MC_SRC="node_modules/leaflet.markercluster"
cp "$MC_SRC/dist/leaflet.markercluster.js" \
   "$MC_SRC/dist/MarkerCluster.css" \
   "$MC_SRC/dist/MarkerCluster.Default.css" "$MC_DIR/"
# The minified file ends with a sourceMappingURL comment; we do not ship the map.
sed -i '/^\/\/# sourceMappingURL=/d' "$MC_DIR/leaflet.markercluster.js"
cp "$MC_SRC/MIT-LICENCE.txt" "$MC_DIR/LICENSE"
printf 'leaflet.markercluster %s (npm), dist files; MIT licence, see LICENSE.\nGenerated by scripts/build_map_assets.sh\n' \
  "$MARKERCLUSTER_VERSION" > "$MC_DIR/VERSION"

chmod 644 "$NE_DIR"/* "$MC_DIR"/*
echo "map assets written to $VENDOR" >&2
