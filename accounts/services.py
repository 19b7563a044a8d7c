"""Writes about people and their roles."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.mail import email_queue

from .models import Invitation, Role, RoleAssignment, User

# Roles that work in the Wagtail admin, and the group that gives them its permissions.
ADMIN_GROUPS = {
    Role.MANAGEMENT_UNIT: "Management Unit",
    Role.HUB_STAFF: "Regional Hub staff",
    Role.TRANSLATOR: "Translators",
}


@transaction.atomic
def role_grant(*, user: User, role: str, hub=None, city=None) -> RoleAssignment:
    """Give `user` the role (idempotent: granting a role they hold returns the existing assignment)."""
    assignment = RoleAssignment.objects.filter(user=user, role=role, hub=hub, city=city).first()
    if assignment is None:
        assignment = RoleAssignment(user=user, role=role, hub=hub, city=city)
        assignment.full_clean()
        assignment.save()
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


INVITATION_DAYS = 7


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(*, user: User, base_url: str) -> str:
    """Create a single-use link for `user` to set a password and e-mail it in their language."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user, token_hash=_hash(token), expires_at=timezone.now() + timedelta(days=INVITATION_DAYS)
    )
    with translation.override(user.preferred_language):
        url = base_url.rstrip("/") + reverse("accounts:invitation", kwargs={"token": token})
    email_queue(
        "accounts/email/invitation",
        {"user": user, "url": url, "days": INVITATION_DAYS},
        to=[user.email],
        language=user.preferred_language,
    )
    return token


def invitation_find(token: str) -> Invitation | None:
    return Invitation.objects.select_related("user").filter(token_hash=_hash(token or "")).first()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.usable:
        raise ValidationError(_("This invitation link has already been used or has expired."))
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def needs_two_factor(user) -> bool:
    """People who work in the admin: superusers and the admin roles."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    from core.visibility import roles_of

    return user.is_superuser or any(r.role in ADMIN_GROUPS for r in roles_of(user))
