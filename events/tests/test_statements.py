"""Solidarity statements: staff invite member cities' focal points to co-sign (each once, in their
language, before publication too), one click co-signs once signed in, the published page lists the
co-signing cities, which keeps growing until the deadline."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.test.utils.form_data import rich_text  # noqa: F401 (the editor's form, for later tests)

from conftest import ROLES, as_role
from events import statements
from events.models import CoSignature, CoSignInvitation, StatementPage

from .conftest import publish

pytestmark = pytest.mark.django_db

SIGNERS = {"focal point of A", "hub staff of A's hub", "staff"}  # for city A


@pytest.fixture
def statement(events_index):
    page = StatementPage(
        title="After the attack in Rabat", slug="after-the-attack", locale=events_index["en"].locale,
        summary="The network stands with Rabat.", body="<p>We stand together.</p>",
        cosign_until=timezone.now() + datetime.timedelta(days=3), live=False,
    )  # fmt: skip
    events_index["en"].add_child(instance=page)
    page.save_revision()  # a draft: invitations go out before publication
    return StatementPage.objects.get(pk=page.pk)


def test_staff_invite_each_focal_point_once_in_their_language(world, statement, events_index,
                                                              django_capture_on_commit_callbacks):  # fmt: skip
    french = statement.copy_for_translation(events_index["fr"].locale).specific
    french.title = "Après l'attaque de Rabat"
    french.save_revision()
    world["focal point of B"].preferred_language = "fr"
    world["focal point of B"].save()
    with django_capture_on_commit_callbacks(execute=True):
        sent = statements.cosign_invite(statement=statement, actor=world["staff"])
    assert sent >= 2 and CoSignInvitation.objects.count() == sent
    to_b = next(message for message in mail.outbox if message.to == ["focal-b@example.org"])
    assert "Après l'attaque de Rabat" in to_b.subject and f"/fr/statements/{french.pk}/co-sign/" in to_b.body
    to_a = next(message for message in mail.outbox if message.to == ["focal-a@example.org"])
    assert f"/en/statements/{statement.pk}/co-sign/" in to_a.body
    with django_capture_on_commit_callbacks(execute=True):
        assert statements.cosign_invite(statement=statement, actor=world["staff"]) == 0  # each once
    assert not any(message.to == ["joining-focal@example.org"] for message in mail.outbox)  # members only


def test_one_click_cosigns_and_the_published_page_lists_the_cities(client, world, statement):
    client.force_login(world["focal point of A"])
    url = f"/en/statements/{statement.pk}/co-sign/"
    page = client.get(url).content.decode()
    assert "We stand together." in page and "not published yet" in page and "Co-sign for <bdi>City A</bdi>" in page
    response = client.post(url, {"city": world["city A"].pk})
    assert response.status_code == 200 and "<bdi>City A</bdi> co-signs this statement" in response.content.decode()
    assert CoSignature.objects.get().on_behalf is False
    assert "Co-sign for <bdi>City A</bdi>" not in response.content.decode()
    again = client.post(url, {"city": world["city A"].pk})
    assert again.status_code == 400
    live = publish(statement)
    html = client.get(live.url).content.decode()
    assert "1 member city co-signs this statement." in html and "City A" in html
    statements.cosign(statement=live, city=world["city B"], actor=world["staff"])  # after publication too
    assert "2 member cities co-sign this statement." in client.get(live.url).content.decode()


def test_after_the_deadline_nobody_cosigns(client, world, statement):
    StatementPage.objects.filter(pk=statement.pk).update(cosign_until=timezone.now() - datetime.timedelta(minutes=1))
    statement.refresh_from_db()
    with pytest.raises(Exception, match="has closed"):
        statements.cosign(statement=statement, city=world["city A"], actor=world["focal point of A"])
    client.force_login(world["focal point of A"])
    response = client.post(f"/en/statements/{statement.pk}/co-sign/", {"city": world["city A"].pk})
    assert response.status_code == 400 and "has closed" in response.content.decode()
    assert not CoSignature.objects.exists()


def test_a_city_not_yours_or_nonsense_is_refused_with_a_message(client, world, statement):
    client.force_login(world["focal point of A"])
    for value in (world["city B"].pk, "nonsense", ""):
        response = client.post(f"/en/statements/{statement.pk}/co-sign/", {"city": value})
        assert response.status_code == 400 and "Choose one of the cities below." in response.content.decode()
    assert not CoSignature.objects.exists()


@pytest.mark.usefixtures("two_factor_required")
@pytest.mark.parametrize("role", ROLES)
def test_who_may_cosign_for_a_city_and_invite(client, world, statement, role):
    as_role(client, world, role)
    listing = client.get("/admin/statements/")
    client.post("/admin/statements/", {"statement": statement.pk, "hub": ""})
    may_invite = role in {"hub staff of A's hub", "hub staff of another hub", "staff"}
    assert (listing.status_code == 200) is may_invite
    assert CoSignInvitation.objects.exists() is may_invite
    if role == "hub staff of another hub":  # their own hub's cities only (MENA: city B)
        assert set(CoSignInvitation.objects.values_list("city__slug", flat=True)) == {"city-b"}
    client.post(f"/en/statements/{statement.pk}/co-sign/", {"city": world["city A"].pk})
    assert CoSignature.objects.filter(city=world["city A"]).exists() is (role in SIGNERS)
