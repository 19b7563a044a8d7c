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


@hooks.register("construct_homepage_panels")
def add_work_waiting_panel(request, panel_list):
    sections = panels.work_for(request.user)
    if sections:
        panel_list.append(WorkWaitingPanel(sections))
