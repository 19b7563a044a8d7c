"""The admin side: the queue's filters and query count, the request page's steps and messages,
the anonymised Resource Hub draft, and the Expert Pool snippets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from accounts.models import Role, RoleAssignment
from accounts.services import role_grant
from cities.models import Country, Hub
from cities.tests.factories import CityFactory
from conftest import make_person
from helpdesk import services
from helpdesk.models import EventKind, Expert, State
from helpdesk.tests.conftest import area, ask

pytestmark = pytest.mark.django_db

QUEUE = "/admin/help-desk/"


def test_queue_filters(client, people, help_request):
    central = ask(people["practitioner"], people["practitioner"].roles.get().city, subject="Central question")
    urgent = ask(
        people["focal point of B"], people["city B"], subject="Urgent MENA", urgency="urgent", topic="risk-mapping"
    )
    client.force_login(people["staff"])

    def listed(query=""):
        html = client.get(QUEUE + query).content.decode()
        return {s for s in ("Youth outreach", "Central question", "Urgent MENA") if s in html}

    assert listed() == {"Youth outreach", "Central question", "Urgent MENA"}
    html = client.get(QUEUE).content.decode()
    assert html.index("Urgent MENA") < html.index("Youth outreach")  # urgent first
    assert listed("?hub=esa") == {"Youth outreach"}
    assert listed("?hub=central") == {"Central question"}
    assert listed("?topic=risk-mapping") == {"Urgent MENA"}
    assert listed("?urgency=urgent") == {"Urgent MENA"}
    assert listed("?min_days=3") == set()
    services.help_request_assign(request=central, assignee=people["staff"], actor=people["staff"])
    assert listed("?mine=1") == {"Central question"}
    services.help_request_answer(request=urgent, answer="Done", actor=people["staff"])
    assert listed() == {"Youth outreach", "Central question"}  # waiting ones by default
    assert listed("?state=answered") == {"Urgent MENA"}
    assert listed("?state=all") == {"Youth outreach", "Central question", "Urgent MENA"}
    assert client.get(QUEUE + "?min_days=abc&state=nonsense&urgency=x&hub=nowhere").status_code == 200
    # Hub staff see their hub's queue only, whatever the filters say.
    client.force_login(people["hub staff of another hub"])
    assert listed("?state=all&hub=esa") == set()
    assert listed("?state=all") == {"Urgent MENA"}


def test_the_queue_runs_a_bounded_number_of_queries(client, people, help_request):
    client.force_login(people["staff"])
    client.get(QUEUE)  # warm caches (site, locale, menu)
    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE).status_code == 200
    for n in range(6):
        city = CityFactory(country=Country.objects.get(code=["KE", "MA", "GH"][n % 3]))
        person = make_person(f"asker-{n}@example.org")
        role_grant(user=person, role=Role.FOCAL_POINT, city=city)
        created = ask(person, city, topic=["risk-mapping", "youth-engagement"][n % 2], subject=f"Q{n}")
        services.help_request_assign(request=created, assignee=people["staff"], actor=people["staff"])
    client.get(QUEUE)  # new authorities invalidate the site's cached figures: warm them again
    with CaptureQueriesContext(connection) as many:
        assert client.get(QUEUE).content.decode().count("/admin/help-desk/") >= 7
    assert len(many) == len(few)


def test_the_member_list_runs_a_bounded_number_of_queries(client, people, help_request):
    asker = people["focal point of A"]
    client.force_login(asker)
    client.get("/en/help/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/help/")
    for n in range(5):
        created = ask(asker, people["city A"], subject=f"More {n}")
        services.help_request_refer(request=created, expert=people["another expert"].expert, actor=people["staff"])
    with CaptureQueriesContext(connection) as many:
        assert "More 4" in client.get("/en/help/").content.decode()
    assert len(many) == len(few)


def test_the_request_page_shows_expert_suggestions_with_reasons(client, people, help_request):
    client.force_login(people["hub staff of A's hub"])
    response = client.get(f"{QUEUE}{help_request.pk}/")
    suggested = [suggestion.expert.user for suggestion in response.context["suggestions"]]
    assert suggested == [people["referred expert"], people["another expert"]]  # the ESA expert first
    html = response.content.decode()
    assert "Expertise in" in html and "Works in the region" in html


def test_steps_from_the_admin_page_and_their_messages(client, people, help_request):
    hub_staff = people["hub staff of A's hub"]
    client.force_login(hub_staff)
    detail = f"{QUEUE}{help_request.pk}/"
    response = client.post(detail + "act/", {"action": "assign", "assign-assignee": hub_staff.pk}, follow=True)
    assert "assigned to" in response.content.decode()
    # An empty answer: a message next to the field, the note typed elsewhere is not needed.
    response = client.post(detail + "act/", {"action": "answer", "answer-answer": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    # A colleague of another hub: refused next to the field.
    response = client.post(
        detail + "act/",
        {"action": "assign", "assign-assignee": people["hub staff of another hub"].pk, "assign-note": "kept"},
    )
    assert response.status_code == 400 and "kept" in response.content.decode()
    # A tampered action or a step out of order: a message, never a 500.
    response = client.post(detail + "act/", {"action": "publish-everything"}, follow=True)
    assert "Unknown action" in response.content.decode()
    client.post(detail + "act/", {"action": "answer", "answer-answer": "Here is how."})
    help_request.refresh_from_db()
    assert help_request.state == State.ANSWERED
    response = client.post(detail + "act/", {"action": "refer", "refer-expert": people["another expert"].expert.pk})
    assert response.status_code == 400 and "waiting for an answer" in response.content.decode()
    response = client.post(detail + "act/", {"action": "answer", "answer-answer": "Again"})
    assert response.status_code == 400 and "cannot go from" in response.content.decode()
    response = client.post(detail + "act/", {"action": "close"}, follow=True)
    help_request.refresh_from_db()
    assert help_request.state == State.CLOSED


def test_the_anonymised_draft(client, people, help_request):
    staff = people["staff"]
    services.help_request_answer(request=help_request, answer="City A started with schools.", actor=staff)
    client.force_login(staff)
    url = f"{QUEUE}{help_request.pk}/draft/"
    response = client.get(url)
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert "City A" not in initial["question"] and "[…]" in initial["question"]
    assert "City A" not in initial["answer"]
    assert "Remove the names" in response.content.decode()
    # The confirmation is required, and nothing typed is lost.
    response = client.post(url, {"title": "Youth councils", "question": "How to start?", "answer": "With schools."})
    assert response.status_code == 400 and "With schools." in response.content.decode()
    response = client.post(
        url, {"title": "Youth councils", "question": "How to start?", "answer": "With schools.", "confirm": "on"}
    )
    assert response.status_code == 302
    help_request.refresh_from_db()
    page = help_request.resource_page.specific
    assert page.title == "Youth councils" and not page.live
    assert "With schools." in str(page.body) and "City A" not in str(page.body)
    assert help_request.events.filter(kind=EventKind.DRAFTED).count() == 1
    # Refused twice: in the page and in the service.
    pages = Page.objects.count()
    response = client.post(url, {"title": "Again", "question": "Q", "answer": "A", "confirm": "on"}, follow=True)
    assert "already made" in response.content.decode()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.help_request_publish_draft(request=help_request, actor=staff, title="T", question="Q", answer="A")
    assert Page.objects.count() == pages


def test_no_draft_before_an_answer(client, people, help_request):
    client.force_login(people["staff"])
    response = client.get(f"{QUEUE}{help_request.pk}/draft/", follow=True)
    assert "Only an answered request" in response.content.decode()
    help_request.refresh_from_db()
    assert help_request.resource_page is None


def test_the_expert_pool_snippets_give_and_take_the_expert_role(client, people):
    client.force_login(people["staff"])
    assert client.get("/admin/snippets/helpdesk/expert/add/").status_code == 200
    listing = client.get(f"/admin/snippets/helpdesk/expert/?available=true&areas={area('youth-engagement').pk}")
    assert listing.status_code == 200 and "Expert" in listing.content.decode()
    person = make_person("new-expert@example.org")
    response = client.post(
        "/admin/snippets/helpdesk/expert/add/",
        {"user": person.pk, "available": "on", "areas": [area("risk-mapping").pk], "bio": "Mapping"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    expert = Expert.objects.get(user=person)
    assert RoleAssignment.objects.filter(user=person, role=Role.EXPERT).exists()
    response = client.post(
        f"/admin/snippets/helpdesk/expert/edit/{expert.pk}/", {"user": person.pk, "bio": "Still mapping"}
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=person, role=Role.EXPERT).count() == 1
    response = client.post(f"/admin/snippets/helpdesk/expert/delete/{expert.pk}/")
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(user=person, role=Role.EXPERT).exists()
    # Hub staff do not manage the pool.
    client.force_login(people["hub staff of A's hub"])
    assert client.get("/admin/snippets/helpdesk/expert/").status_code in (302, 403)


def test_hub_staff_see_the_help_desk_menu_and_members_do_not(client, people):
    client.force_login(people["hub staff of A's hub"])
    assert QUEUE in client.get("/admin/").content.decode()
    client.force_login(people["staff"])
    html = client.get("/admin/").content.decode()
    assert QUEUE in html and "/admin/snippets/helpdesk/expert/" in html
    assert Hub.objects.count() >= 5


@pytest.mark.parametrize("value", ["9" * 30, "99999999", "-99999999999999999999"])
def test_a_huge_waiting_time_filter_is_not_an_error(client, people, help_request, value):
    client.force_login(people["staff"])
    assert client.get(QUEUE + "?min_days=" + value).status_code == 200
