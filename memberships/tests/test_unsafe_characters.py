"""Invisible characters that reorder or hide text (U+202E and friends, control characters) are
dropped from what an applicant types: never stored, never sent on in e-mails (core.forms.SafeTextMixin)."""

import re

import pytest
from django.core import mail

from memberships.models import JoinApplication
from memberships.tests.test_join import pdf_bytes, upload, valid_data

pytestmark = pytest.mark.django_db

RLO, RLI, PDI = "\u202e", "\u2067", "\u2069"


def test_a_bidi_override_in_the_join_form_is_neither_stored_nor_mailed(client, django_capture_on_commit_callbacks):
    typed = valid_data(
        authority_name=f"Ville de {RLO}omeD",
        focal_name=f"Moussa{RLI} Exemple{PDI}\x07",
        hopes="Apprendre\x00 d'autres villes.\r\nMerci.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/join/", {**typed, "letter": upload(pdf_bytes())})
    assert response.status_code == 302
    application = JoinApplication.objects.get()
    assert application.authority_name == "Ville de omeD"
    assert application.focal_name == "Moussa Exemple"
    assert application.hopes == "Apprendre d'autres villes.\r\nMerci."
    (sent,) = mail.outbox
    for text in (sent.subject, sent.body, *(content for content, _ in sent.alternatives)):
        text = re.sub("\u2068([^\u2068\u2069]*)\u2069", r"\1", text)  # names come isolated (core/text.py)
        assert not {RLO, RLI, PDI, "\u2068", "\x07", "\x00"} & set(text)
    assert "Ville de omeD" in sent.subject and "Moussa Exemple" in sent.body
