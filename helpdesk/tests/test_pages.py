"""The member pages: asking (and bad input), following up on an answer, Arabic."""

import pytest
from django.core import mail

from accounts.models import Role
from accounts.services import role_grant
from cities.models import PracticeArea
from helpdesk import services
from helpdesk.models import HelpRequest, State

pytestmark = pytest.mark.django_db


def ask_data(**extra):
    data = {
        "topic": PracticeArea.objects.get(code="youth-engagement").pk,
        "language": "fr",
        "urgency": "urgent",
        "subject": "Conseil des jeunes",
        "question": "Comment commencer ?",
    }
    data.update(extra)
    return data


def test_asking_routes_the_question_and_e_mails_the_hub(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["focal point of A"])
    form = client.get("/en/help/ask/").content.decode()
    assert 'value="en" selected' in form  # the current language by default
    assert "You ask for <bdi>City A</bdi>" in form  # one authority: nothing to choose (its name isolated)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/help/ask/", ask_data())
    created = HelpRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/help/{created.pk}/"
    assert (created.city, created.hub.code, created.language, created.urgency) == (
        people["city A"],
        "esa",
        "fr",
        "urgent",
    )
    # Hub staff who have not confirmed a code in a session today are told too (the second factor
    # holds back only what the signed-in person may do on a page).
    assert sorted(m.to for m in mail.outbox) == [["esa-hub-no-code@example.org"], ["esa-hub@example.org"]]
    assert "Urgent" in mail.outbox[0].subject


def test_bad_input_is_explained_next_to_the_field_and_nothing_is_lost(client, people):
    client.force_login(people["focal point of A"])
    response = client.post("/en/help/ask/", ask_data(subject="", topic="999999", urgency="yesterday"))
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count('class="errorlist"') >= 3
    assert "Comment commencer ?" in html  # the question typed is kept
    assert HelpRequest.objects.count() == 0


def test_someone_with_two_authorities_chooses_and_cannot_pick_another(client, people):
    focal_b = people["focal point of B"]
    role_grant(user=focal_b, role=Role.PRACTITIONER, city=people["city A"])
    client.force_login(focal_b)
    assert 'name="city"' in client.get("/en/help/ask/").content.decode()
    not_theirs = people["practitioner"].roles.get().city
    response = client.post("/en/help/ask/", ask_data(city=not_theirs.pk))
    assert response.status_code == 400 and HelpRequest.objects.count() == 0
    client.post("/en/help/ask/", ask_data(city=people["city A"].pk))
    assert HelpRequest.objects.get().hub.code == "esa"


def test_the_polite_page_says_who_can_ask(client, people):
    client.force_login(people["hub staff of another hub"])
    response = client.get("/en/help/ask/")
    assert response.status_code == 403
    assert "focal points and practitioners" in response.content.decode()
    assert client.post("/en/help/ask/", ask_data()).status_code == 403


def test_the_asker_says_whether_the_answer_solved_it(client, people, help_request):
    asker = people["focal point of A"]
    services.help_request_answer(request=help_request, answer="Try a forum.", actor=people["referred expert"])
    client.force_login(asker)
    url = f"/en/help/{help_request.pk}/"
    page = client.get(url).content.decode()
    assert "Try a forum." in page and "Did this answer your question?" in page
    # Not solved without saying why: a message next to the field.
    response = client.post(url, {"action": "not-solved", "follow-up-note": ""})
    assert response.status_code == 400 and "still missing" in response.content.decode()
    client.post(url, {"action": "not-solved", "follow-up-note": "We also need a budget."})
    help_request.refresh_from_db()
    assert help_request.state == State.OPEN
    services.help_request_answer(request=help_request, answer="Here is a budget.", actor=people["staff"])
    client.post(url, {"action": "solved"})
    help_request.refresh_from_db()
    assert help_request.state == State.CLOSED
    # Tampered actions and steps out of order: a message, never a 500.
    assert client.post(url, {"action": "delete-everything"}).status_code == 400
    response = client.post(url, {"action": "solved"})
    assert response.status_code == 400 and "cannot go from" in response.content.decode()


def test_internal_notes_stay_internal(client, people, help_request):
    client.force_login(people["focal point of A"])
    html = client.get(f"/en/help/{help_request.pk}/").content.decode()
    assert "Referred to an expert" in html and "Please help" not in html  # the referral note is for staff
    client.force_login(people["referred expert"])
    html = client.get(f"/en/help/{help_request.pk}/").content.decode()
    assert "Focal-A" not in html  # the expert sees the question, not who asked
    assert 'name="answer-answer"' in html


def test_member_and_admin_pages_in_arabic(client, people, help_request):
    client.force_login(people["focal point of A"])
    for url in ("/ar/help/", "/ar/help/ask/", f"/ar/help/{help_request.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'dir="rtl"' in response.content.decode() and 'lang="ar"' in response.content.decode()
    from wagtail.users.models import UserProfile

    staff = people["staff"]
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "ar"  # the admin's own language setting
    profile.save()
    client.force_login(staff)
    for url in ("/admin/help-desk/", f"/admin/help-desk/{help_request.pk}/"):
        response = client.get(url)
        assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
