"""Everything the platform holds about a person, for the Management Unit to hand over on request.

Found by what the models say, so a new app's records are included without a list to keep: every row that
points at the person's account (any foreign key to the user model), and every row whose e-mail field holds
the person's address (a focal point's entry, an application they sent, a registration made before they had
an account). A person without an account (an applicant, an event's guest, a reader who reported a
translation) is found by address alone. Secrets are never exported (passwords, token digests, withdrawal
keys), nor the person's second-factor keys. Each export is recorded (`PersonalDataRequest`: who, for whom,
when). Erasing on request is `erasure.py`, on the same sources.
"""

from __future__ import annotations

import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import PersonalDataAction, PersonalDataRequest

FORMAT = 1
# Fields never exported, whatever the model: secrets and what opens a door.
SECRET_FIELDS = {
    "password",
    "token_hash",
    "withdraw_token",
    "cancel_token",
    "key",
    "secret",
    "session_key",
    "session_data",
    "session_hash",
}
# Models whose rows about the person are not theirs to take away, or are secrets: the second factor's keys,
# sessions, the audit of personal-data requests itself (it names staff), throttling records.
LEFT_OUT = {"otp_totp.totpdevice", "otp_static.staticdevice", "sessions.session", "operations.personaldatarequest"}
# Addresses kept in fields that are not e-mail fields: the outbox's recipients, sign-in attempts (django-axes).
EXTRA_SOURCES = [
    ("core.outgoingemail", "to__icontains"),
    ("axes.accessattempt", "username__iexact"),
    ("axes.accesslog", "username__iexact"),
    ("axes.accessfailurelog", "username__iexact"),
]


# Sources searched by a part of the address (a list of recipients): a row counts only when the address is one
# of its own, not a longer address that contains it ("a@example.org" is in "ka@example.org").
def _addressed_to(obj, email: str) -> bool:
    return email.lower() in (address.lower() for address in obj.to)


EXACT = {"core.outgoingemail": _addressed_to}
PERSON_FIELDS = ["id", "email", "name", "preferred_language", "is_active", "is_staff", "date_joined", "last_login"]


def address_digest(email: str) -> str:
    """A keyed digest of an address, for the record of a request made by a person without an account."""
    return salted_hmac("operations.personal-data", email.strip().lower()).hexdigest()


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _row(obj) -> dict:
    row = {"id": obj.pk}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS or field.primary_key:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        row[field.attname] = value
    return row


def _sources(user_model):
    """(model, lookup, kind) triples: the rows of `model` about a person, by account or by address."""
    for model in apps.get_models():
        if _label(model) in LEFT_OUT or model is user_model:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is user_model:
                yield model, field.name, "account"
            elif isinstance(field, models.EmailField):
                yield model, f"{field.name}__iexact", "email"
    for label, lookup in EXTRA_SOURCES:
        if apps.is_installed(label.split(".")[0]):
            yield apps.get_model(label), lookup, "email"


def records_about(*, person=None, email: str = "") -> dict[str, tuple]:
    """{"app.model": (model, [(row, {"account", "email"})])}: every row about the account `person` or,
    without one, the address `email`, each row once with how it was found (a row may name both)."""
    user_model = get_user_model()
    email = person.email if person is not None else email
    found: dict[str, tuple] = {}
    for model, lookup, kind in _sources(user_model):
        if kind == "account" and person is None:
            continue
        value = person if kind == "account" else email
        rows = list(model._default_manager.filter(**{lookup: value}).order_by("pk"))
        if kind == "email" and _label(model) in EXACT:
            rows = [obj for obj in rows if EXACT[_label(model)](obj, email)]
        for obj in rows:
            seen = found.setdefault(_label(model), (model, {}))[1]
            seen.setdefault(obj.pk, (obj, set()))[1].add(kind)
    return {label: (model, list(seen.values())) for label, (model, seen) in sorted(found.items())}


def person_data(person=None, *, email: str = "") -> dict:
    """{"person": …, "records": {"app.model": [rows]}}: every row about the account `person` (or, for a
    person without an account, the address `email`), each once."""
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "person": {name: getattr(person, name) for name in PERSON_FIELDS} if person else {"email": email},
        "records": {
            label: [_row(obj) for obj, _ in rows]
            for label, (_, rows) in records_about(person=person, email=email).items()
        },
    }


def personal_data_export(*, actor, person=None, email: str = "") -> bytes:
    """The JSON file for the account `person` (or the address `email`), recorded as exported by `actor`."""
    data = person_data(person, email=email)
    with transaction.atomic():
        PersonalDataRequest.objects.create(
            actor=actor,
            person=person,
            address_digest="" if person else address_digest(email),
            action=PersonalDataAction.EXPORT,
            summary={label: len(rows) for label, rows in data["records"].items()},
        )
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
