"""Who may do what with events (STYLE: small named predicates, tested over every role).

Registrants' names and addresses are staff-only: the Management Unit, and the staff of the hub that
organises the event (staff privileges count only after the second factor, `core.visibility`)."""

from core.visibility import hub_ids_of, is_management_unit, is_network_member

from .models import RegistrationOpenTo


def can_register(user, event) -> bool:
    """May `user` (None or anonymous for a visitor) register for `event` (its registration aside)?"""
    if event.registration == RegistrationOpenTo.ANYONE:
        return True
    if event.registration == RegistrationOpenTo.MEMBERS:
        return user is not None and is_network_member(user)
    return False


def can_manage_registrations(user, event) -> bool:
    """See the registrants, export them, mark attendance, cancel on someone's behalf."""
    if user is None or not user.is_authenticated:
        return False
    return is_management_unit(user) or (event.hub_id is not None and event.hub_id in hub_ids_of(user))


def events_managed_by(user, queryset):
    """The events of `queryset` whose registrations `user` manages."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    if is_management_unit(user):
        return queryset
    return queryset.filter(hub_id__in=hub_ids_of(user))
