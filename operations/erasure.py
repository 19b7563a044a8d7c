"""Erasing a person's data on request: what names them goes, the network's records stay.

Every source that `personal_data` exports from is handled by one rule, so that what can be handed over is
also what can be erased:

- a row that points at the account and would go with it (a role, an invitation, an expert's profile, the
  admin's preferences and drafts, an API token, an invitation to co-sign) is the person's own: deleted;
- a row that points at the account and outlives it (a message written, a step taken, a page edited, a city
  co-signed for) is the network's record: it keeps pointing at the account, which loses its name, address,
  password and rights (`accounts.services.account_erase`). An exchange keeps its city and its messages;
  their author reads "Erased person";
- a row found by the address says in `BY_ADDRESS` what it loses: a city's focal-point entry goes, an
  application keeps the authority and loses its focal point's details (and, declined or withdrawn, its
  letter), a registration keeps its place in the attendance figures and loses the name and address.

`operations/tests/test_erasure.py` fails when a model that the export finds has no rule here, so a new app decides
what erasure does with its data before the data can be left behind. Each erasure is recorded
(`PersonalDataRequest`: who, why, how many records of each kind) without the address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.services import account_erase

from .models import PersonalDataAction, PersonalDataRequest
from .personal_data import _label, address_digest, records_about

DELETE, KEEP = "delete", "keep"


@dataclass(frozen=True)
class Blank:
    """Keep the row, empty these fields (they name or reach the person)."""

    fields: tuple[str, ...]


REGISTRATION = Blank(("name", "email", "cancel_token"))
# Rows that point at the account. Not listed: kept when they outlive the account (SET_NULL, DO_NOTHING),
# and a test fails for one that would go with it (CASCADE) until it is listed.
BY_ACCOUNT = {
    # Go with the account but are the network's: an editor's comments and replies on pages (others' replies
    # hang from them), the admin's log of changes.
    "wagtailcore.comment": KEEP,
    "wagtailcore.commentreply": KEEP,
    "admin.logentry": KEEP,
    # The person's own (roles and invitations go through `account_erase`, which also updates the groups).
    "accounts.roleassignment": "account",
    "accounts.invitation": "account",
    "helpdesk.expert": DELETE,
    "events.cosigninvitation": DELETE,
    "wagtailusers.userprofile": DELETE,
    "wagtailadmin.editingsession": DELETE,
    "wagtailadmin.formstate": DELETE,
    "wagtailcore.apitoken": DELETE,
    "wagtailcore.pagesubscription": DELETE,
    # Copies the name and address given when registering.
    "events.registration": REGISTRATION,
}
# Rows found by the address.
BY_ADDRESS = {
    "cities.focalpoint": DELETE,
    "memberships.joinapplication": Blank(
        ("focal_name", "focal_role", "focal_email", "focal_phone", "focal_languages", "withdraw_token")
    ),
    "events.registration": REGISTRATION,
    "translations.translationreport": Blank(("reporter_email",)),
    "core.outgoingemail": "recipient",  # the address leaves the list of recipients; a row left with none goes
    "axes.accessattempt": DELETE,
    "axes.accesslog": DELETE,
    "axes.accessfailurelog": DELETE,
    # The organisation's contact address in the footer: not a person's; staff change it in Settings.
    "core.footersettings": KEEP,
}
# Second-factor devices: secrets, never exported, always deleted with the account's data.
DEVICES = ("otp_totp.TOTPDevice", "otp_static.StaticDevice")
# When a row is found both ways, the rule that takes away most.
STRENGTH = {DELETE: 3, "account": 3, "recipient": 1, KEEP: 0}


def erasure_rule(model, kind: str):
    """The rule for rows of `model` found by `kind` ("account" or "email"), or None when there is none."""
    label = _label(model)
    table = BY_ACCOUNT if kind == "account" else BY_ADDRESS
    if label in table:
        return table[label]
    if kind == "email":
        return None
    user_model = get_user_model()
    cascade = any(
        field.remote_field.on_delete is models.CASCADE
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is user_model
    )
    return None if cascade else KEEP


def _strongest(rules):
    return max(rules, key=lambda rule: 2 if isinstance(rule, Blank) else STRENGTH[rule])


class ErasureRefused(ValidationError):
    pass


def erasure_refusal(*, actor, person=None, email: str = "") -> str | None:
    """Why this erasure must not happen now, in words for the Management Unit, or None."""
    from memberships.models import OPEN_STATES, JoinApplication

    if person is not None and person.pk == actor.pk:
        return _("You cannot erase your own account. Ask another member of the Management Unit.")
    if person is not None and person.is_superuser:
        return _("This is an administrator's account. Remove its administrator rights first.")
    if person is not None and person.erased_at:
        return _("This person's data has already been erased.")
    address = person.email if person is not None else email
    if JoinApplication.objects.filter(focal_email__iexact=address, state__in=OPEN_STATES).exists():
        return _("An application with this address is still open. Decide it or withdraw it first.")
    return None


def _blank_value(field: models.Field):
    return None if field.null else ""


def _apply(model, rule, rows: list, email: str) -> str:
    """Apply `rule` to `rows` of `model`; what was done ("deleted", "anonymised" or "kept")."""
    from memberships.models import JoinApplication, State
    from memberships.services import application_letters_delete

    pks = [obj.pk for obj in rows]
    if rule == "account":
        return "deleted"  # by `account_erase`, with the groups
    if rule == DELETE:
        model._default_manager.filter(pk__in=pks).delete()
        return "deleted"
    if isinstance(rule, Blank):
        if model is JoinApplication:
            for application in rows:
                if application.state in (State.DECLINED, State.WITHDRAWN):
                    application_letters_delete(application=application)
        values = {name: _blank_value(model._meta.get_field(name)) for name in rule.fields}
        model._default_manager.filter(pk__in=pks).update(**values)
        return "anonymised"
    if rule == "recipient":
        for obj in rows:
            left = [address for address in obj.to if address.lower() != email.lower()]
            if left:
                model._default_manager.filter(pk=obj.pk).update(to=left)
            else:
                model._default_manager.filter(pk=obj.pk).delete()
        return "anonymised"
    return "kept"  # points at the account, which keeps no name


@transaction.atomic
def personal_data_erase(*, actor, note: str, person=None, email: str = "") -> PersonalDataRequest:
    """Erase what names the account `person` (or, for a person without one, the address `email`) as the
    rules above say, and record it. Raises `ErasureRefused` (see `erasure_refusal`)."""
    refusal = erasure_refusal(actor=actor, person=person, email=email)
    if refusal:
        raise ErasureRefused(refusal)
    if not note.strip():
        raise ErasureRefused(_("Say whose request this is and when it came: it is kept with the record."))
    email = person.email if person is not None else email
    summary: dict[str, dict[str, int]] = {}
    for label, (model, found) in records_about(person=person, email=email).items():
        by_rule: dict = {}
        for obj, kinds in found:
            rule = _strongest([erasure_rule(model, kind) or KEEP for kind in kinds])
            by_rule.setdefault(rule, []).append(obj)
        for rule, rows in by_rule.items():
            counts = summary.setdefault(_apply(model, rule, rows, email), {})
            counts[label] = counts.get(label, 0) + len(rows)
    if person is not None:
        for label in DEVICES:
            if apps.is_installed("django_otp.plugins." + label.split(".")[0]):
                deleted = apps.get_model(label).objects.filter(user=person).delete()[0]
                if deleted:
                    summary.setdefault("deleted", {})[label.lower()] = deleted
        account_erase(user=person)
    return PersonalDataRequest.objects.create(
        actor=actor,
        person=person,
        address_digest="" if person is not None else address_digest(email),
        action=PersonalDataAction.ERASE,
        note=note.strip(),
        summary=summary,
    )
