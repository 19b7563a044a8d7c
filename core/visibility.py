"""Who may see what: the one place that decides (DESIGN.md, "Sensitive data").

Every record that holds people or a city's internal assessment carries a
`Visibility` level. Views, exports and the API ask `can_see()` /
`visible_levels()` or filter with `CityQuerySet.visible_to()`; nothing else
decides. A person's roles are read once per request and kept on the user.
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


def roles_of(user) -> list:
    """The person's role assignments (one query per request, then cached on the user)."""
    if not _active(user):
        return []
    if not hasattr(user, "_role_cache"):
        from accounts.models import RoleAssignment

        user._role_cache = list(RoleAssignment.objects.filter(user=user).only("role", "hub_id", "city_id"))
    return user._role_cache


def is_management_unit(user) -> bool:
    from accounts.models import Role

    return _active(user) and (user.is_superuser or any(r.role == Role.MANAGEMENT_UNIT for r in roles_of(user)))


def hub_ids_of(user) -> set[int]:
    from accounts.models import Role

    return {r.hub_id for r in roles_of(user) if r.role == Role.HUB_STAFF}


def city_ids_of(user) -> set[int]:
    from accounts.models import CITY_ROLES

    return {r.city_id for r in roles_of(user) if r.role in CITY_ROLES}


def is_network_member(user) -> bool:
    """Signed in with any role in the network (city people, hub staff, experts, translators)."""
    return is_management_unit(user) or bool(roles_of(user))


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


def can_see(user, level: str, city=None) -> bool:
    return level in visible_levels(user, city)
