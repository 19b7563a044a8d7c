"""Help requests waiting, for the admin home's "Work waiting" panel (`insights/panels.py`).

Read through the help desk queue's own rule (`admin_views._queue_for`: every request for the
Management Unit, their hubs' for hub staff, refused to anyone else), one grouped query. The age
is the queue's own: time since the question was asked (`created_at`, as `?min_days=`)."""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from insights import panels

from .admin_views import _queue_for
from .models import WAITING_STATES, State


def insights_work(user) -> list[panels.WorkItem] | None:
    try:
        help_requests = _queue_for(user)
    except PermissionDenied:
        return None
    return panels.by_state(
        help_requests,
        states=WAITING_STATES,
        labels=State,
        url=reverse("helpdesk_admin:queue"),
        oldest_field="created_at",
    )


def insights_by_hub(user, hubs) -> dict:
    queue = reverse("helpdesk_admin:queue")
    return panels.per_hub(
        _queue_for(user).filter(state__in=WAITING_STATES),
        hub=F("hub"),
        hubs=hubs,
        url=lambda hub: panels.with_query(queue, hub=hub.code if hub else "central"),
        oldest=F("created_at"),
    )


panels.register("help-requests", title=_("Help requests"), work=insights_work, by_hub=insights_by_hub, order=20)
