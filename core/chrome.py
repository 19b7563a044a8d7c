"""The site chrome every public page shows (home link, menu, language switcher, footer), read from the
shared cache.

What it shows depends only on the published pages, their view restrictions, the sites, the locales and
the footer's settings (and, for the pages' content kept rendered, images, documents and testimonials), so it is cached under the "chrome" content version (`core/versions.py`), which
moves on after the commit of any change to those (`connect()` below): a page published, unpublished,
saved, moved or deleted, a view restriction, a site, a locale, the footer, an image, a document or a testimonial saved. A request then costs
one small query for the version and a cache read; nothing here lives in one process's memory only.
While this connection's own change is not committed, everything is built afresh and not kept.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page, PageViewRestriction, Site

from .pages import public_pages
from .release import release
from .versions import SharedVersion

CHROME_VERSION = SharedVersion("core.ContentVersion", "chrome")
CACHE_SECONDS = 24 * 60 * 60  # keyed on the version: an entry is never stale, only unused
LANGUAGES = [code for code, _name in settings.LANGUAGES]
FOOTER_TEMPLATE = "core/includes/site_footer_body.html"


def cached(parts: tuple, compute):
    """`compute()`, kept in the shared cache under the chrome version and `parts`: for what depends only
    on the published pages, their restrictions, the sites and locales (and what other apps tie to this
    version, e.g. translation statuses, `translations/signals.py`)."""
    token = CHROME_VERSION.token()
    if token is None:  # this connection's change to pages or settings is not committed yet
        return compute()
    key = ":".join(["chrome", token, release(), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def request_host(request) -> str:
    """The request's checked host ("" for one not allowed), worked out once per request: every kept
    fragment and lookup keys on it, eight times a page, and Django checks it against ALLOWED_HOSTS
    each time it is asked."""
    host = getattr(request, "_chrome_host", None)
    if host is None:
        try:
            host = request.get_host()
        except Exception:  # DisallowedHost: Wagtail picks the default site, so do we
            host = ""
        request._chrome_host = host
    return host


def _site(request) -> Site | None:
    return Site.find_for_request(request)


def _relative(page: Page, request) -> str | None:
    return page.get_url(request=request)


def _site_chrome(request) -> dict | None:
    """Each language's home and menu for the request's site: {"site": id, "homes": {code: item},
    "menus": {code: [item]}}, an item being {"pk", "title", "url"}."""
    site = _site(request)
    if site is None:
        return None
    root = site.root_page
    versions = {
        page.locale.language_code: page
        for page in public_pages(root.get_translations(inclusive=True).live()).select_related("locale")
    }
    homes, menus = {}, {}
    for code in LANGUAGES:
        home = versions.get(code, root)
        homes[code] = {"pk": home.pk, "title": home.title, "url": _relative(home, request)}
        menus[code] = _menu(home, request)
    return {"site": site.pk, "homes": homes, "menus": menus}


def _menu(home: Page, request) -> list[dict]:
    # Wagtail's `.public()` writes one condition per view restriction on the whole site; for the
    # children of one page only two things matter: a restriction above them, or on themselves.
    if PageViewRestriction.objects.filter(page__in=home.get_ancestors(inclusive=True)).exists():
        return []
    children = home.get_children().live().in_menu().filter(view_restrictions__isnull=True)
    return [{"pk": child.pk, "title": child.title, "url": _relative(child, request)} for child in children]


def site_chrome(request) -> dict | None:
    return cached(("site", request_host(request)), lambda: _site_chrome(request))


def page_versions(page: Page, request) -> dict[str, str]:
    """{language: URL} of the live, public versions of `page` (itself included) in the site's languages."""

    def compute():
        pages = public_pages(Page.objects.live().filter(translation_key=page.translation_key))
        urls = {}
        for version in pages.select_related("locale"):
            url = _relative(version, request)
            if url and version.locale.language_code in LANGUAGES:
                urls[version.locale.language_code] = url
        return urls

    return cached(("page", request_host(request), page.translation_key), compute)


def footer_html(request, language: str) -> str:
    """The footer, rendered once per language and chrome version."""

    def compute():
        with translation.override(language):
            return render_to_string(FOOTER_TEMPLATE, {"request": request, "footer": _footer_settings(request)})

    return mark_safe(cached(("footer", request_host(request), language), compute))  # noqa: S308 (our template)


def _footer_settings(request):
    from .models import FooterSettings

    site = _site(request) if request is not None else None
    if site is None:
        return None
    # Read only: `for_request` would create the row on the first page shown, a write on a GET.
    return FooterSettings.objects.filter(site=site).first()


# What moves the version on (signal receivers that only invalidate).


def chrome_changed(sender=None, instance=None, **kwargs):
    CHROME_VERSION.bump()


def page_saved(sender, instance, **kwargs):
    if isinstance(instance, Page):
        CHROME_VERSION.bump()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import FooterSettings, Testimonial

    page_published.connect(chrome_changed, dispatch_uid="core-chrome-published")
    page_unpublished.connect(chrome_changed, dispatch_uid="core-chrome-unpublished")
    post_page_move.connect(chrome_changed, dispatch_uid="core-chrome-moved")
    # Any page saved or deleted (titles, slugs, "show in menus", aliases kept in step by wagtail-localize).
    post_save.connect(page_saved, dispatch_uid="core-chrome-page-saved")
    post_delete.connect(page_saved, dispatch_uid="core-chrome-page-deleted")
    # Also what pages show and keep rendered (`{% content_cache %}`): images, documents, testimonials.
    for model in (
        PageViewRestriction,
        Site,
        Locale,
        FooterSettings,
        Testimonial,
        get_image_model(),
        get_document_model(),
    ):
        uid = f"core-chrome-{model.__name__}"
        post_save.connect(chrome_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(chrome_changed, sender=model, dispatch_uid=f"{uid}-deleted")
