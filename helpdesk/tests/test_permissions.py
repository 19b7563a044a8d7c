"""The permission matrix: every role × the member pages, the admin queue and each step.

The request is city A's (Kenya, East & Southern Africa hub), asked by its focal point and
referred to "referred expert"."""

import pytest

from cities.models import PracticeArea
from conftest import ROLES, as_role
from helpdesk.models import HelpRequest, State

# Run as in production: staff privileges need a code confirmed in the session (`as_role` confirms
# one for every staff role but the two "without a second factor").
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

ALL_ROLES = [*ROLES, "practitioner of A", "referred expert", "another expert"]
SIGN_IN_OR_DENIED = (302, 403)
READERS = {"focal point of A", "practitioner of A", "hub staff of A's hub", "staff", "referred expert"}
HANDLERS = {"hub staff of A's hub", "staff"}
ADMIN_ROLES = {"hub staff of A's hub", "hub staff of another hub", "staff"}
CITY_PEOPLE = {"practitioner", "focal point of A", "focal point of B", "practitioner of A"}
QUEUE = "/admin/help-desk/"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_member_list(client, people, help_request, role):
    response = as_role(client, people, role).get("/en/help/")
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    html = response.content.decode()
    listed = {"focal point of A", "practitioner of A", "referred expert"}  # their city's, or referred to them
    assert ("Youth outreach" in html) == (role in listed)
    assert ("/en/help/ask/" in html) == (role in CITY_PEOPLE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_asking(client, people, role):
    response = as_role(client, people, role).get("/en/help/ask/")
    if role == "anonymous":
        assert response.status_code == 302
    elif role in CITY_PEOPLE:
        assert response.status_code == 200 and 'name="subject"' in response.content.decode()
    else:
        assert response.status_code == 403
        assert "Who can ask the help desk" in response.content.decode()  # a polite page
    before = HelpRequest.objects.count()
    topic = PracticeArea.objects.get(code="risk-mapping").pk
    client.post(
        "/en/help/ask/", {"topic": topic, "language": "en", "urgency": "normal", "subject": "S", "question": "Q"}
    )
    assert HelpRequest.objects.count() == before + (1 if role in CITY_PEOPLE else 0)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_member_detail(client, people, help_request, role):
    response = as_role(client, people, role).get(f"/en/help/{help_request.pk}/")
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in READERS else 404)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_answering_from_the_member_page(client, people, help_request, role):
    response = as_role(client, people, role).post(
        f"/en/help/{help_request.pk}/", {"action": "answer", "answer-answer": "An answer"}
    )
    help_request.refresh_from_db()
    answerers = {"referred expert", *HANDLERS}
    assert (help_request.state == State.ANSWERED) == (role in answerers)
    if role == "anonymous":
        assert response.status_code == 302
    elif role not in READERS:
        assert response.status_code == 404
    elif role not in answerers:
        assert response.status_code == 400  # a message, not an error page


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_admin_queue_and_detail(client, people, help_request, role):
    as_role(client, people, role)
    queue, detail = client.get(QUEUE), client.get(f"{QUEUE}{help_request.pk}/")
    if role in ADMIN_ROLES:
        assert queue.status_code == 200
        assert ("Youth outreach" in queue.content.decode()) == (role in HANDLERS)
        assert detail.status_code == (200 if role in HANDLERS else 404)
    else:
        assert queue.status_code in SIGN_IN_OR_DENIED and detail.status_code in SIGN_IN_OR_DENIED


ACTIONS = {
    "assign": lambda people: {"assign-assignee": people["hub staff of A's hub"].pk},
    "answer": lambda people: {"answer-answer": "An answer"},
    "close": lambda people: {"close-note": "Out of scope"},
    "refer": lambda people: {"refer-expert": people["another expert"].expert.pk},
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_admin_step(client, people, help_request, role, action):
    before = (help_request.state, help_request.assignee_id, help_request.referred_expert_id)
    response = as_role(client, people, role).post(
        f"{QUEUE}{help_request.pk}/act/", {"action": action, **ACTIONS[action](people)}
    )
    help_request.refresh_from_db()
    after = (help_request.state, help_request.assignee_id, help_request.referred_expert_id)
    if role in HANDLERS:
        assert response.status_code == 302 and after != before
    elif role in ADMIN_ROLES:
        assert response.status_code == 404 and after == before
    else:
        assert response.status_code in SIGN_IN_OR_DENIED and after == before


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_resource_hub_draft_is_for_those_handling_the_request(client, people, help_request, role):
    from helpdesk import services

    services.help_request_answer(request=help_request, answer="Answer", actor=people["staff"])
    response = as_role(client, people, role).post(
        f"{QUEUE}{help_request.pk}/draft/",
        {"title": "Youth councils", "question": "How?", "answer": "Like this.", "confirm": "on"},
    )
    help_request.refresh_from_db()
    assert (help_request.resource_page_id is not None) == (role in HANDLERS)
    if role not in HANDLERS:
        assert response.status_code in (*SIGN_IN_OR_DENIED, 404)
