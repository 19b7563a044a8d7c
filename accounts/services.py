"""Writes about people and their roles."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Role, RoleAssignment, User

# Roles that work in the Wagtail admin, and the group that gives them its permissions.
ADMIN_GROUPS = {
    Role.MANAGEMENT_UNIT: "Management Unit",
    Role.HUB_STAFF: "Regional Hub staff",
    Role.TRANSLATOR: "Translators",
}


@transaction.atomic
def role_grant(*, user: User, role: str, hub=None, city=None) -> RoleAssignment:
    assignment = RoleAssignment(user=user, role=role, hub=hub, city=city)
    assignment.full_clean(validate_unique=False)
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, hub=hub, city=city)
    if role in ADMIN_GROUPS:
        group, _ = Group.objects.get_or_create(name=ADMIN_GROUPS[role])
        user.groups.add(group)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment) -> None:
    user, role = assignment.user, assignment.role
    assignment.delete()
    if role in ADMIN_GROUPS and not user.roles.filter(role=role).exists():
        user.groups.remove(*Group.objects.filter(name=ADMIN_GROUPS[role]))
