"""Wagtail's routing from the shared cache: the page a path leads to, kept under the chrome version.

Wagtail finds a page by walking the tree from the site's root, one query per level and one for each
page's specific type (five on /en/about/), then reads the view restrictions of the page and its
ancestors (two more). Both depend only on the published tree, its restrictions, the sites and the
locales, which move the chrome version on when they change (`core/chrome.py`): so the walk is done
once per version, path and language, and the page it ends on is kept with it (any change to a page
saves it, which moves the version on too): no query; its restrictions are read only when it is in a
restricted section (`core.pages.restricted_paths`).

Only a walk that ends on a page itself is kept: a sub-page route (a RoutablePage's feed or PDF) or a
404 is left to Wagtail each time, so the keys are bounded by the number of pages, not by the paths
people type."""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from .chrome import cached


def route_for_request(request, site, path: str) -> RouteResult | None:
    """Wagtail's `Page.route_for_request(request, path)`, with the walk kept in the cache. Sets
    `request._wagtail_route_for_request`, where Wagtail's `serve` view and the rest look first."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()

    def walk():
        result = Page.route_for_request(request, path)
        if result is None or result.args or result.kwargs:
            return None  # a 404 or a sub-page route: not kept
        return _load(result.page.content_type_id, result.page.pk)

    page = cached(("route", site.pk, translation.get_language(), digest), walk)
    if hasattr(request, "_wagtail_route_for_request"):  # walked just now
        return request._wagtail_route_for_request
    if page is None:  # gone in a way no signal told (a raw update): walk as Wagtail does
        return Page.route_for_request(request, path)
    request._wagtail_route_for_request = RouteResult(page)
    return request._wagtail_route_for_request


def _load(content_type_id: int, page_id: int) -> Page | None:
    """The live page itself, read fresh (not the object the walk used), to be kept: every change to a
    page saves it, which moves the version on, so the kept copy is the page as published."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._default_manager.filter(pk=page_id, live=True).first() if model else None
