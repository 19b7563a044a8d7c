"""Everything the platform holds about a person, for the Management Unit to hand over on request.

Found by what the models say, so a new app's records are included without a list to keep: every row that
points at the person's account (any foreign key to the user model), and every row whose e-mail field holds
the person's address (a focal point's entry, an application they sent, a registration made before they had
an account). Secrets are never exported (passwords, token digests, withdrawal keys), nor the person's
second-factor keys. Each export is recorded (`PersonalDataRequest`: who, for whom, when).
"""

from __future__ import annotations

import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

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
PERSON_FIELDS = ["id", "email", "name", "preferred_language", "is_active", "is_staff", "date_joined", "last_login"]


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
    """(model, lookup) pairs: the rows of `model` about a person, by account (`field=user`) or by address."""
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


def person_data(user) -> dict:
    """{"person": …, "records": {"app.model": [rows]}}: every row about `user`, each once."""
    user_model = get_user_model()
    records: dict[str, dict[int, dict]] = {}
    for model, lookup, kind in _sources(user_model):
        value = user if kind == "account" else user.email
        for obj in model._default_manager.filter(**{lookup: value}).order_by("pk"):
            records.setdefault(_label(model), {})[obj.pk] = _row(obj)
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "person": {name: getattr(user, name) for name in PERSON_FIELDS},
        "records": {label: list(rows.values()) for label, rows in sorted(records.items())},
    }


def personal_data_export(*, actor, person) -> bytes:
    """The JSON file for `person`, recorded as exported by `actor`."""
    data = person_data(person)
    with transaction.atomic():
        PersonalDataRequest.objects.create(actor=actor, person=person, action=PersonalDataAction.EXPORT)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
