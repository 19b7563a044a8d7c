import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from memberships import services
from memberships.models import State
from memberships.tests.test_join import pdf_bytes

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
    assert client.post(link, {"action": "reply", "reply-note": ""}).status_code == 400  # an empty answer
    client.post(link, {"action": "reply", "reply-note": "The northern district."})
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
    response = client.post(applicant_url(application), {"action": "reply", "reply-note": "Hello"})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_unknown_tokens_are_not_found(client):
    assert client.get("/en/join/application/nope/").status_code == 404


@pytest.fixture
def asked(application, staff_user):
    services.application_start_review(application=application, actor=staff_user)
    services.application_request_information(application=application, actor=staff_user, note="Please sign the letter.")
    return application


def test_the_applicant_sends_a_new_letter_with_the_answer_and_the_first_one_is_kept(client, asked, staff_user):
    first = asked.letter.name
    new = SimpleUploadedFile("signed.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(applicant_url(asked), {"action": "reply", "reply-note": "Signed now.", "reply-letter": new})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.state == State.RESUBMITTED
    assert asked.letter.name != first
    letters = [event.letter.name for event in asked.events.exclude(letter="")]
    assert letters == [first, asked.letter.name]  # both stored, each with the step that brought it
    assert asked.letter.storage.exists(first)
    client.force_login(staff_user)
    assert client.get(f"/en/join/letters/{asked.pk}/").status_code == 200


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00 not a pdf", b"<html><script>alert(1)</script></html>", b""], ids=["exe", "html", "empty"]
)
def test_a_bad_replacement_letter_is_refused_and_the_answer_is_kept(client, asked, content):
    first = asked.letter.name
    bad = SimpleUploadedFile("letter.pdf", content, content_type="application/pdf")
    response = client.post(applicant_url(asked), {"action": "reply", "reply-note": "Signed now.", "reply-letter": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Signed now." in html  # what was typed is still there
    assert 'id="reply-letter_errors"' in html or "reply-letter" in html
    asked.refresh_from_db()
    assert asked.state == State.MORE_INFO and asked.letter.name == first


def test_a_good_letter_is_kept_when_the_answer_is_missing(client, asked):
    upload = SimpleUploadedFile("signed.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(applicant_url(asked), {"action": "reply", "reply-note": "", "reply-letter": upload})
    assert response.status_code == 400
    token = response.context["reply_form"].data["reply-pending_letter"]
    assert "signed.pdf" in response.content.decode()
    fixed = client.post(
        applicant_url(asked), {"action": "reply", "reply-note": "Here it is.", "reply-pending_letter": token}
    )
    assert fixed.status_code == 302
    asked.refresh_from_db()
    assert asked.state == State.RESUBMITTED
    assert asked.events.last().letter.name == asked.letter.name != ""


@pytest.mark.parametrize("kind", ["aes-256", "inflates"])
def test_a_locked_or_inflating_replacement_letter_gets_a_clear_message(client, asked, kind):
    from memberships.tests.test_join import bomb_pdf_bytes, encrypted_pdf_bytes

    content, message = {
        "aes-256": (encrypted_pdf_bytes(), "password-protected"),
        "inflates": (bomb_pdf_bytes(), "cannot be read"),
    }[kind]
    bad = SimpleUploadedFile("letter.pdf", content, content_type="application/pdf")
    response = client.post(applicant_url(asked), {"action": "reply", "reply-note": "Signed now.", "reply-letter": bad})
    assert response.status_code == 400
    assert message in " ".join(response.context["reply_form"].errors["letter"])
    assert "Signed now." in response.content.decode()
    asked.refresh_from_db()
    assert asked.state == State.MORE_INFO


def _age(application, days):
    from django.utils import timezone

    from memberships.models import JoinApplication

    JoinApplication.objects.filter(pk=application.pk).update(updated_at=timezone.now() - timezone.timedelta(days=days))


@pytest.mark.parametrize(
    "decided, days, works",
    [(False, 89, True), (False, 91, False), (True, 29, True), (True, 31, False)],
    ids=["open-89-days", "open-91-days", "decided-29-days", "decided-31-days"],
)
def test_the_applicant_link_expires(client, application, decided, days, works):
    if decided:
        services.application_withdraw(application=application, note="")
    _age(application, days)
    response = client.get(applicant_url(application))
    assert response.status_code == (200 if works else 410)
    if not works:
        text = response.content.decode()
        assert "This link has expired" in text and "network@example.org" in text
        assert 'name="action"' not in text
        withdraw = client.post(applicant_url(application), {"action": "withdraw"})
        assert withdraw.status_code == 410
        application.refresh_from_db()
        assert application.state == (State.WITHDRAWN if decided else State.SUBMITTED)


def test_the_expired_page_is_translated(client, application):
    _age(application, 200)
    response = client.get(f"/ar/join/application/{application.withdraw_token}/")
    assert response.status_code == 410 and 'dir="rtl"' in response.content.decode()
