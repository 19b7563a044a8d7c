"""Exchanges going on, for the admin home's "Work waiting" panel (`insights/panels.py`).

For staff only (the Management Unit, and hub staff: their hubs' exchanges), read with the one
rule on who sees an exchange (`core.visibility.exchanges_visible_to`), one grouped query. The
links go to the exchanges list filtered by state (exchanges have no admin queue of their own)."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.visibility import exchanges_visible_to, hub_ids_of, is_management_unit
from insights import panels

from .models import OPEN_STATES, ExchangeRequest, State


def insights_work(user) -> list[panels.WorkItem] | None:
    if not (is_management_unit(user) or hub_ids_of(user)):
        return None  # city people follow their exchanges on the site, not in the admin
    exchanges = exchanges_visible_to(user, ExchangeRequest.objects.all())
    return panels.by_state(exchanges, states=OPEN_STATES, labels=State, url=reverse("exchanges:exchange-list"))


def insights_by_hub(user, hubs) -> dict:
    """Exchanges under way by the asking city's hub; the exchanges list has no hub filter, so the
    figures link to the list of exchanges under way."""
    exchanges = exchanges_visible_to(user, ExchangeRequest.objects.filter(state__in=OPEN_STATES))
    listing = reverse("exchanges:exchange-list")
    return panels.per_hub(exchanges, hub=F("requester__country__region__hub"), hubs=hubs, url=lambda hub: listing)


panels.register("exchanges", title=_("Exchanges"), work=insights_work, by_hub=insights_by_hub, order=30)
