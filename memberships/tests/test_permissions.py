"""The permission matrix for applications, letters and profile editing: every role × every
page or action that shows or changes applications, member profiles and contacts."""

import pytest
from django.core.files.base import ContentFile

from cities.models import City, Country
from cities.tests.test_self_service import profile_post
from conftest import ROLES, as_role
from memberships import services
from memberships.models import State
from memberships.tests.test_join import pdf_bytes

# Run as in production: staff privileges need a code confirmed in the session (`as_role` confirms
# one for every staff role but the two "without a second factor").
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

QUEUE = "/admin/applications/"
ADMIN_ROLES = {"hub staff of A's hub", "hub staff of another hub", "staff"}
SIGN_IN_OR_DENIED = (302, 403)


@pytest.fixture
def kenyan_application(world):
    """An application from Kenya (city A's hub), resubmitted once with a new letter."""
    staff = world["staff"]
    application = services.application_submit(
        data={
            "authority_name": "Kisumu Demo County",
            "authority_type": "county",
            "country": Country.objects.get(code="KE"),
            "population": 600000,
            "head_name": "Demo Head",
            "head_title": "Governor",
            "focal_name": "Demo Focal",
            "focal_role": "Coordinator",
            "focal_email": "kisumu-focal@example.org",
            "focal_phone": "+254 57 000 0000",
            "hopes": "Peer learning",
            "consent": True,
        },
        challenges=[],
        priorities=[],
        letter=ContentFile(pdf_bytes(), name="l.pdf"),
        language="en",
    )
    services.application_start_review(application=application, actor=staff)
    services.application_request_information(application=application, actor=staff, note="Signed letter?")
    services.application_resubmit(application=application, note="Here.", letter=ContentFile(pdf_bytes(), name="2.pdf"))
    return application


def allowed(role, who):
    return role in who


@pytest.mark.parametrize("role", ROLES)
def test_the_review_queue_and_detail(client, world, kenyan_application, role):
    as_role(client, world, role)
    queue, detail = client.get(QUEUE), client.get(f"{QUEUE}{kenyan_application.pk}/")
    readers = {"hub staff of A's hub", "staff"}
    if role in ADMIN_ROLES:
        assert queue.status_code == 200
        assert ("Kisumu Demo County" in queue.content.decode()) == allowed(role, readers)
        assert detail.status_code == (200 if allowed(role, readers) else 404)
    else:
        assert queue.status_code in SIGN_IN_OR_DENIED and detail.status_code in SIGN_IN_OR_DENIED
    if detail.status_code == 200:
        # Only the Management Unit is offered the letters and the decision.
        html = detail.content.decode()
        assert ("/join/letters/" in html) == (role == "staff")
        assert ('name="action"' in html) == (role == "staff")  # resubmitted: the step offered is the review
        assert "kisumu-focal@example.org" in html  # the applicant's contact is for reviewers


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["decline", "approve", "request-information"])
def test_only_the_management_unit_decides(client, world, kenyan_application, role, action):
    services.application_start_review(application=kenyan_application, actor=world["staff"])
    response = as_role(client, world, role).post(
        f"{QUEUE}{kenyan_application.pk}/act/", {"action": action, "note": "n"}
    )
    assert response.status_code != 500
    kenyan_application.refresh_from_db()
    assert (kenyan_application.state != State.IN_REVIEW) == (role == "staff")


@pytest.mark.parametrize("role", ROLES)
def test_letters_are_served_to_the_management_unit_only(client, world, kenyan_application, role):
    as_role(client, world, role)
    sent = kenyan_application.events.exclude(letter="").values_list("pk", flat=True)
    urls = [f"/en/join/letters/{kenyan_application.pk}/"] + [
        f"/en/join/letters/{kenyan_application.pk}/{pk}/" for pk in sent
    ]
    assert len(urls) == 3
    for url in urls:
        assert client.get(url).status_code == (200 if role == "staff" else 404)


@pytest.mark.parametrize("role", ROLES)
def test_editing_city_a(client, world, role):
    editors = {"focal point of A", "hub staff of A's hub", "staff"}
    as_role(client, world, role)
    page = client.get("/en/my-city/city-a/")
    if role == "anonymous":
        assert page.status_code == 302
    else:
        assert page.status_code == (200 if allowed(role, editors) else 404)
    client.post("/en/my-city/city-a/", profile_post(description_en=f"Written by {role}"))
    saved = City.objects.get(slug="city-a").description_en
    assert (saved == f"Written by {role}") == allowed(role, editors)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_of_editable_authorities(client, world, role):
    """Hub staff keep their hub's authorities from `/my-city/`; the admin's authority
    snippets are the Management Unit's."""
    as_role(client, world, role)
    page = client.get("/en/my-city/", follow=True)
    html = page.content.decode()
    lists_a = 'href="/en/my-city/city-a/"' in html or page.request["PATH_INFO"] == "/en/my-city/city-a/"
    lists_b = 'href="/en/my-city/city-b/"' in html or page.request["PATH_INFO"] == "/en/my-city/city-b/"
    assert lists_a == (role in {"focal point of A", "hub staff of A's hub", "staff"})
    assert lists_b == (role in {"focal point of B", "hub staff of another hub", "staff"})  # B is in Morocco
    admin_list = client.get("/admin/snippets/cities/city/")
    admin_edit = client.get(f"/admin/snippets/cities/city/edit/{world['city A'].pk}/")
    if role == "staff":
        assert admin_list.status_code == admin_edit.status_code == 200
    else:
        assert admin_list.status_code in SIGN_IN_OR_DENIED and admin_edit.status_code in SIGN_IN_OR_DENIED


@pytest.mark.parametrize("role", ROLES)
def test_the_applicant_page_needs_the_token_not_a_role(client, world, kenyan_application, role):
    as_role(client, world, role)
    assert client.get("/en/join/application/not-the-token/").status_code == 404
    assert client.get(f"/en/join/application/{kenyan_application.withdraw_token}/").status_code == 200
