"""Who may see what: the one place that decides (DESIGN.md, "Sensitive data").

Every record that holds people or a city's internal assessment carries a
`Visibility` level. Views, exports and the API ask `can_see()` /
`visible_levels()` or filter with `CityQuerySet.visible_to()`; nothing else
decides. The apps' own predicates (`cities/permissions.py`: which contacts an editor
may change) are built on these helpers, never on roles read another way. A person's
roles are read once per request and kept on the user; staff privileges count only
after the second factor (below).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the network")
    HUB = "hub", _("Regional Hub staff and the Management Unit")
    STAFF = "staff", _("Management Unit only")


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _assignments(user) -> list:
    """Every role the person holds (one query per request, then cached on the user)."""
    if not _active(user):
        return []
    if not hasattr(user, "_role_cache"):
        from accounts.models import RoleAssignment

        user._role_cache = list(RoleAssignment.objects.filter(user=user).only("role", "hub_id", "city_id"))
    return user._role_cache


# The second factor (settings.STAFF_TWO_FACTOR_REQUIRED). The roles that work in the admin —
# Management Unit, Regional Hub staff, translator — and superuser status count only once the
# person has confirmed a code from their authenticator app in this session; until then they
# are what their other roles make them (city roles and the expert role stay, and holding any
# role keeps them a member of the network). Only the signed-in person of a web request is held
# back: `accounts.middleware.StaffTwoFactorMiddleware` marks that one user object with
# `hold_back_until_verified()`. A person loaded any other way (an assignee, the recipients of an
# e-mail, a task's or a command's user) keeps every role.


def _second_factor_roles() -> set[str]:
    from accounts.models import Role

    return {Role.MANAGEMENT_UNIT, Role.HUB_STAFF, Role.TRANSLATOR}


def hold_back_until_verified(user) -> None:
    """Mark the request's user: its staff privileges wait for a code confirmed in the session."""
    user._second_factor_enforced = True


def second_factor_missing(user) -> bool:
    """The request's signed-in person has not confirmed a code in this session (django-otp's
    `is_verified()`, read each time, so a code confirmed during the request counts at once)."""
    if not getattr(user, "_second_factor_enforced", False):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (callable(is_verified) and is_verified())


def holds_second_factor_privilege(user) -> bool:
    """A superuser or someone with an admin role, whether or not a code was confirmed."""
    roles = _second_factor_roles()
    return _active(user) and (user.is_superuser or any(r.role in roles for r in _assignments(user)))


def waits_for_second_factor(user) -> bool:
    """Holds a staff privilege that waits for a code: the site offers to set the second step up."""
    return second_factor_missing(user) and holds_second_factor_privilege(user)


def roles_of(user) -> list:
    """The person's role assignments that count now (see the second factor above)."""
    roles = _assignments(user)
    if roles and second_factor_missing(user):
        held_back = _second_factor_roles()
        return [r for r in roles if r.role not in held_back]
    return roles


def is_management_unit(user) -> bool:
    from accounts.models import Role

    if not _active(user):
        return False
    superuser = user.is_superuser and not second_factor_missing(user)
    return superuser or any(r.role == Role.MANAGEMENT_UNIT for r in roles_of(user))


def hub_ids_of(user) -> set[int]:
    from accounts.models import Role

    return {r.hub_id for r in roles_of(user) if r.role == Role.HUB_STAFF}


def city_ids_of(user) -> set[int]:
    from accounts.models import CITY_ROLES

    return {r.city_id for r in roles_of(user) if r.role in CITY_ROLES}


def is_network_member(user) -> bool:
    """Signed in with any role in the network (city people, hub staff, experts, translators).
    Staff waiting for their second factor stay members: only their staff privileges wait."""
    return _active(user) and (user.is_superuser or bool(_assignments(user)))


def city_hub_id(city) -> int | None:
    hub = getattr(city.country.region, "hub", None)
    return hub.pk if hub else None


def visible_levels(user, city=None) -> set[str]:
    """The visibility levels `user` may read, for records of `city`."""
    if not _active(user):
        return {Visibility.PUBLIC}
    if is_management_unit(user):
        return {level.value for level in Visibility}
    levels = {Visibility.PUBLIC}
    if is_network_member(user):
        levels.add(Visibility.MEMBERS)
    if city is not None and city_hub_id(city) in hub_ids_of(user):
        levels.add(Visibility.HUB)
    return levels


def city_visible_to(user, city) -> bool:
    """`CityQuerySet.visible_to` for one loaded authority (its country, region and hub selected):
    for lists found by other means, where the SQL form makes SQLite pick a poor plan."""
    from cities.models import Stage

    if is_management_unit(user) or city.stage == Stage.MEMBER:
        return True
    return city.pk in city_ids_of(user) or city_hub_id(city) in hub_ids_of(user)


def can_see(user, level: str, city=None) -> bool:
    return level in visible_levels(user, city)


# Peer exchanges (exchanges/): who reads a thread, who writes in it, who moves it on.
# Parties are the two cities: their focal points act for them, their practitioners read
# and write; hub staff read their hub's exchanges; the Management Unit reads, writes and acts.


def focal_city_ids_of(user) -> set[int]:
    """The cities the person acts for: those they are focal point of."""
    from accounts.models import Role

    return {r.city_id for r in roles_of(user) if r.role == Role.FOCAL_POINT}


def exchanges_visible_to(user, queryset):
    """The exchanges in `queryset` that `user` may read (and so know to exist)."""
    if not _active(user):
        return queryset.none()
    if is_management_unit(user):
        return queryset
    cities, hubs = city_ids_of(user), hub_ids_of(user)
    condition = models.Q()
    if cities:
        condition |= models.Q(requester_id__in=cities) | models.Q(partner_id__in=cities)
    if hubs:
        condition |= models.Q(requester__country__region__hub__in=hubs)
        condition |= models.Q(partner__country__region__hub__in=hubs)
    return queryset.filter(condition) if condition else queryset.none()


def can_post_in_exchange(user, exchange) -> bool:
    """The two cities' people (focal points and practitioners) and the Management Unit; hub staff only read."""
    if is_management_unit(user):
        return True
    cities = city_ids_of(user)
    return exchange.requester_id in cities or exchange.partner_id in cities


def can_act_in_exchange(user, exchange, city) -> bool:
    """May `user` change the exchange's state on behalf of `city` (one of its two cities)?"""
    if city is None or city.pk not in (exchange.requester_id, exchange.partner_id):
        return False
    return is_management_unit(user) or city.pk in focal_city_ids_of(user)


# Help desk and Expert Pool (helpdesk/): the asker and the people with a role in the
# asker's city read the city's requests; hub staff of the request's hub handle it (assign,
# answer, close, refer to an expert, make a Resource Hub draft); the Management Unit does
# everything and handles the requests of regions without a hub (the central team); the
# expert a request was referred to reads and answers it. Everyone else gets a 404.


def is_expert(user) -> bool:
    from accounts.models import Role

    return any(r.role == Role.EXPERT for r in roles_of(user))


def can_ask_help_desk(user) -> bool:
    """Focal points and practitioners ask, for an authority they hold a role in."""
    return bool(city_ids_of(user))


def help_requests_visible_to(user, queryset):
    """The help-desk requests in `queryset` that `user` may read (and so know to exist)."""
    if not _active(user):
        return queryset.none()
    if is_management_unit(user):
        return queryset
    condition = models.Q(asker=user) | models.Q(city_id__in=city_ids_of(user)) | models.Q(hub_id__in=hub_ids_of(user))
    if is_expert(user):
        condition |= models.Q(referred_expert__user=user)
    return queryset.filter(condition)


def help_requests_handled_by(user, queryset):
    """The help desk's queue for `user`: every request for the Management Unit, their hubs'
    requests for hub staff, nothing for anyone else."""
    if is_management_unit(user):
        return queryset
    hubs = hub_ids_of(user)
    return queryset.filter(hub_id__in=hubs) if hubs else queryset.none()


def can_handle_help_request(user, help_request) -> bool:
    """Assign, answer, close, refer, draft: hub staff of the request's hub and the Management Unit."""
    if is_management_unit(user):
        return True
    return help_request.hub_id is not None and help_request.hub_id in hub_ids_of(user)


def is_referred_expert(user, help_request) -> bool:
    """The expert the request is referred to now (who still holds the expert role)."""
    if help_request.referred_expert_id is None or not is_expert(user):
        return False
    return help_request.referred_expert.user_id == user.pk


def can_read_help_request(user, help_request) -> bool:
    if not _active(user):
        return False
    if help_request.asker_id == user.pk or help_request.city_id in city_ids_of(user):
        return True
    return can_handle_help_request(user, help_request) or is_referred_expert(user, help_request)


def can_answer_help_request(user, help_request) -> bool:
    return can_handle_help_request(user, help_request) or is_referred_expert(user, help_request)


def can_follow_up_help_request(user, help_request) -> bool:
    """Say whether an answer solved the question (close it, or reopen it): the asker and those handling it."""
    if _active(user) and help_request.asker_id == user.pk:
        return True
    return can_handle_help_request(user, help_request)


def can_assign_help_request_to(actor, assignee, help_request) -> bool:
    """Hub staff hand a request to themselves or a colleague of the same hub; the Management
    Unit to any of them or to one of its own people (the only choice where there is no hub)."""
    if not can_handle_help_request(actor, help_request) or not _active(assignee):
        return False
    hub_colleague = help_request.hub_id is not None and help_request.hub_id in hub_ids_of(assignee)
    if is_management_unit(actor):
        return hub_colleague or is_management_unit(assignee)
    return hub_colleague
