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

from .groups import hub_group, hub_group_name
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
    if role == Role.HUB_STAFF:
        # Page rights are per group: their hub's group lets them edit their hub's pages (accounts/groups.py).
        user.groups.add(hub_group(hub))
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment) -> None:
    user, role = assignment.user, assignment.role
    assignment.delete()
    if role in ADMIN_GROUPS and not user.roles.filter(role=role).exists():
        user.groups.remove(*Group.objects.filter(name=ADMIN_GROUPS[role]))
    if role == Role.HUB_STAFF and not user.roles.filter(role=role, hub=assignment.hub_id).exists():
        user.groups.remove(*Group.objects.filter(name=hub_group_name(assignment.hub)))


@transaction.atomic
def account_erase(*, user: User) -> User:
    """What names the person leaves the account, which stays for the records that point at it (a message
    written, a step taken): no name, an address that cannot receive mail, no password, no roles, no rights.
    Their sessions end at their next request (the password's hash was part of them). Called by
    `operations.erasure.personal_data_erase`, which also handles every other record."""
    for assignment in user.roles.all():
        role_revoke(assignment=assignment)
    user.invitations.all().delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.name = ""
    user.email = f"erased-{user.pk}@erased.invalid"
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.erased_at = timezone.now()
    user.save()
    return user


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
        secret_link=True,
    )
    return token


@transaction.atomic
def invitation_resend(*, user: User, actor, base_url: str | None = None) -> str:
    """A fresh invitation when one was lost or expired (Management Unit only); earlier unused links stop working.

    Never for a deactivated account: an invitation must not bring one back.
    """
    from django.conf import settings
    from django.core.exceptions import PermissionDenied

    from core.visibility import is_management_unit

    if not is_management_unit(actor):
        raise PermissionDenied
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ValidationError(_("This account is deactivated: it cannot be sent an invitation."))
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    return invitation_send(user=user, base_url=base_url or settings.WAGTAILADMIN_BASE_URL)


def invitation_find(token: str) -> Invitation | None:
    return Invitation.objects.select_related("user").filter(token_hash=_hash(token or "")).first()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.usable:
        raise ValidationError(_("This invitation link has already been used or has expired."))
    user = invitation.user
    if not user.is_active:
        # An invitation never brings a deactivated account back (with whatever roles it held): staff reactivate
        # accounts themselves, in the admin.
        raise ValidationError(_("This invitation link has already been used or has expired."))
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def needs_two_factor(user) -> bool:
    """People who work in the admin: superusers and the admin roles (all the roles they hold,
    including those `core.visibility` holds back until the code is confirmed)."""
    from core.visibility import holds_second_factor_privilege

    return holds_second_factor_privilege(user)
