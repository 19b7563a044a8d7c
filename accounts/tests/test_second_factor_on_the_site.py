"""The second factor guards every staff and hub privilege, on the public site as in the admin
(issue 8, point 2). Signed in with a password alone, Management Unit staff, superusers and hub
staff are plain members until they confirm a code in the session, and the site offers to set
it up. People loaded outside the request (an assignee, a task's user) keep their roles."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from accounts.services import role_grant
from accounts.tests.test_two_factor import code_for
from cities.models import City
from cities.tests.factories import add_focal_point
from cities.tests.test_self_service import profile_post
from conftest import as_role, make_person
from core.visibility import is_management_unit
from exchanges.models import State as ExchangeState
from exchanges.tests.conftest import request_exchange
from helpdesk.models import State as HelpState
from helpdesk.tests.conftest import ask
from memberships.tests.test_permissions import kenyan_application  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

OFFER = "two-factor-offer"


def sign_in_with_password(client, user):
    response = client.post("/en/account/sign-in/", {"username": user.email, "password": "pw"})
    assert response.status_code == 302
    return client


def confirm_code(client, device, next_url):
    response = client.post(f"/en/account/two-factor/?next={next_url}", {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == next_url


@pytest.fixture
def reach(world, kenyan_application):  # noqa: F811
    """What the Management Unit can reach from the public site: an application letter, a
    staff-only contact of city B, city B's profile, an exchange A → B, a question of city A."""
    add_focal_point(world["city B"], visibility="staff", email="staff-only@example.org")
    add_focal_point(world["city A"], visibility="hub", email="hub-only@example.org")
    return {
        "letter": f"/en/join/letters/{kenyan_application.pk}/",
        "exchange": request_exchange(world["city A"], world["city B"], world["focal point of A"]),
        "question": ask(world["focal point of A"], world["city A"]),
    }


def management_unit_powers(client, reach) -> dict:
    """Try each privilege of the Management Unit once; say which worked."""
    exchange, question = reach["exchange"], reach["question"]
    edit_page = client.get("/en/my-city/city-b/").status_code
    client.post("/en/my-city/city-b/", profile_post(description_en="Edited by the Management Unit"))
    client.post(f"/en/exchanges/{exchange.pk}/act/", {"action": "accept", "note": ""})
    client.post(f"/en/help/{question.pk}/", {"action": "answer", "answer-answer": "Start with a youth council."})
    exchange.refresh_from_db()
    question.refresh_from_db()
    return {
        "downloads the letter": client.get(reach["letter"]).status_code == 200,
        "sees the staff-only contact": "staff-only@example.org" in client.get("/en/network/city-b/").content.decode(),
        "opens another city's edit page": edit_page == 200,
        "edits another city": City.objects.get(slug="city-b").description_en == "Edited by the Management Unit",
        "acts in an exchange": exchange.state == ExchangeState.ACCEPTED,
        "answers a help request": question.state == HelpState.ANSWERED,
    }


def hub_powers(client, reach) -> dict:
    """Try each privilege of city A's hub staff once; say which worked."""
    question = reach["question"]
    edit_page = client.get("/en/my-city/city-a/").status_code
    client.post("/en/my-city/city-a/", profile_post(description_en="Edited by the hub"))
    client.post(f"/en/help/{question.pk}/", {"action": "answer", "answer-answer": "Start with a youth council."})
    question.refresh_from_db()
    return {
        "sees the hub-only contact": "hub-only@example.org" in client.get("/en/network/city-a/").content.decode(),
        "reads the hub's exchange": client.get(f"/en/exchanges/{reach['exchange'].pk}/").status_code == 200,
        "opens the city's edit page": edit_page == 200,
        "edits the city": City.objects.get(slug="city-a").description_en == "Edited by the hub",
        "answers a help request": question.state == HelpState.ANSWERED,
    }


def test_management_unit_staff_with_a_password_alone_are_plain_members_until_they_confirm(client, world, reach):
    staff = world["staff without a second factor"]
    device = TOTPDevice.objects.create(user=staff, name="default", confirmed=True)
    sign_in_with_password(client, staff)

    powers = management_unit_powers(client, reach)
    assert powers == dict.fromkeys(powers, False)
    assert client.get(reach["letter"]).status_code == 404  # as for anyone who may not read it

    page = client.get("/en/network/").content.decode()
    assert OFFER in page and 'href="/en/account/two-factor/?next=%2Fen%2Fnetwork%2F"' in page

    confirm_code(client, device, "/en/network/")
    powers = management_unit_powers(client, reach)
    assert powers == dict.fromkeys(powers, True)
    assert OFFER not in client.get("/en/network/").content.decode()


def test_hub_staff_with_a_password_alone_are_plain_members_until_they_confirm(client, world, reach):
    hub_staff = world["hub staff of A's hub without a second factor"]
    sign_in_with_password(client, hub_staff)

    powers = hub_powers(client, reach)
    assert powers == dict.fromkeys(powers, False)
    page = client.get("/en/my-city/", follow=True).content.decode()
    assert OFFER in page  # first time: the two-factor page sets the app up

    setup = client.get("/en/account/two-factor/?next=/en/help/")
    assert setup.status_code == 200 and 'class="qr" aria-hidden="true"><svg' in setup.content.decode()
    confirm_code(client, TOTPDevice.objects.get(user=hub_staff), "/en/help/")
    powers = hub_powers(client, reach)
    assert powers == dict.fromkeys(powers, True)


def test_a_superuser_does_not_bypass_the_second_factor(client, world, reach):
    superuser = get_user_model().objects.create_superuser(email="root@example.org", name="Root", password="pw")
    device = TOTPDevice.objects.create(user=superuser, name="default", confirmed=True)
    sign_in_with_password(client, superuser)
    assert client.get(reach["letter"]).status_code == 404
    assert "staff-only@example.org" not in client.get("/en/network/city-b/").content.decode()
    assert OFFER in client.get("/en/network/").content.decode()
    confirm_code(client, device, "/en/network/")
    assert client.get(reach["letter"]).status_code == 200
    assert "staff-only@example.org" in client.get("/en/network/city-b/").content.decode()


@pytest.mark.parametrize("role", ["anonymous", "practitioner", "focal point of A", "staff", "hub staff of A's hub"])
def test_the_offer_is_only_for_staff_without_a_confirmed_code(client, world, role):
    assert OFFER not in as_role(client, world, role).get("/en/network/").content.decode()


def test_without_the_requirement_a_password_is_enough(client, world, reach, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    sign_in_with_password(client, world["staff without a second factor"])
    assert client.get(reach["letter"]).status_code == 200
    assert OFFER not in client.get("/en/network/").content.decode()


def test_people_loaded_outside_the_request_keep_their_roles(client, world, reach):
    """Only the signed-in person of the request is held back: a colleague who has not confirmed a
    code today can still be handed a request, and a user read from the database keeps its roles."""
    colleague = world["hub staff of A's hub without a second factor"]
    question = reach["question"]
    as_role(client, world, "hub staff of A's hub")
    response = client.post(
        f"/admin/help-desk/{question.pk}/act/", {"action": "assign", "assign-assignee": colleague.pk}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.assignee_id == colleague.pk
    assert is_management_unit(get_user_model().objects.get(email="staff-no-code@example.org"))
    # A person made by a command or a task, never through a request.
    manager = make_person("command@example.org")
    role_grant(user=manager, role=Role.MANAGEMENT_UNIT)
    assert is_management_unit(manager)
