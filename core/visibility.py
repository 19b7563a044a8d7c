"""Who may see what: the one place that decides (DESIGN.md, "Sensitive data").

Every record that holds people or a city's internal assessment carries a
`Visibility` level. Views, exports and the API ask `can_see()` or filter with
`visible_levels()`; nothing else decides.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members of the network")
    HUB = "hub", _("Regional Hub staff and the Management Unit")
    STAFF = "staff", _("Management Unit only")


def is_management_unit(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def visible_levels(user, city=None) -> set[str]:
    """The visibility levels `user` may read, for records of `city`.

    Roles (hub staff, focal points, practitioners) arrive with the membership
    work; until then the Management Unit sees everything, a signed-in active
    user sees public and members-level data, everyone else public only.
    """
    if is_management_unit(user):
        return {level.value for level in Visibility}
    if user is not None and user.is_authenticated and user.is_active:
        return {Visibility.PUBLIC, Visibility.MEMBERS}
    return {Visibility.PUBLIC}


def can_see(user, level: str, city=None) -> bool:
    return level in visible_levels(user, city)
