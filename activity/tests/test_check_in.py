"""The one-click "check in" e-mail from the hub to a dormant member's focal points: in each focal point's
language, signed by the hub with how to reach it and the link to the city's page; POST only, with CSRF,
checked for that authority on the server; logged and shown on the list; a second within a week refused."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import Role
from accounts.services import role_grant
from activity.models import CheckIn
from activity.services import engagement_sync
from cities.models import Hub
from cities.tests.factories import add_focal_point
from conftest import as_role, make_person
from core.models import OutgoingEmail

pytestmark = pytest.mark.django_db

URL = "/admin/engagement/dormant/"


def check_in_url(city) -> str:
    return f"{URL}{city.pk}/check-in/"


@pytest.fixture
def network(world):
    """City A's focal points: one reading French, a second one reading Arabic."""
    focal = world["focal point of A"]
    focal.preferred_language = "fr"
    focal.save(update_fields=["preferred_language"])
    second = make_person("focal-a2@example.org", preferred_language="ar")
    role_grant(user=second, role=Role.FOCAL_POINT, city=world["city A"])
    world["second focal point of A"] = second
    engagement_sync()  # what each authority's save does after its commit (the fixtures' run inside one)
    return world


def test_hub_staff_check_in_with_each_focal_point_in_their_language(
    client, network, django_capture_on_commit_callbacks
):
    as_role(client, network, "hub staff of A's hub")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_in_url(network["city A"]), {"next": URL})
    assert response.status_code == 302 and response["Location"] == URL
    sent = {email.to[0]: email for email in mail.outbox}
    assert set(sent) == {"focal-a@example.org", "focal-a2@example.org"}
    french, arabic = sent["focal-a@example.org"], sent["focal-a2@example.org"]
    hub = Hub.objects.get(code="esa")
    assert "/fr/my-city/city-a/" in french.body and "/fr/help/ask/" in french.body
    assert "/ar/my-city/city-a/" in arabic.body and "/ar/help/ask/" in arabic.body
    assert (hub.name_fr or hub.name_en) in french.body and (hub.name_ar or hub.name_en) in arabic.body
    assert "esa-hub@example.org" in french.body  # how to reach the hub: the sender's address
    assert "City A" in french.subject
    assert sorted((tuple(to), language) for to, language in OutgoingEmail.objects.values_list("to", "language")) == [
        (("focal-a2@example.org",), "ar"),
        (("focal-a@example.org",), "fr"),
    ]

    check_in = CheckIn.objects.get()
    assert (check_in.city, check_in.hub, check_in.sent_by) == (network["city A"], hub, network["hub staff of A's hub"])
    assert sorted(check_in.recipients.values_list("person__email", "language")) == [
        ("focal-a2@example.org", "ar"),
        ("focal-a@example.org", "fr"),
    ]
    page = client.get(URL).content.decode()
    assert "Check-in sent to the 2 focal points of City A." in page
    assert "Sent recently" in page and "by <bdi>Esa-Hub</bdi>" in page and "French, Arabic" in page


def test_a_second_check_in_within_a_week_is_refused_politely(client, network, django_capture_on_commit_callbacks):
    as_role(client, network, "staff")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(check_in_url(network["city A"]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_in_url(network["city A"]), follow=True)
    assert "A check-in was already sent to City A on" in response.content.decode()
    assert CheckIn.objects.count() == 1 and mail.outbox == []
    CheckIn.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(check_in_url(network["city A"]))
    assert CheckIn.objects.count() == 2 and len(mail.outbox) == 2


def test_a_city_without_any_focal_point_to_write_to_is_refused_with_a_reason(client, network):
    as_role(client, network, "staff")
    home = network["practitioner"].roles.get().city
    response = client.post(check_in_url(home), follow=True)
    assert "has no focal point to write to" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_focal_points_known_only_as_contacts_are_written_to_in_a_language_they_speak(
    client, network, django_capture_on_commit_callbacks
):
    """Most authorities' focal points are contacts on the profile, without an account: the check-in
    goes to their address, in the first of the site's languages their "languages spoken" names (else
    English); the log keeps the language, never the address."""
    home = network["practitioner"].roles.get().city
    add_focal_point(home, visibility="members", email="contact@example.org", name="Kofi Contact",
                    languages="Twi, Français, English")  # fmt: skip
    add_focal_point(home, visibility="staff", email="", name="No Address")  # nothing to write to
    add_focal_point(home, visibility="staff", email="other@example.org", name="Ama Other", languages="Ga")
    as_role(client, network, "staff")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(check_in_url(home))
    sent = {email.to[0]: email for email in mail.outbox}
    assert set(sent) == {"contact@example.org", "other@example.org"}
    assert (
        "Kofi Contact" in sent["contact@example.org"].body
        and f"/fr/my-city/{home.slug}/" in sent["contact@example.org"].body
    )
    assert f"/en/my-city/{home.slug}/" in sent["other@example.org"].body
    check_in = CheckIn.objects.get(city=home)
    assert sorted(check_in.recipients.values_list("person", "language")) == [(None, "en"), (None, "fr")]
    assert "contact@example.org" not in str(list(check_in.recipients.values()))


def test_only_a_post_with_its_csrf_token_sends(network):
    client = Client(enforce_csrf_checks=True)
    as_role(client, network, "staff")
    assert client.get(check_in_url(network["city A"])).status_code == 405
    assert client.post(check_in_url(network["city A"])).status_code == 403
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("hub staff of another hub", 404),  # city A is not theirs: not even told it exists
        ("staff without a second factor", 302),  # sent to confirm a code first
        ("hub staff of A's hub without a second factor", 302),
        ("focal point of A", 302),  # no admin access
        ("anonymous", 302),
    ],
)
def test_others_cannot_check_in(client, network, role, status, two_factor_required):
    as_role(client, network, role)
    response = client.post(check_in_url(network["city A"]))
    assert response.status_code in (status, 403)
    assert not CheckIn.objects.exists() and not OutgoingEmail.objects.exists()


def test_hub_staff_check_in_only_their_hubs_members(client, network, django_capture_on_commit_callbacks):
    as_role(client, network, "hub staff of another hub")
    assert client.post(check_in_url(network["city A"])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(check_in_url(network["city B"])).status_code == 302
    assert list(CheckIn.objects.values_list("city__slug", flat=True)) == ["city-b"]
