"""Next steps from events that are overdue, for the admin home's "Work waiting" panel
(`insights/panels.py`): the actions board's own people (the Management Unit and hub staff,
`admin_views.visible_in_menu`) and its own rows (`admin_views._actions_for`), one query. The age
is how long the most overdue one has been due."""

from dataclasses import replace

from django.db.models import Count, F, Min
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.visibility import hub_ids_of, is_management_unit
from insights import panels

from .admin_views import _actions_for


def insights_work(user) -> list[panels.WorkItem] | None:
    if not (is_management_unit(user) or hub_ids_of(user)):  # the board's rule (`admin_views.visible_in_menu`)
        return None
    overdue = _actions_for(user).overdue().aggregate(count=Count("pk"), oldest=Min("due"))
    if not overdue["count"]:
        return []
    return [
        panels.WorkItem(
            label=str(_("Overdue")),
            count=overdue["count"],
            oldest=panels.start_of_day(overdue["oldest"]),
            url=panels.with_query(reverse("events_admin_actions:board"), overdue="on"),
            tone="attention",
        )
    ]


def insights_by_hub(user, hubs) -> dict:
    """Overdue actions by the hub that owns them, or the owning city's hub; aged from the due date."""
    board = reverse("events_admin_actions:board")
    overdue = panels.per_hub(
        _actions_for(user).overdue(),
        hub=Coalesce("owner_hub", "owner_city__country__region__hub"),
        hubs=hubs,
        url=lambda hub: panels.with_query(board, overdue="on", **({"hub": hub.pk} if hub else {"owner": "mu"})),
        oldest=F("due"),
    )
    return {
        hub: replace(item, oldest=panels.start_of_day(item.oldest), tone="attention") for hub, item in overdue.items()
    }


panels.register("actions", title=_("Actions from events"), work=insights_work, by_hub=insights_by_hub, order=50)
