"""The staff's "Network insights" page in the admin (issue 15, parts 3 and 5): every figure as a
chart, the same numbers in a table and a CSV download, for the Management Unit (the whole network, or
one hub: `?hub=`) and hub staff (their own hub only; asking for another gives a 404). Everyone else,
and staff who have not confirmed their second factor, are refused."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cities.models import Hub

from . import figures
from .presenting import csv_response, figure_context


def visible_in_menu(request) -> bool:
    from core.visibility import hub_ids_of, is_management_unit

    return is_management_unit(request.user) or bool(hub_ids_of(request.user))


def scope_asked(request) -> tuple[figures.Scope, list[figures.Scope]]:
    """The scope `?hub=` asks for among those the person may read (the first of them when it asks for
    none): refused (403) without any, not found (404) for a hub they may not read or that does not exist."""
    allowed = figures.scopes_for(request.user)
    if not allowed:
        raise PermissionDenied
    wanted = request.GET.get("hub", "")
    if not wanted:
        return allowed[0], allowed
    for scope in allowed:
        if scope.kind == "hub" and scope.hub_code == wanted:
            return scope, allowed
    raise Http404


def _csv_url(figure, scope) -> str:
    url = reverse("insights_admin:csv", args=[figure.slug])
    return f"{url}?hub={scope.hub_code}" if scope.kind == "hub" else url


def scope_figures(scope: figures.Scope, chosen: list[figures.Figure] | None = None, *, level: int = 2) -> list[dict]:
    chosen = chosen if chosen is not None else figures.figures_for(scope)
    found = figures.tables(scope, chosen)
    return [
        figure_context(figure, found[figure.slug], csv_url=_csv_url(figure, scope), level=level) for figure in chosen
    ]


@require_GET
def index(request):
    scope, allowed = scope_asked(request)
    hubs = {hub.code: hub for hub in Hub.objects.all()}
    choices = [
        {"value": item.hub_code, "label": hubs[item.hub_code].name if item.kind == "hub" else _("Whole network"),
         "selected": item == scope}
        for item in allowed
    ]  # fmt: skip
    scope_name = hubs[scope.hub_code].name if scope.kind == "hub" else _("Whole network")
    context = {
        "header_title": _("Network insights"),
        "scope_name": scope_name,
        "choices": choices if len(choices) > 1 else [],
        "figures": scope_figures(scope),
    }
    return render(request, "insights/admin/insights.html", context)


@require_GET
def figure_csv(request, slug: str):
    scope, _allowed = scope_asked(request)
    figure = figures.figure_named(slug, scope)
    if figure is None:
        raise Http404
    table = figures.tables(scope, [figure])[slug]
    return csv_response(figure, table, filename=f"{slug}-{scope.key}.csv", private=True)
