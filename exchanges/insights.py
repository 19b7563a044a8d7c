"""Exchanges going on, for the admin home's "Work waiting" panel (`insights/panels.py`).

For staff only (the Management Unit, and hub staff: their hubs' exchanges), read with the one
rule on who sees an exchange (`core.visibility.exchanges_visible_to`), one grouped query. The
links go to the exchanges list filtered by state (exchanges have no admin queue of their own)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.visibility import exchanges_visible_to, hub_ids_of, is_management_unit
from insights import panels

from .models import OPEN_STATES, ExchangeRequest, State


def insights_work(user) -> list[panels.WorkItem] | None:
    if not (is_management_unit(user) or hub_ids_of(user)):
        return None  # city people follow their exchanges on the site, not in the admin
    rows = (
        exchanges_visible_to(user, ExchangeRequest.objects.filter(state__in=OPEN_STATES))
        .order_by()
        .values("state")
        .annotate(count=Count("pk"))
    )
    counts = {row["state"]: row["count"] for row in rows}
    listing = reverse("exchanges:exchange-list")
    return [
        panels.WorkItem(label=State(state).label, count=counts[state], url=panels.with_query(listing, state=state))
        for state in OPEN_STATES
        if state in counts
    ]


panels.register("exchanges", title=_("Exchanges"), work=insights_work, order=30)
