"""Reads for public pages: a page's live translations (hreflang, the sitemap) and its status
(the reader's notice). Three queries a page whatever the number of languages (the statuses of
the translation group, the view restrictions (`core.pages.public_pages`), the live pages), then
none while the chrome version stands (`core/chrome.py`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Page

from core.chrome import cached, request_host
from core.pages import public_pages

from .models import TranslationStatus

_CACHE_ATTRIBUTE = "_translations_page_info"


@dataclass(frozen=True)
class Alternate:
    language: str  # a language code, or "x-default"
    url: str  # absolute
    title: str = ""


@dataclass(frozen=True)
class PageTranslations:
    alternates: list[Alternate]  # one per live public translation, then x-default
    status: TranslationStatus | None  # of the page shown
    original: Alternate | None  # the live original, in its language
    # For a page without a status row, with live versions in other languages: the languages
    # wagtail-localize translated its group from (the report control asks), else empty
    source_languages: tuple[str, ...] = ()


def _x_default(by_language: dict[str, Alternate], original_language: str | None) -> Alternate | None:
    for language in (original_language, settings.LANGUAGE_CODE):
        if language in by_language:
            return Alternate("x-default", by_language[language].url)
    return None


def page_translations(page: Page, request) -> PageTranslations:
    """The live, public versions of `page` in every language (absolute URLs), its status and its
    original. Kept on the request: the head and the notice both ask."""
    kept = getattr(request, _CACHE_ATTRIBUTE, None)
    if kept is not None and kept[0] == page.pk:
        return kept[1]
    # In the shared cache under the chrome version, which moves on when pages, restrictions, sites,
    # locales or translation statuses change (`core/chrome.py`, `signals.py`): absolute URLs, so per host.
    result = cached(("translations", request_host(request), page.pk), lambda: _page_translations(page, request))
    setattr(request, _CACHE_ATTRIBUTE, (page.pk, result))
    return result


def _page_translations(page: Page, request) -> PageTranslations:
    statuses = {row.locale_id: row for row in TranslationStatus.objects.filter(translation_key=page.translation_key)}
    original_locale = next((row.locale_id for row in statuses.values() if row.status == "original"), None)
    pages = (
        public_pages(Page.objects.live())
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    known = {code for code, _name in settings.LANGUAGES}
    by_language: dict[str, Alternate] = {}
    original = None
    for version in pages:
        language = version.locale.language_code
        url = version.get_full_url(request)
        if language not in known or not url:
            continue
        by_language[language] = Alternate(language, url, version.title)
        if version.locale_id == original_locale:
            original = by_language[language]
    alternates = list(by_language.values())
    x_default = _x_default(by_language, original.language if original else None)
    if alternates and x_default:
        alternates.append(x_default)
    status = statuses.get(page.locale_id)
    source_languages: tuple[str, ...] = ()
    if status is None and len(by_language) > 1:
        from wagtail_localize.models import TranslationSource

        sources = TranslationSource.objects.filter(object_id=page.translation_key).exclude(locale_id=page.locale_id)
        source_languages = tuple(sources.values_list("locale__language_code", flat=True))
    return PageTranslations(alternates=alternates, status=status, original=original, source_languages=source_languages)


def open_report_counts() -> dict[str, int]:
    """Open readers' reports per language code of the translated page (`TranslationReport`), for
    the dashboard and the admin menu: one query."""
    from django.db.models import Count

    from .models import TranslationReport

    rows = TranslationReport.objects.open().values_list("locale__language_code").annotate(count=Count("pk")).order_by()
    return dict(rows)
