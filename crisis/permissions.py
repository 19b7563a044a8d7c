"""Who may do what with incidents (through core/visibility.py; staff privileges only after the second
factor): the Management Unit everything, hub staff their hub's incidents; nobody else anything."""

from core.visibility import hub_ids_of, is_management_unit

from .models import Incident


def can_use_crisis_mode(user) -> bool:
    return is_management_unit(user) or bool(hub_ids_of(user))


def incidents_visible_to(user, queryset=None):
    return (queryset if queryset is not None else Incident.objects.all()).visible_to(user)


def can_manage_incident(user, incident: Incident) -> bool:
    if is_management_unit(user):
        return True
    return incident.hub_id is not None and incident.hub_id in hub_ids_of(user)


def hubs_for(user):
    """The hubs `user` may record incidents for (None in the set: the central team's places)."""
    from cities.models import Hub

    hubs = Hub.objects.order_by("name_en")
    return hubs if is_management_unit(user) else hubs.filter(pk__in=hub_ids_of(user))
