"""Applications waiting, for the admin home's "Work waiting" panel (`insights/panels.py`).

Read through the review queue's own rule (`admin_views._applications_for`: the Management Unit
sees all, hub staff their hub's countries, anyone else none), one grouped query. The age is
the queue's own: time since the application last changed (`updated_at`, as `?min_days=`)."""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from insights import panels

from .admin_views import _applications_for
from .models import OPEN_STATES, State


def insights_work(user) -> list[panels.WorkItem] | None:
    try:
        applications = _applications_for(user)
    except PermissionDenied:
        return None
    return panels.by_state(
        applications,
        states=OPEN_STATES,
        labels=State,
        url=reverse("memberships_admin:queue"),
        oldest_field="updated_at",
    )


def insights_by_hub(user, hubs) -> dict:
    queue = reverse("memberships_admin:queue")
    return panels.per_hub(
        _applications_for(user).filter(state__in=OPEN_STATES),
        hub=F("country__region__hub"),
        hubs=hubs,
        url=lambda hub: panels.with_query(queue, hub=hub.code if hub else "central"),
        oldest=F("updated_at"),
    )


panels.register("applications", title=_("Applications to join"), work=insights_work, by_hub=insights_by_hub, order=10)
