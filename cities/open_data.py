"""The network's open data at any size: the map data compressed once per data version, and the whole
CSV and GeoJSON exports built once per data version into files served as static downloads.

Map data: the JSON of a query is built once per data version, language and filters, and kept in the
cache already compressed (gzip, and brotli when the `brotli` package WhiteNoise uses is installed),
each encoding under its own key, so a request reads only the bytes it sends and compresses nothing.
A big body (the whole network's map data) is a file in `OPEN_DATA_ROOT/kept/` that every process
shares and sends with `FileResponse`; the cache holds its path.

Exports: the unfiltered CSV and GeoJSON (what the footer links) are files, one per data version,
visibility level (`public`, or `staff` for the Management Unit: never served to anyone else) and
language (country names and the name order follow it), in `OPEN_DATA_ROOT`. A request for a file not
built yet enqueues its build (`cities.tasks.build_export`) and answers "being prepared" (503 with
`Retry-After`; the page refreshes itself); once built, the file is sent by `FileResponse`. After each
change of member data the public files are built at once in the task queue (`exports_changed`,
`OPEN_DATA_BUILD_ON_CHANGE`), so a reader seldom meets "being prepared". Files of
older versions are removed when a newer one is written. Filtered exports are streamed as before, in
one ordered id list and chunks of rows (linear, not one OFFSET scan per chunk).
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import json
import logging
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from core.i18n import LANGUAGE_CODES
from core.queue import enqueue

from .selectors import CACHE_SECONDS, data_version
from .serializers import city_public_record, csv_header, csv_row, geojson_feature

try:  # WhiteNoise's optional dependency (requirements/base.txt)
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

log = logging.getLogger(__name__)

CHUNK = 2000
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "strong-cities-members.csv"),
    "geojson": ("application/geo+json; charset=utf-8", "strong-cities-members.geojson"),
}
LEVELS = ("public", "staff")
PREPARE_LOCK_SECONDS = 15 * 60


# Compressed bodies


def encodings_accepted(request) -> list[str]:
    """The encodings we keep, in our order of preference, that the request accepts."""
    header = request.META.get("HTTP_ACCEPT_ENCODING", "").lower()
    accepted = set()
    for part in header.split(","):
        name, _sep, params = part.strip().partition(";")
        if re.search(r"q=0(?:\.0*)?\s*$", params.strip()):
            continue
        accepted.add(name.strip())
    wanted = []
    if brotli is not None and "br" in accepted:
        wanted.append("br")
    if "gzip" in accepted:
        wanted.append("gzip")
    return wanted


def compress(body: bytes) -> dict[str, bytes]:
    """`body` in every encoding we serve ("identity" included)."""
    encoded = {"identity": body, "gzip": gzip.compress(body, compresslevel=6, mtime=0)}
    if brotli is not None:
        encoded["br"] = brotli.compress(body, quality=5)
    return encoded


# Bodies this big are kept as files in OPEN_DATA_ROOT, which every process shares, not as a copy in each
# process's cache (the whole network's map data: 7 MB, 2 MB gzipped, per language at 100,000 authorities).
KEEP_AS_FILE_BYTES = 256 * 1024


def cached_encoded(key: str, build, request):
    """The body cached under `key` (a string with the shared data version in it) in the best encoding
    the request accepts, built and compressed once on a miss: (bytes or an open file, encoding or None).
    A big body is a file per data version, key and encoding; the cache then holds its path."""
    wanted = [*encodings_accepted(request), "identity"]
    for encoding in wanted:
        value = cache.get(f"{key}:{encoding}")
        if value is None:
            continue
        body = _open(Path(value)) if isinstance(value, str) else value
        if body is not None:
            return body, None if encoding == "identity" else encoding
    version = data_version().committed
    for encoding in wanted:  # built by another process (or before this one's cache entry expired)
        path = _kept_path(key, encoding, version)
        body = _open(path)
        if body is not None:
            cache.set(f"{key}:{encoding}", str(path), CACHE_SECONDS)
            return body, None if encoding == "identity" else encoding
    encoded = compress(build().encode())
    for encoding, body in encoded.items():
        kept = body
        if len(body) >= KEEP_AS_FILE_BYTES:
            kept = str(_write_kept(_kept_path(key, encoding, version), body, version))
        cache.set(f"{key}:{encoding}", kept, CACHE_SECONDS)
    encoding = next(name for name in wanted if name in encoded)
    return encoded[encoding], None if encoding == "identity" else encoding


def _kept_path(key: str, encoding: str, version: int) -> Path:
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return open_data_root() / "kept" / f"v{version}-{digest}.{encoding}"


def _open(path: Path):
    try:
        return path.open("rb")
    except FileNotFoundError:  # removed by a newer data version, or never written by this machine
        return None


def _write_kept(path: Path, body: bytes, version: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".part") as out:
        out.write(body)
    os.replace(out.name, path)
    _remove_older(path, version, "v*-*.*", r"^v(\d+)-")  # an open one stays readable
    return path


# Export files


def open_data_root() -> Path:
    return Path(settings.OPEN_DATA_ROOT)


def export_path(fmt: str, level: str, language: str, version: int) -> Path:
    return open_data_root() / f"members-{level}-{language}-v{version}.{fmt}"


def _ordered_ids(filters) -> list[int]:
    return list(filters.ordered(filters.queryset()).values_list("pk", flat=True))


def export_rows(filters):
    """The authorities `filters` select, in their order, each with what the public record needs:
    one query for the ordered ids, then a few per 2,000 rows."""
    ids = _ordered_ids(filters)
    base = (
        filters.base()
        .for_listing()
        .prefetch_related("challenges__challenge", "offers__practice_area", "needs__practice_area", "working_languages")
    )
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = base.filter(pk__in=chunk).in_bulk()
        for pk in chunk:
            if pk in found:
                yield found[pk]


class _Echo:
    def write(self, value):
        return value


def csv_chunks(filters):
    writer = csv.writer(_Echo())
    taxonomy = filters.taxonomy
    yield "\ufeff"  # so spreadsheet programs read UTF-8 (Arabic names)
    yield writer.writerow(csv_header())
    for city in export_rows(filters):
        yield writer.writerow(csv_row(city_public_record(city, taxonomy)))


def geojson_chunks(filters):
    taxonomy = filters.taxonomy
    yield '{"type":"FeatureCollection","features":['
    first = True
    for city in export_rows(filters):
        feature = json.dumps(geojson_feature(city_public_record(city, taxonomy)), ensure_ascii=False)
        yield feature if first else "," + feature
        first = False
    yield "]}"


CHUNKS = {"csv": csv_chunks, "geojson": geojson_chunks}


def build_export_file(fmt: str, level: str, language: str) -> Path | None:
    """Write the unfiltered export for the current data version (None when this connection has an
    uncommitted change: nothing built from it is kept). Removes the files of older versions."""
    from django.utils import translation

    from .filters import DirectoryFilters

    version = data_version()
    if not version.shared:
        return None
    path = export_path(fmt, level, language, version.committed)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with translation.override(language):
        filters = DirectoryFilters({}, user=None)
        filters.staff = level == "staff"  # the same rows and fields as the views give that level
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".part") as out:
            for chunk in CHUNKS[fmt](filters):
                out.write(chunk)
    os.replace(out.name, path)
    _remove_older(path, version.committed, "members-*-v*.*", r"-v(\d+)\.")
    return path


def _remove_older(current: Path, version: int, pattern: str, number: str) -> None:
    """Remove the files beside `current` matching `pattern` whose version (the group of `number`) is
    older, and builds that died half-way an hour or more before `current` was written."""
    for other in current.parent.glob(pattern):
        match = re.search(number, other.name)
        if match and int(match.group(1)) < version:
            other.unlink(missing_ok=True)
    for part in current.parent.glob("*.part"):  # builds that died half-way, an hour ago or more
        try:
            if part.stat().st_mtime < current.stat().st_mtime - 3600:
                part.unlink(missing_ok=True)
        except FileNotFoundError:
            pass


def export_file(fmt: str, level: str, language: str) -> Path | None:
    """The built file for the current data version, or None after enqueueing its build."""
    version = data_version()
    if not version.shared:
        return None
    path = export_path(fmt, level, language, version.committed)
    if path.exists():
        return path
    lock = f"cities:export-build:{path.name}"
    if cache.add(lock, 1, PREPARE_LOCK_SECONDS):
        from .tasks import build_export

        try:
            enqueue(build_export, fmt=fmt, level=level, language=language)
        except Exception:  # no queue: the next request tries again
            cache.delete(lock)
            log.exception("Could not enqueue the %s export", fmt)
    return path if path.exists() else None  # a queue that runs at once (tests, dev) built it


def exports_changed(version: int) -> None:
    """After member data moved on to `version` (committed): enqueue the build of the public exports,
    once per version whatever the number of processes (a lock in the shared cache). The staff exports
    wait for their first download (few ask, and only staff)."""
    if not settings.OPEN_DATA_BUILD_ON_CHANGE:
        return
    lock = f"cities:export-build-all:v{version}"
    if not cache.add(lock, 1, PREPARE_LOCK_SECONDS):
        return
    from .tasks import build_public_exports

    try:
        enqueue(build_public_exports)
    except Exception:  # no queue: each file is built on its first download instead
        cache.delete(lock)
        log.exception("Could not enqueue the public exports")


def warm() -> None:
    """Map data for the whole network in every language, compressed, in the cache before forking."""
    from django.test import RequestFactory
    from django.utils import translation

    from .filters import DirectoryFilters
    from .views import map_data_key, map_data_payload

    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="br, gzip")
    for language in LANGUAGE_CODES:
        with translation.override(language):
            filters = DirectoryFilters({}, user=None)
            build = functools.partial(map_data_payload, filters, language)
            body, _encoding = cached_encoded(map_data_key(filters, language), build, request)
            if not isinstance(body, bytes):
                body.close()
