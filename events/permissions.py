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


def can_manage_actions(user, event) -> bool:
    """Write an event's next steps, change their owners or dates: the staff who manage the event."""
    return can_manage_registrations(user, event)


def can_update_action(user, action) -> bool:
    """Move an action along its steps and add progress notes: the Management Unit, the focal points of
    the city that owns it, and the staff of the hub that owns it or the owning city's hub."""
    from core.visibility import city_hub_id, focal_city_ids_of

    if user is None or not user.is_authenticated:
        return False
    if is_management_unit(user):
        return True
    if action.owner_city_id is not None:
        return action.owner_city_id in focal_city_ids_of(user) or city_hub_id(action.owner_city) in hub_ids_of(user)
    if action.owner_hub_id is not None:
        return action.owner_hub_id in hub_ids_of(user)
    return False


def actions_visible_to(user, queryset):
    """The actions whose progress notes `user` may read (the same people who may update them)."""
    from django.db.models import Q

    from core.visibility import focal_city_ids_of

    if user is None or not user.is_authenticated:
        return queryset.none()
    if is_management_unit(user):
        return queryset
    hubs = hub_ids_of(user)
    return queryset.filter(
        Q(owner_city__in=focal_city_ids_of(user)) | Q(owner_city__country__region__hub__in=hubs) | Q(owner_hub__in=hubs)
    )


def is_focal_point_of(user, city) -> bool:
    from core.visibility import focal_city_ids_of

    return user is not None and user.is_authenticated and city.pk in focal_city_ids_of(user)


def can_endorse_for(user, city) -> bool:
    """Endorse a declaration for `city` and report its progress: its focal points, or on its behalf the
    Management Unit and the staff of its hub."""
    from core.visibility import city_hub_id

    if user is None or not user.is_authenticated:
        return False
    if is_focal_point_of(user, city) or is_management_unit(user):
        return True
    return city_hub_id(city) in hub_ids_of(user)


def cities_endorsing_for(user):
    """The member cities `user` may endorse for (a queryset)."""
    from django.db.models import Q

    from cities.models import City, Stage
    from core.visibility import focal_city_ids_of

    members = City.objects.filter(stage=Stage.MEMBER)
    if user is None or not user.is_authenticated:
        return members.none()
    if is_management_unit(user):
        return members
    return members.filter(Q(pk__in=focal_city_ids_of(user)) | Q(country__region__hub__in=hub_ids_of(user)))


def can_invite_to_cosign(user) -> bool:
    """Invite member cities to co-sign a statement: the Management Unit, and hub staff for their hub's."""
    if user is None or not user.is_authenticated:
        return False
    return is_management_unit(user) or bool(hub_ids_of(user))
