"""Telling the caching proxy what changed (docs/deploy.md, "Caching"; the proxy: `deploy/varnish/default.vcl`).

Wagtail's front-end cache (`wagtail.contrib.frontend_cache`): its HTTP backend and its URL handling
(each page's `get_cached_paths()`, the same path in every content language). Two kinds of request go to
every backend in `WAGTAILFRONTENDCACHE` (set when `FRONTEND_CACHE_URL` is):

- `PURGE <path>`: the proxy drops that path with every query string (`?page=2`, filters);
- `BAN` with `X-Cache-Tag: <tag>`: the proxy drops every response tagged so (`core/http_cache.py` tags
  "html" for every page and "network" for everything built from the network's data version).

When: only after the commit (`transaction.on_commit`), never before (a reader could put the old page
back), and synchronously, not through the task queue (a purge waiting behind a long task would leave the
old page up). It is sent twice: at once, and again `CACHE_PURGE_REPEAT_SECONDS` later, for a page that
was being rendered from the old data while the first one went out.

What (`page_changed`, on publish, unpublish, delete, which unpublishes first, and move): the page in every
language, its parent in every language (the Resource Hub and news lists, a section's list of pages) with
its feed, the pages about the same cities, the site search, `/sitemap.xml`; and every page (tag "html")
when the change can show in the menu (a home page or one of its children) or moves a page. Network data
(`cities.selectors.bump_data_version`, after its commit): tag "network". The footer's settings and the
testimonials: tag "html".
"""

import logging
import threading
from types import SimpleNamespace
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("wagtail.frontendcache")

# Translations, parents, siblings: a page with more children than this has its siblings left alone
# (a section's list is purged as the parent; its other items do not show each other).
SIBLINGS_LIMIT = 50


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (`PURGE <path>` to `LOCATION`) with a timeout, plus `BAN` by tag."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def purge(self, url):
        parts = urlsplit(url)
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path or "/", parts.query, ""])
        self._send("PURGE", target, {"Host": parts.netloc or self.cache_netloc})

    def ban_tag(self, tag: str) -> None:
        self._send("BAN", urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]), {"X-Cache-Tag": tag})

    def _send(self, method: str, url: str, headers: dict) -> None:
        request = Request(
            url, method=method, headers={"User-Agent": f"Wagtail-frontendcache/{wagtail_version}", **headers}
        )
        try:
            urlopen(request, timeout=self.timeout).close()  # noqa: S310 - the scheme comes from settings
        except HTTPError as error:
            logger.error("Proxy refused %s %s: %s %s", method, url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Proxy not reached for %s %s: %s", method, url, error)


def _after_commit(send) -> None:
    """`send()` after the commit, and once more CACHE_PURGE_REPEAT_SECONDS later."""

    def now_and_again():
        send()
        delay = settings.CACHE_PURGE_REPEAT_SECONDS
        if delay:
            timer = threading.Timer(delay, send)
            timer.daemon = True
            timer.start()

    transaction.on_commit(now_and_again)


def purge_urls(urls) -> None:
    """PURGE these URLs (or paths) in every content language, after the commit."""
    urls = sorted(set(urls))
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

        # `.call()`: Wagtail's purge (every content language, each backend) here, not through the queue
        _after_commit(lambda: purge_urls_from_cache_task.call(urls))


def ban_tag(tag: str) -> None:
    """Drop every response tagged `tag` from the proxy, after the commit."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return

    def send():
        for backend in get_backends().values():
            if hasattr(backend, "ban_tag"):
                backend.ban_tag(tag)

    _after_commit(send)


def _page_urls(page, cache_object) -> set[str]:
    url = page.get_full_url(cache_object)
    if url is None:
        return set()
    paths = page.specific_deferred.get_cached_paths()
    return {url + path.lstrip("/") for path in paths} | {url + "feed/", url + "pdf/"}


def page_urls(page) -> set[str]:
    """The page and the pages that show it, in every language (see the module's docstring)."""
    cache_object = SimpleNamespace()  # Wagtail keeps the sites' root paths on it
    urls: set[str] = set()
    for translation in page.get_translations(inclusive=True):
        urls |= _page_urls(translation, cache_object)
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        for translation in parent.get_translations(inclusive=True):
            urls |= _page_urls(translation, cache_object)
        siblings = parent.get_children().live()
        if siblings.count() <= SIBLINGS_LIMIT:
            for sibling in siblings.exclude(pk=page.pk):
                urls |= _page_urls(sibling, cache_object)
    for name in ("cities", "represented_cities"):  # Resource Hub items, events: the profiles list them
        cities = getattr(page.specific_deferred, name, None)
        if cities is not None and hasattr(cities, "all"):
            urls |= {city.get_absolute_url() for city in cities.all()}
    urls.add("/sitemap.xml")
    urls.add(f"/{settings.LANGUAGE_CODE}/search/")
    return urls


def shows_in_every_page(page) -> bool:
    """A home page or one of its children: the menu, the home link or the language switcher of every page."""
    return page.depth <= 3


def page_changed(sender, instance, **kwargs) -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return  # no proxy to tell: the addresses (a query or two per page and language) are not worked out
    purge_urls(page_urls(instance))
    if shows_in_every_page(instance):
        ban_tag("html")


def page_moved(sender, instance, url_path_before=None, **kwargs) -> None:
    ban_tag("html")  # old address, both parents' lists, menus and breadcrumbs: every page


def chrome_changed(sender, instance=None, **kwargs) -> None:
    ban_tag("html")


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import FooterSettings, Testimonial

    page_published.connect(page_changed, dispatch_uid="core-frontend-cache-published")
    page_unpublished.connect(page_changed, dispatch_uid="core-frontend-cache-unpublished")  # also before a delete
    post_page_move.connect(page_moved, dispatch_uid="core-frontend-cache-moved")
    for model in (FooterSettings, Testimonial):
        post_save.connect(chrome_changed, sender=model, dispatch_uid=f"core-frontend-cache-{model.__name__}-saved")
        post_delete.connect(chrome_changed, sender=model, dispatch_uid=f"core-frontend-cache-{model.__name__}-deleted")
