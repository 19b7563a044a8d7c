"""A whole toolkit as one PDF, built on the server with WeasyPrint and kept in storage.

One file per published state and language: its name holds the toolkit's id, its language, its live
revision and a fingerprint of its live public chapters (ids and live revisions, in order) and of
`PDF_FORMAT`, so publishing the toolkit or a chapter, unpublishing, reordering or making a chapter
private gives a new name, hence a new PDF, and nothing has to be invalidated.

The files live in `STORAGES["private"]` (no public address: a toolkit made private later cannot be
fetched from an old link) and are served by `ResourcePage.pdf` (models.py), which builds a missing
one synchronously; `tasks.py` prebuilds it in the background after a publish. No process keeps
anything in memory: every process asks the storage. Two processes that miss the same file at the same
moment: the first takes a lock in the shared cache and builds, the other waits for it (at most
`LOCK_WAIT` seconds, then builds too: a double build is harmless, the second copy is dropped).

Images come from storage (renditions) and static files only: `url_fetcher` refuses anything else,
so a page can never make the server fetch an address, its own site's included.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # a line per page otherwise

PDF_FORMAT = "1"  # change when the template or the stylesheet changes: every PDF is built again
FOLDER = "toolkit-pdfs"
STYLESHEET = Path(__file__).with_name("pdf.css")
LOCK_SECONDS = 120  # a crashed builder blocks nobody for longer
LOCK_WAIT = 20.0
SIZE_SECONDS = 30 * 24 * 3600


def pdf_storage():
    return storages["private"]


def live_chapters(toolkit) -> list:
    """The chapters a reader may read, in order: live and without view restrictions."""
    from .models import ToolkitChapterPage

    return list(ToolkitChapterPage.objects.child_of(toolkit).live().public().order_by("path"))


def pdf_name(toolkit, chapters) -> str:
    """The storage name of the PDF of this published state of `toolkit` with `chapters`."""
    state = "|".join([PDF_FORMAT, *(f"{chapter.pk}:{chapter.live_revision_id}" for chapter in chapters)])
    fingerprint = hashlib.sha256(state.encode()).hexdigest()[:12]
    language = toolkit.locale.language_code
    return f"{FOLDER}/{toolkit.pk}/{language}-r{toolkit.live_revision_id}-{fingerprint}.pdf"


def _size_key(name: str) -> str:
    return f"resources:toolkit-pdf-size:{name}"


def _lock_key(name: str) -> str:
    return f"resources:toolkit-pdf-lock:{name}"


def known_size(name: str) -> int | None:
    """The size in bytes of a PDF already built, if the shared cache knows it (no storage call)."""
    return cache.get(_size_key(name))


# Fetching images and stylesheets: storage and static files only


class RefusedFetch(ValueError):
    pass


_PROBE = "address-probe"  # a name whose address shows where the storage's addresses start


def _prefixes() -> list[tuple[str, str]]:
    """(address prefix, source) pairs the PDF may read from."""
    pairs = [(settings.STATIC_URL, "static"), (settings.MEDIA_URL, "media")]
    try:  # an absolute address with S3-like storages, which give none for "" (an empty key)
        probe = default_storage.url(_PROBE).split("?", 1)[0]
    except Exception:  # noqa: BLE001 - a storage without addresses serves no images
        probe = ""
    media_root = probe[: -len(_PROBE)] if probe.endswith(_PROBE) else ""
    if media_root and media_root not in (settings.MEDIA_URL, ""):
        pairs.append((media_root.split("?", 1)[0], "media"))
    return pairs


def _read_static(name: str) -> bytes:
    found = finders.find(name)
    if found:
        return Path(found).read_bytes()
    with storages["staticfiles"].open(name, "rb") as handle:
        return handle.read()


def _read_media(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def _fetcher_class():
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class StorageURLFetcher(URLFetcher):
        """Reads the site's own media (from storage) and static files (from disk) and refuses every other
        address: no network request ever leaves the PDF build, not even to the site itself."""

        def __init__(self, base_url: str, **kwargs):
            super().__init__(**kwargs)
            self.site = base_url.rstrip("/")

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)  # decoded in memory by urllib's DataHandler
            address = url[len(self.site) :] if self.site and url.startswith(self.site + "/") else url
            for prefix, source in _prefixes():
                if not address.startswith(prefix):
                    continue
                name = unquote(urlsplit(address[len(prefix) :]).path)
                if not name or name.startswith("/") or ".." in Path(name).parts or "\\" in name:
                    break
                data = _read_static(name) if source == "static" else _read_media(name)
                kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": kind})
            raise RefusedFetch(f"Refused to fetch {url[:200]!r} for a PDF: only the site's media and static files")

    return StorageURLFetcher


def make_url_fetcher(base_url: str):
    """A WeasyPrint URL fetcher limited to the site's media and static files."""
    return _fetcher_class()(base_url)


# Building


def _base_url(toolkit) -> str:
    site = toolkit.get_site()
    return (site.root_url if site else "http://localhost").rstrip("/") + "/"


def render_html(toolkit, chapters) -> str:
    """The HTML of the whole toolkit, in the toolkit's language."""
    language = toolkit.locale.language_code
    with translation.override(language):
        return render_to_string(
            "resources/toolkit_pdf.html",
            {
                "page": toolkit,
                "chapters": chapters,
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "total_minutes": toolkit.reading_minutes + sum(chapter.reading_minutes for chapter in chapters),
            },
        )


def build_pdf_bytes(toolkit, chapters) -> bytes:
    from weasyprint import CSS, HTML

    base_url = _base_url(toolkit)
    fetcher = make_url_fetcher(base_url)
    html = HTML(string=render_html(toolkit, chapters), base_url=base_url, url_fetcher=fetcher)
    stylesheet = CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[stylesheet])


def _store(name: str, data: bytes) -> None:
    storage = pdf_storage()
    if storage.exists(name):
        return
    saved = storage.save(name, ContentFile(data))
    if saved != name:  # another process stored it meanwhile: keep theirs
        storage.delete(saved)
    cache.set(_size_key(name), len(data), SIZE_SECONDS)
    _remove_older(name)


def _remove_older(name: str) -> None:
    """Earlier PDFs of the same toolkit are no longer served: drop them."""
    storage = pdf_storage()
    folder = name.rsplit("/", 1)[0]
    try:
        _dirs, files = storage.listdir(folder)
    except (NotImplementedError, OSError):
        return
    for other in files:
        if f"{folder}/{other}" != name:
            storage.delete(f"{folder}/{other}")


def toolkit_pdf(toolkit, chapters=None) -> str:
    """The storage name of `toolkit`'s PDF, built now if missing. `toolkit` is live and public
    (the caller checks); `chapters` defaults to its live public chapters."""
    chapters = live_chapters(toolkit) if chapters is None else chapters
    name = pdf_name(toolkit, chapters)
    storage = pdf_storage()
    lock = _lock_key(name)
    if storage.exists(name) and not cache.get(lock):
        return name
    if not cache.add(lock, True, LOCK_SECONDS):
        deadline = time.monotonic() + LOCK_WAIT
        while cache.get(lock) and time.monotonic() < deadline:
            time.sleep(0.25)
        if storage.exists(name) and not cache.get(lock):
            return name
        # The other builder is too slow or died: build as well (harmless, one copy is kept).
    try:
        started = time.process_time()
        data = build_pdf_bytes(toolkit, chapters)
        logger.info("Built toolkit PDF %s (%d bytes, %.1f s CPU)", name, len(data), time.process_time() - started)
        _store(name, data)
    finally:
        cache.delete(lock)
    return name


def remember_size(name: str) -> int:
    size = pdf_storage().size(name)
    cache.set(_size_key(name), size, SIZE_SECONDS)
    return size
