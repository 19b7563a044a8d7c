"""CLDR dates, times and numbers as template filters, built into every template (see `core/l10n.py`)."""

from django import template

from core import l10n

register = template.Library()

for _name in ("cldr_date", "cldr_datetime", "cldr_month_year", "cldr_list", "number"):
    register.filter(_name, getattr(l10n, _name))
