"""The head's language alternates and the reader's notice, for every public page
(`templates/translations/includes/`, included from `base.html`)."""

from babel import Locale, UnknownLocaleError
from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from core.i18n import RTL_LANGUAGES, path_in_languages

from ..selectors import Alternate, page_translations

register = template.Library()


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


@register.simple_tag(takes_context=True)
def hreflang_alternates(context) -> list[Alternate]:
    """`<link rel="alternate" hreflang>` targets: a Wagtail page's live public translations and
    x-default (its original, else the default language); any other page exists in every language."""
    request = context.get("request")
    if request is None:
        return []
    page = _page(context)
    if page is not None:
        return page_translations(page, request).alternates
    if getattr(request, "resolver_match", None) is None:  # the 404 and 500 pages
        return []
    paths = path_in_languages(request)
    origin = request.build_absolute_uri("/")[:-1]  # the paths are already quoted: no need to ask for each
    alternates = [Alternate(code, origin + paths[code]) for code, _name in settings.LANGUAGES]
    default = next(item for item in alternates if item.language == settings.LANGUAGE_CODE)
    return [*alternates, Alternate("x-default", default.url)]


def _language_name(code: str) -> str:
    """`code`'s name in the reader's language, as written inside a sentence (CLDR: "anglais")."""
    try:
        return Locale.parse(translation.get_language() or settings.LANGUAGE_CODE).languages.get(code) or code
    except (ValueError, UnknownLocaleError):
        return code


@register.simple_tag(takes_context=True)
def translation_notice(context) -> dict | None:
    """What the reader is told on a machine-translated or out-of-date page, with its original."""
    request = context.get("request")
    page = _page(context)
    if request is None or page is None:
        return None
    found = page_translations(page, request)
    if found.status is None or not found.status.needs_notice:
        return None
    original = found.original
    return {
        "status": found.status.status,
        "original": original,
        "language_name": _language_name(original.language) if original else "",
        "original_dir": "rtl" if original and original.language in RTL_LANGUAGES else "ltr",
    }
