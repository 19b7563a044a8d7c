"""One figure's table as the page shows it (chart, accessible table, CSV link) and as a CSV file:
the staff's insights page, the admin home's panel and the public "network in numbers" all use these."""

from __future__ import annotations

import csv

from django.http import HttpResponse

from cities.serializers import safe_cell
from core.l10n import number

from .figures import Figure, labelled


def _raw(value) -> str:
    return "" if value is None else str(value)  # as JavaScript and spreadsheets read numbers: 1234.5


def figure_context(figure: Figure, table: dict, *, csv_url: str, level: int = 2) -> dict:
    words = labelled(figure, table)
    rows = [
        {"label": row["label"], "cells": [{"raw": _raw(value), "text": number(value)} for value in row["values"]]}
        for row in words["rows"]
    ]
    return {
        "slug": figure.slug,
        "title": str(figure.title),
        "description": str(figure.description),
        "chart": figure.chart,
        "decimals": figure.decimals,
        "category": words["category"],
        "series": words["series"],
        "rows": rows,
        "empty": not rows,
        "csv_url": csv_url,
        "level": level,
    }


def csv_response(figure: Figure, table: dict, *, filename: str, private: bool) -> HttpResponse:
    """The figure's rows as CSV: translated headers, UTF-8 with a byte order mark (spreadsheets then read
    Arabic names right), every cell safe from being read as a formula."""
    words = labelled(figure, table)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(words["category"]), *(safe_cell(item["label"]) for item in words["series"])])
    for row in words["rows"]:
        writer.writerow([safe_cell(row["label"]), *(safe_cell(_raw(value)) for value in row["values"])])
    return response
