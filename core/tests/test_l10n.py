"""Issue 11, part 6: dates, times and numbers by CLDR rules in every language (core/l10n.py)."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from core import l10n

WHEN = datetime.datetime(2026, 11, 30, 16, 5, tzinfo=datetime.UTC)


def render(language: str, source: str, **context) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


def test_arabic_dates_read_in_arabic_order():
    shown = render("ar", "{{ when|cldr_datetime }}", when=WHEN)
    # day, month, year, then the time: not Django's "نوفمبر 30, 2026"
    assert re.match(r"^30 نوفمبر 2026، \d", shown), shown
    assert render("ar", "{{ when|cldr_date }}", when=WHEN.date()) == "30 نوفمبر 2026"


@pytest.mark.parametrize(
    "language, date, month_year",
    [
        ("en", "November 30, 2026", "November 2026"),
        ("fr", "30 novembre 2026", "novembre 2026"),
        ("es", "30 de noviembre de 2026", "noviembre de 2026"),
        ("ar", "30 نوفمبر 2026", "نوفمبر 2026"),
    ],
)
def test_dates_in_every_language(language, date, month_year):
    assert render(language, "{{ when|cldr_date }}", when=WHEN) == date
    assert render(language, "{{ when|cldr_month_year }}", when=WHEN) == month_year


def test_times_are_shown_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Africa/Nairobi"  # UTC+3
    with translation.override("fr"):
        from django.utils import timezone

        timezone.activate("Africa/Nairobi")
        try:
            assert render("fr", "{{ when|cldr_datetime }}", when=WHEN).endswith("19:05")
        finally:
            timezone.deactivate()


@pytest.mark.parametrize(
    "language, shown",
    [("en", "1,208,333"), ("ar", "1,208,333"), ("fr", "1\u202f208\u202f333"), ("es", "1.208.333")],
)
def test_numbers_are_grouped_by_the_languages_rules(language, shown):
    assert render(language, "{{ n|number }}", n=1208333) == shown


def test_empty_and_odd_values_never_break_a_page():
    assert (
        render(
            "ar",
            "[{{ a|cldr_date }}][{{ b|cldr_datetime }}][{{ c|number }}][{{ d|number }}]",
            a=None,
            b="",
            c=None,
            d="n/a",
        )
        == "[][][][n/a]"
    )


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "Arabic, French, and Spanish"),
        ("ar", "Arabic وFrench وSpanish"),
        ("fr", "Arabic, French et Spanish"),
        ("es", "Arabic, French y Spanish"),
    ],
)
def test_lists_are_joined_by_each_languages_rules(language, expected):
    with translation.override(language):
        assert l10n.cldr_list(["Arabic", "French", "Spanish"]) == expected
        assert l10n.cldr_list([]) == ""
