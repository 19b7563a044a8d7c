"""Dates, times and numbers by CLDR rules (Babel) in the active language.

Django's own Arabic formats put the month first ("نوفمبر 30, 2026"); CLDR knows each language's order,
month names and separators. Templates have these as filters everywhere (`core/templatetags/cldr.py`):
`{{ when|cldr_date }}`, `{{ when|cldr_datetime }}`, `{{ when|cldr_month_year }}`, `{{ count|number }}`;
lists in sentences from Python with `cldr_list` ("العربية والفرنسية والإسبانية", not "العربية, الفرنسية").
"""

import datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.lists import format_list
from babel.numbers import format_decimal
from django.conf import settings
from django.utils import timezone, translation


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code.replace("-", "_"))


def current_locale() -> Locale:
    return _locale(translation.get_language() or settings.LANGUAGE_CODE)


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def cldr_date(value) -> str:
    """5 March 2026 / 5 مارس 2026 / 5 mars 2026 / 5 de marzo de 2026."""
    if not value:
        return ""
    return format_date(_local(value), "long", locale=current_locale())


def cldr_datetime(value) -> str:
    """The long date and the short time, joined the way the language joins them."""
    if not value:
        return ""
    value, locale = _local(value), current_locale()
    return (
        get_datetime_format("long", locale=locale)
        .replace("{1}", format_date(value, "long", locale=locale))
        .replace("{0}", format_time(value, "short", locale=locale))
    )


def cldr_month_year(value) -> str:
    """March 2026 / مارس 2026 / mars 2026 / marzo de 2026."""
    if not value:
        return ""
    return format_skeleton("yMMMM", _local(value), locale=current_locale())


def number(value) -> str:
    """Grouped by the language's rules: 1,208,333 / 1 208 333. Anything not a number is shown as it is."""
    if value is None or value == "":
        return ""
    try:
        return format_decimal(value, locale=current_locale())
    except (TypeError, ValueError, ArithmeticError):
        return str(value)


def cldr_list(items) -> str:
    """Arabic, French, and Spanish / Arabic وFrench وSpanish / Arabic, French et Spanish: joined as a sentence."""
    items = [str(item) for item in items]
    return format_list(items, locale=current_locale()) if items else ""
