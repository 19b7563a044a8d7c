"""Helpers for fields stored once per content language (`name_en`, `name_ar`, ...)."""

from functools import lru_cache

from django.conf import settings
from django.urls import translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import get_language

LANGUAGE_CODES = [code for code, _label in settings.LANGUAGES]
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def current_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def localized(obj, field: str, language: str | None = None, fallback: str = "") -> str:
    """The value of `field_<language>` on `obj`, falling back to English, then `fallback`."""
    language = language or current_language()
    value = getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{settings.LANGUAGE_CODE}", "")
    return value or fallback


def path_in_languages(request) -> dict[str, str]:
    """{language: this request's path and query in that language} for a page outside Wagtail (Django's
    `translate_url` for each language, which resolves and reverses the path each time: the language
    switcher and the head's alternates both ask, eight times a page). Kept for the request."""
    memo = getattr(request, "_path_in_languages", None)
    if memo is None:
        query = request.META.get("QUERY_STRING", "")
        suffix = f"?{iri_to_uri(query)}" if query else ""
        memo = {
            code: path + suffix
            for code, path in _translated_paths(escape_uri_path(request.path), get_language()).items()
        }
        request._path_in_languages = memo
    return memo


@lru_cache(maxsize=4096)  # a pure function of the URL patterns, which never change while a process runs
def _translated_paths(path: str, active: str | None) -> dict[str, str]:
    return {code: translate_url(path, code) for code in LANGUAGE_CODES}
