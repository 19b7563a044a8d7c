import re

import pytest
from django.core import mail

from memberships import services
from memberships.models import State

pytestmark = pytest.mark.django_db


def applicant_url(application):
    return f"/en/join/application/{application.withdraw_token}/"


def test_the_applicant_answers_a_request_for_information_from_the_emailed_link(
    client, application, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_start_review(application=application, actor=staff_user)
        services.application_request_information(application=application, actor=staff_user, note="Which district?")
    link = re.search(r"http://127\.0\.0\.1:8000(/\S+/join/application/\S+/)", mail.outbox[-1].body).group(1)
    assert link.startswith("/ar/")  # the applicant's language
    page = client.get(link)
    assert "Which district?" in page.content.decode()
    assert client.post(link, {"action": "reply", "note": ""}).status_code == 400  # an empty answer
    client.post(link, {"action": "reply", "note": "The northern district."})
    application.refresh_from_db()
    assert application.state == State.RESUBMITTED
    assert application.events.last().note == "The northern district."


def test_the_applicant_can_withdraw_once(client, application):
    assert client.post(applicant_url(application), {"action": "withdraw", "note": "Changed plans"}).status_code == 302
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN
    again = client.post(applicant_url(application), {"action": "withdraw"})
    assert again.status_code == 400  # closed: a clear message, not an error page
    assert 'name="action" value="withdraw"' not in again.content.decode()


def test_a_reply_when_nothing_was_asked_is_refused(client, application):
    response = client.post(applicant_url(application), {"action": "reply", "note": "Hello"})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_unknown_tokens_are_not_found(client):
    assert client.get("/en/join/application/nope/").status_code == 404
