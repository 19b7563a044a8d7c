"""Help requests waiting, for the admin home's "Work waiting" panel (`insights/panels.py`).

Read through the help desk queue's own rule (`admin_views._queue_for`: every request for the
Management Unit, their hubs' for hub staff, refused to anyone else), one grouped query. The age
is the queue's own: time since the question was asked (`created_at`, as `?min_days=`)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
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
    rows = (
        help_requests.filter(state__in=WAITING_STATES)
        .order_by()
        .values("state")
        .annotate(count=Count("pk"), oldest=Min("created_at"))
    )
    by_state = {row["state"]: row for row in rows}
    queue = reverse("helpdesk_admin:queue")
    return [
        panels.WorkItem(
            label=State(state).label,
            count=by_state[state]["count"],
            oldest=by_state[state]["oldest"],
            url=panels.with_query(queue, state=state),
            tone=panels.tone_for(by_state[state]["oldest"]),
        )
        for state in WAITING_STATES
        if state in by_state
    ]


panels.register("help-requests", title=_("Help requests"), work=insights_work, order=20)
