"""Helpers for fields stored once per content language (`name_en`, `name_ar`, ...)."""

from django.conf import settings
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
