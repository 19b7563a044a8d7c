"""The admin home's "Work waiting" panel (issue 15, part 1): shown only to people who work at
least one queue (their staff privileges counted after the second factor, `core.visibility`)."""

from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from core.l10n import number

from . import panels


class WorkWaitingPanel(Component):
    name = "work_waiting"
    template_name = "insights/admin/work_waiting_panel.html"
    order = 50  # before Wagtail's own panels (workflow 210+, locked pages 300)

    def __init__(self, sections: list[panels.Section]):
        self.sections = sections

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["sections"] = [
            {"title": section.title, "name": section.name, "rows": [_row(item) for item in section.items]}
            for section in self.sections
        ]
        return context


def _row(item: panels.WorkItem) -> dict:
    days = panels.age_in_days(item.oldest)
    age = ""
    if days is not None:
        age = ngettext("oldest: %(count)s day", "oldest: %(count)s days", days) % {"count": number(days)}
    return {"item": item, "age": age, "count": number(item.count)}


class HubComparisonPanel(Component):
    """The Management Unit's comparison of hubs: what waits in each queue, hub by hub."""

    name = "hub_comparison"
    template_name = "insights/admin/hub_comparison_panel.html"
    order = 55

    def __init__(self, comparison: panels.Comparison):
        self.comparison = comparison

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["columns"] = self.comparison.columns
        context["rows"] = [
            {"hub": hub, "cells": [_row(item) if item else None for item in cells]}
            for hub, cells in self.comparison.rows
        ]
        return context


@hooks.register("construct_homepage_panels")
def add_work_waiting_panel(request, panel_list):
    sections = panels.work_for(request.user)
    if sections:
        panel_list.append(WorkWaitingPanel(sections))
    comparison = panels.hub_comparison(request.user)
    if comparison:
        panel_list.append(HubComparisonPanel(comparison))


# The staff's "Network insights" page (issue 15, parts 3 and 5) and the admin home's "Members by
# quarter" panel, both scoped like the figures (`figures.scopes_for`).

from django.urls import include, path, reverse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from . import admin_views, figures  # noqa: E402

insights_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<slug:slug>.csv", admin_views.figure_csv, name="csv"),
]


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [path("insights/", include((insights_urlpatterns, "insights_admin"), namespace="insights_admin"))]


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.visible_in_menu(request)


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(_("Network insights"), reverse("insights_admin:index"), icon_name="table", order=150)


class MembersByQuarterPanel(Component):
    name = "members_by_quarter"
    template_name = "insights/admin/members_panel.html"
    order = 60  # after "Work waiting"

    class Media:
        js = ["insights/vendor/chart.js/chart.umd.min.js", "insights/charts.js"]
        css = {"all": ["insights/insights.css"]}

    def __init__(self, scope: figures.Scope):
        self.scope = scope

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        figure = figures.figure_named("new-members", self.scope)
        context["figure"] = admin_views.scope_figures(self.scope, [figure], level=3)[0]
        context["insights_url"] = reverse("insights_admin:index")
        if self.scope.kind == "hub":
            context["insights_url"] += f"?hub={self.scope.hub_code}"
        return context


@hooks.register("construct_homepage_panels")
def add_members_panel(request, panel_list):
    scopes = figures.scopes_for(request.user)
    if scopes:
        panel_list.append(MembersByQuarterPanel(scopes[0]))
