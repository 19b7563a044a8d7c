"""Invisible characters that reorder or hide text are dropped from exchange requests and
messages (core.forms.SafeTextMixin): never stored, never in the e-mails."""

import re

import pytest
from django.core import mail

from core.text import FSI
from core.text import PDI as POP
from exchanges.models import ExchangeMessage, ExchangeRequest

pytestmark = pytest.mark.django_db

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def assert_clean(messages):
    assert messages
    for sent in messages:
        for text in (sent.subject, sent.body, *(content for content, _ in sent.alternatives)):
            # Names come isolated (FSI…PDI, core/text.py::isolate); nothing else reorders the text.
            text = re.sub(f"{FSI}([^{FSI}{POP}]*){POP}", r"\1", text)
            assert not {RLO, LRI, PDI, FSI, "\x1b"} & set(text), text


def test_a_bidi_override_in_an_exchange_request_is_neither_stored_nor_mailed(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people["focal point of A"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/exchanges/new/",
            {"partner": "city-b", "areas": ["youth-engagement"], "message": f"Pay {RLO}0001$ (demo)\x1b."},
        )
    assert response.status_code == 302
    assert ExchangeRequest.objects.get().message == "Pay 0001$ (demo)."
    assert_clean(mail.outbox)


def test_a_bidi_override_in_an_exchange_message_is_neither_stored_nor_mailed(
    client, exchange, people, django_capture_on_commit_callbacks
):
    client.force_login(people["focal point of B"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/exchanges/{exchange.pk}/messages/", {"body": f"See {LRI}the attached{PDI} plan {RLO}(demo)."}
        )
    assert response.status_code == 302
    assert ExchangeMessage.objects.get().body == "See the attached plan (demo)."
    assert_clean(mail.outbox)
    assert "See the attached plan (demo)." in mail.outbox[0].body
