"""The solidarity statement drafted from an incident in four languages, published, sent for co-signing."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from conftest import as_role
from crisis.models import Incident, IncidentStep, StepEvent
from events.models import CoSignInvitation, StatementPage

from .conftest import make_incident

pytestmark = pytest.mark.django_db


def _draft(client, incident, **changes):
    page = client.get(f"/admin/incidents/{incident.pk}/").content.decode()
    assert "Solidarity with City A" in page  # the template, pre-filled with the place
    data = {
        "action": "statement",
        "statement-title": "Solidarity with City A",
        "statement-summary": "The member cities of the Strong Cities Network stand with the people of City A.",
        "statement-body": "We mourn with those who were harmed.\n\nHate will not divide us.",
        "statement-cosign_days": "7",
    }
    data.update(changes)
    return client.post(f"/admin/incidents/{incident.pk}/", data)


def test_the_draft_in_four_languages_sent_for_cosigning(client, world, site, django_capture_on_commit_callbacks):
    from crisis.statement import template_texts

    incident = make_incident(world)
    world["focal point of B"].preferred_language = "fr"
    world["focal point of B"].save()
    as_role(client, world, "hub staff of A's hub")
    english = template_texts(incident, "en")
    assert "City A" in english["summary"] and "attack on a public space" in english["summary"]
    response = _draft(client, incident, **{"statement-title": english["title"], "statement-summary": english["summary"],
                                           "statement-body": english["body"]})  # fmt: skip
    assert response.status_code == 302
    incident.refresh_from_db()
    statement = incident.statement
    family = StatementPage.objects.filter(translation_key=statement.translation_key)
    assert sorted(family.values_list("locale__language_code", flat=True)) == ["ar", "en", "es", "fr"]
    assert not family.filter(live=True).exists()  # drafts, for review
    assert statement.get_parent().specific_class.__name__ == "EventIndexPage" and statement.cosign_until
    french = family.get(locale__language_code="fr")
    assert french.get_latest_revision_as_object().title == template_texts(incident, "fr")["title"]
    drafted = IncidentStep.objects.get(incident=incident, event=StepEvent.STATEMENT_DRAFTED)
    assert drafted.text.startswith("Solidarity statement drafted in four languages")
    page = client.get(f"/admin/incidents/{incident.pk}/").content.decode()
    assert "review it in the page editor" in page and "Send for co-signing" not in page
    # Not published: sending is refused with a message, nothing sent.
    client.post(f"/admin/incidents/{incident.pk}/", {"action": "send"})
    assert not CoSignInvitation.objects.exists()
    for page in family:
        page.get_latest_revision().publish()
    assert "Send for co-signing" in client.get(f"/admin/incidents/{incident.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/incidents/{incident.pk}/", {"action": "send"})
    assert response.status_code == 302
    to_a = next(message for message in mail.outbox if message.to == ["focal-a@example.org"])
    assert f"/en/statements/{statement.pk}/co-sign/" in to_a.body
    # Hub staff invite their hub's member cities only (City B is in the MENA hub).
    assert not any(message.to == ["focal-b@example.org"] for message in mail.outbox)
    sent = IncidentStep.objects.get(incident=incident, event=StepEvent.STATEMENT_SENT)
    assert sent.text.startswith("Statement sent for co-signing")


def test_the_management_unit_invites_every_focal_point_in_their_language(client, world, site,
                                                                        django_capture_on_commit_callbacks):  # fmt: skip
    incident = make_incident(world)
    world["focal point of B"].preferred_language = "fr"
    world["focal point of B"].save()
    as_role(client, world, "staff")
    response = _draft(client, incident)  # the English edited, no engine configured: template texts, said so
    assert response.status_code == 302
    page = client.get(f"/admin/incidents/{incident.pk}/").content.decode()
    assert "No machine translation engine covers AR, FR, ES" in page
    statement = Incident.objects.get(pk=incident.pk).statement
    family = StatementPage.objects.filter(translation_key=statement.translation_key)
    for version in family:
        version.get_latest_revision().publish()
    french = family.get(locale__language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/incidents/{incident.pk}/", {"action": "send"})
    to_b = next(message for message in mail.outbox if message.to == ["focal-b@example.org"])
    assert f"/fr/statements/{french.pk}/co-sign/" in to_b.body
    to_a = next(message for message in mail.outbox if message.to == ["focal-a@example.org"])
    assert f"/en/statements/{statement.pk}/co-sign/" in to_a.body and "Solidarity with City A" in to_a.subject
    # A second draft is refused: one statement per incident.
    response = _draft(client, Incident.objects.get(pk=incident.pk))
    assert response.status_code == 302 and family.count() == 4
    assert "This incident has a statement already." in client.get(response.url).content.decode()


def test_an_empty_title_keeps_the_rest(client, world, site):
    incident = make_incident(world)
    as_role(client, world, "staff")
    response = _draft(client, incident, **{"statement-title": "", "statement-body": "Our own words."})
    html = response.content.decode()
    assert response.status_code == 400 and "This field is required." in html and "Our own words." in html
    assert not StatementPage.objects.exists()


def test_changed_english_is_machine_translated_where_an_engine_covers_the_pair(client, world, site, monkeypatch):
    from crisis import services

    asked = []

    def machine(texts, target):
        asked.append(target)
        return [f"[{target}] {text}" for text in texts] if target != "ar" else None

    monkeypatch.setattr(services, "_machine", machine)
    incident = make_incident(world)
    as_role(client, world, "staff")
    _draft(client, incident, **{"statement-title": "Our network stands with City A"})
    key = Incident.objects.get(pk=incident.pk).statement.translation_key
    versions = {
        page.locale.language_code: page.get_latest_revision_as_object()
        for page in StatementPage.objects.filter(translation_key=key).select_related("locale")
    }
    assert sorted(asked) == ["ar", "es", "fr"]
    assert versions["fr"].title == "[fr] Our network stands with City A"
    with translation.override("ar"):  # no engine for Arabic: the template's own Arabic
        template_title = gettext("Solidarity with %(place)s") % {"place": "City A"}
    assert versions["ar"].title == template_title != "Solidarity with City A"
    assert "No machine translation engine covers AR:" in client.get(f"/admin/incidents/{incident.pk}/").content.decode()
