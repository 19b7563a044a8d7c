"""The public "network in numbers" at /<lang>/network-in-numbers/ (issue 15, parts 3 and 5): the
public-safe figures only (members by region, by authority type and over time, countries represented,
events held), drawn from what the public directory shows, each as a chart, a table and a CSV file.
For visitors not signed in the page below the site header is rendered once per figures' version and
language, and kept in the shared cache."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from cities.selectors import network_figures
from core.i18n import current_language
from core.release import release

from . import figures
from .presenting import csv_response, figure_context

PAGE_SECONDS = figures.CACHE_SECONDS


def _body() -> str:
    chosen = figures.PUBLIC_FIGURES
    found = figures.tables(figures.PUBLIC, chosen)
    context = {
        "headline": network_figures(),
        "figures": [
            figure_context(figure, found[figure.slug], csv_url=reverse("insights:csv", args=[figure.slug]))
            for figure in chosen
        ],
    }
    return render_to_string("insights/includes/numbers_body.html", context)


@require_GET
def numbers(request):
    token = figures.version_token()
    if request.user.is_authenticated or token is None:
        html = _body()
    else:
        store = figures.shared_cache()
        key = f"insights:public-html:{token}:{release()}:{current_language()}"
        html = store.get(key)
        if html is None:
            html = _body()
            store.set(key, html, PAGE_SECONDS)
    return render(request, "insights/numbers.html", {"body_html": mark_safe(html)})  # noqa: S308 (our template)


@require_GET
def figure_csv(request, slug: str):
    figure = figures.figure_named(slug, figures.PUBLIC)
    if figure is None:
        raise Http404
    table = figures.tables(figures.PUBLIC, [figure])[slug]
    return csv_response(figure, table, filename=f"network-in-numbers-{slug}.csv", private=False)
