"""Dormant members, for the admin home's "Work waiting" panel (`insights/panels.py`): counted through
the dormant list's own rule and scope (every member for the Management Unit, their hubs' for hub
staff, nothing for anyone else), one query; the row links to the list, which shows hub staff their hubs' only."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from insights import panels

from . import selectors
from .admin_views import CENTRAL, dormant_title
from .permissions import follows_engagement


def insights_work(user) -> list[panels.WorkItem] | None:
    if not follows_engagement(user):
        return None
    count = selectors.dormant_count(user)
    if not count:
        return []
    # Hub staff's list holds their hubs' members only: the same link serves everyone.
    return [panels.WorkItem(label=dormant_title(), count=count, url=reverse("activity_admin:dormant"))]


def insights_by_hub(user, hubs) -> dict:
    """Dormant members per hub for the Management Unit's comparison, each linking to the list of that hub."""
    listing = reverse("activity_admin:dormant")
    return panels.per_hub(
        selectors.dormant_members(user),
        hub=F("hub"),
        hubs=hubs,
        url=lambda hub: panels.with_query(listing, hub=hub.code if hub else CENTRAL),
    )


panels.register("engagement", title=_("Engagement"), work=insights_work, by_hub=insights_by_hub, order=40)
