"""The exchange pages: the whole lifecycle through the site, bad input (a clear message next to
the field, nothing typed lost, never a 500), tampered posts, CSRF and bounded list queries."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cities.models import City, Stage
from cities.services import city_change_stage
from exchanges import services
from exchanges.models import ExchangeMessage, ExchangeRequest, State
from exchanges.tests.conftest import request_exchange

pytestmark = pytest.mark.django_db

NEW = "/en/exchanges/new/"


def html(response) -> str:
    return response.content.decode()


def request_post(people, **extra):
    data = {"partner": "city-b", "areas": ["youth-engagement"], "message": "We would like to learn (demo)."}
    data.update(extra)
    return data


def test_the_whole_exchange_through_the_pages(client, people, django_capture_on_commit_callbacks):
    # Focal point of A opens B's request form from a profile or a suggestion, prefilled.
    client.force_login(people["focal point of A"])
    form = client.get(f"{NEW}?to=city-b&area=youth-engagement&area=schools-education")
    assert form.status_code == 200
    text = html(form)
    assert '<option value="city-b" selected>' in text
    assert 'value="youth-engagement"' in text and re.search(r'value="youth-engagement"[^>]*checked', text)
    assert re.search(r'value="schools-education"[^>]*checked', text)
    assert not re.search(r'value="prevention-network"[^>]*checked', text)
    assert 'type="hidden" name="requester" value="city-a"' in text  # one city: no choice to make
    assert '<option value="city-a"' not in text  # one does not ask oneself
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(NEW, request_post(people, areas=["youth-engagement", "schools-education"]))
    exchange = ExchangeRequest.objects.get()
    assert sent.status_code == 302 and sent.url == f"/en/exchanges/{exchange.pk}/"
    assert exchange.requester == people["city A"] and exchange.partner == people["city B"]
    assert [m.to for m in mail.outbox] == [["focal-b@example.org"]]
    page = client.get(sent.url)
    assert "Your request is sent" in html(page) and "We would like to learn (demo)." in html(page)
    assert 'value="accept"' not in html(page)  # A waits for B
    assert 'value="cancel"' in html(page)  # but may withdraw its request

    # Focal point of B accepts and writes.
    client.force_login(people["focal point of B"])
    page = client.get(sent.url)
    assert 'value="accept"' in html(page) and 'value="decline"' in html(page) and 'value="cancel"' not in html(page)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{sent.url}act/", {"action": "accept"}).status_code == 302
        posted = client.post(f"{sent.url}messages/", {"body": "Welcome! Monday at 10?"})
    assert posted.status_code == 302 and posted.url.endswith("#thread")
    assert ExchangeMessage.objects.get().author_city == people["city B"]

    # A marks it under way; B completes it with a learning note.
    client.force_login(people["focal point of A"])
    assert "Welcome! Monday at 10?" in html(client.get(sent.url))
    assert client.post(f"{sent.url}act/", {"action": "start"}).status_code == 302
    client.force_login(people["focal point of B"])
    done = client.post(f"{sent.url}act/", {"action": "complete", "learning_note": "Pay youth facilitators."})
    assert done.status_code == 302
    exchange.refresh_from_db()
    assert exchange.state == State.COMPLETED and exchange.learning_note == "Pay youth facilitators."
    assert "Make a draft Resource Hub item" not in html(client.get(sent.url))  # staff only

    # Staff make the draft Resource Hub item, once.
    client.force_login(people["staff"])
    page = client.get(sent.url)
    assert "Make a draft Resource Hub item" in html(page)
    assert client.post(f"{sent.url}resource/").status_code == 302
    exchange.refresh_from_db()
    assert exchange.resource_page is not None and not exchange.resource_page.live
    page = client.get(sent.url)
    assert "Make a draft Resource Hub item" not in html(page)
    assert f"/admin/pages/{exchange.resource_page_id}/edit/" in html(page)
    again = client.post(f"{sent.url}resource/", follow=True)
    assert "already made" in html(again)
    assert Page.objects.filter(pk=exchange.resource_page_id).count() == 1
    history = [(e.from_state, e.to_state) for e in exchange.events.all()]
    assert history == [
        ("", "requested"),
        ("requested", "accepted"),
        ("accepted", "under-way"),
        ("under-way", "completed"),
    ]


def test_arabic_pages_are_right_to_left(client, exchange, people):
    client.force_login(people["focal point of B"])
    page = client.get(f"/ar/exchanges/{exchange.pk}/")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html(page)
    assert 'action="/ar/exchanges/' in html(page)


# --- Bad input on the request form --------------------------------------------------------


def _error_near(response, field_id: str) -> str:
    """The field wrapper around the input `field_id`: its label, help, errors and the input itself."""
    text = html(response)
    found = re.search(rf'<(?:input|select|textarea)[^>]*id="{field_id}"', text)
    assert found, f"no input {field_id}"
    start = max(
        text.rfind('<div class="field', 0, found.start()), text.rfind('<fieldset class="field', 0, found.start())
    )
    return text[start : found.end()]


def test_asking_oneself_is_refused_next_to_the_field_and_nothing_is_lost(client, people):
    client.force_login(people["focal point of A"])
    response = client.post(NEW, request_post(people, partner="city-a", message="Keep this text (demo)."))
    assert response.status_code == 400
    assert "cannot ask itself" in _error_near(response, "id_partner") and "field--error" in _error_near(
        response, "id_partner"
    )
    assert "Keep this text (demo)." in html(response)
    assert re.search(r'value="youth-engagement"[^>]*checked', html(response))
    assert not ExchangeRequest.objects.exists()


def test_asking_twice_on_the_same_area_names_it_next_to_the_areas(client, exchange, people):
    client.force_login(people["focal point of B"])
    response = client.post(NEW, request_post(people, partner="city-a", areas=["youth-engagement", "risk-mapping"]))
    assert response.status_code == 400
    assert "already open on: Youth engagement" in html(response)
    assert "field--error" in _error_near(response, "id_areas_0")
    assert ExchangeRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"areas": []}, "id_areas_0", "at least one practice area"),
        ({"areas": ["not-an-area"]}, "id_areas_0", "from the list"),
        ({"message": ""}, "id_message", "short message"),
        ({"message": "x" * 4001}, "id_message", "4000"),
        ({"partner": ""}, "id_partner", "Choose the city"),
        ({"partner": "no-such-city"}, "id_partner", "from the list"),
    ],
)
def test_bad_requests_get_a_message_next_to_the_field(client, people, changes, field, message):
    client.force_login(people["focal point of A"])
    response = client.post(NEW, request_post(people, **changes))
    assert response.status_code == 400
    assert message in _error_near(response, field)
    assert not ExchangeRequest.objects.exists()


def test_a_suspended_city_cannot_be_asked_even_by_hand(client, people):
    city_change_stage(city=people["city B"], to=Stage.SUSPENDED, actor=people["staff"])
    client.force_login(people["focal point of A"])
    form = client.get(f"{NEW}?to=city-b")
    assert '<option value="city-b"' not in html(form)
    response = client.post(NEW, request_post(people))
    assert response.status_code == 400 and "field--error" in _error_near(response, "id_partner")
    # Staff who are also a focal point see suspended cities; the service says why.
    from accounts.models import Role
    from accounts.services import role_grant

    role_grant(user=people["staff"], role=Role.FOCAL_POINT, city=people["city A"])
    client.force_login(people["staff"])
    response = client.post(NEW, request_post(people, requester="city-a"))
    assert response.status_code == 400 and "not an active member" in _error_near(response, "id_partner")
    assert not ExchangeRequest.objects.exists()


def test_someone_who_is_not_a_focal_point_cannot_ask(client, people):
    client.force_login(people["practitioner of A"])
    page = client.get(f"{NEW}?to=city-b")
    assert page.status_code == 200 and "Only a city's focal point" in html(page) and "<textarea" not in html(page)
    response = client.post(NEW, request_post(people, requester="city-a"))
    assert response.status_code == 403 and not ExchangeRequest.objects.exists()


def test_a_focal_point_of_two_cities_chooses_which_one_asks(client, people):
    from accounts.models import Role
    from accounts.services import role_grant

    focal_a = people["focal point of A"]
    role_grant(user=focal_a, role=Role.FOCAL_POINT, city=people["city C"])
    client.force_login(focal_a)
    form = html(client.get(NEW))
    assert '<select name="requester"' in form
    response = client.post(NEW, request_post(people, requester="city-d"))  # not theirs
    assert response.status_code == 400 and "focal point of" in _error_near(response, "id_requester")
    assert client.post(NEW, request_post(people, requester="city-c")).status_code == 302
    assert ExchangeRequest.objects.get().requester == people["city C"]


# --- Bad input on an exchange -----------------------------------------------------------


def _under_way(exchange, people):
    services.exchange_accept(exchange=exchange, actor=people["focal point of B"])
    services.exchange_start(exchange=exchange, actor=people["focal point of B"])


def test_completing_without_a_learning_note_keeps_the_page_and_says_why(client, exchange, people):
    _under_way(exchange, people)
    client.force_login(people["focal point of A"])
    response = client.post(f"/en/exchanges/{exchange.pk}/act/", {"action": "complete", "learning_note": "  "})
    assert response.status_code == 400
    assert "Write a short learning note" in _error_near(response, "complete-learning-note")
    long_note = "A long note (demo). " * 250
    response = client.post(f"/en/exchanges/{exchange.pk}/act/", {"action": "complete", "learning_note": long_note})
    assert response.status_code == 400 and "4,000" in _error_near(response, "complete-learning-note")
    assert long_note.strip() in html(response)  # what was typed is kept
    assert ExchangeRequest.objects.get().state == State.UNDER_WAY


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"action": "explode"}, "Unknown action"),
        ({}, "Unknown action"),
        ({"action": "complete", "learning_note": "Too early"}, "cannot become"),  # a state posted by hand
        ({"action": "accept"}, "Only the focal point of City B"),  # the requester's side
    ],
)
def test_tampered_actions_get_a_message_not_an_error(client, exchange, people, post, message):
    client.force_login(people["focal point of A"])
    response = client.post(f"/en/exchanges/{exchange.pk}/act/", post)
    assert response.status_code == 400 and message in html(response)
    assert ExchangeRequest.objects.get().state == State.REQUESTED


def test_an_empty_message_is_refused_and_a_long_one_is_kept(client, exchange, people):
    client.force_login(people["focal point of B"])
    response = client.post(f"/en/exchanges/{exchange.pk}/messages/", {"body": "   "})
    assert response.status_code == 400 and "Write a message" in _error_near(response, "id_body")
    long_body = "Long message (demo). " * 250
    response = client.post(f"/en/exchanges/{exchange.pk}/messages/", {"body": long_body})
    assert response.status_code == 400 and long_body.strip() in html(response)
    assert not ExchangeMessage.objects.exists()


def test_posts_need_the_csrf_token(exchange, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["focal point of B"])
    assert client.post(f"/en/exchanges/{exchange.pk}/act/", {"action": "accept"}).status_code == 403
    assert client.post(f"/en/exchanges/{exchange.pk}/messages/", {"body": "Hi"}).status_code == 403
    assert client.post(NEW, request_post(people, partner="city-a")).status_code == 403
    assert ExchangeRequest.objects.get().state == State.REQUESTED


def test_get_is_not_allowed_on_the_post_only_routes(client, exchange, people):
    client.force_login(people["focal point of B"])
    for suffix in ("act/", "messages/", "resource/"):
        assert client.get(f"/en/exchanges/{exchange.pk}/{suffix}").status_code == 405


# --- The list ---------------------------------------------------------------------------


def test_the_list_filters_by_state(client, exchange, people):
    other = request_exchange(people["city A"], people["city B"], people["focal point of A"], codes=("risk-mapping",))
    services.exchange_decline(exchange=other, actor=people["focal point of B"])
    client.force_login(people["focal point of A"])
    everything = client.get("/en/exchanges/")
    assert len(everything.context["exchanges"]) == 2
    assert [e.pk for e in client.get("/en/exchanges/?state=declined").context["exchanges"]] == [other.pk]
    assert [e.pk for e in client.get("/en/exchanges/?state=open").context["exchanges"]] == [exchange.pk]
    assert client.get("/en/exchanges/?state=<script>").status_code == 200  # ignored, not an error
    assert client.get("/en/exchanges/?page=999").status_code == 200


def _list_queries(client, url="/en/exchanges/") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html(response)
    return len(queries)


SECOND_AREA = {
    "youth-engagement": "victim-support",
    "schools-education": "mental-health",
    "risk-mapping": "crisis-response",
}


def _add_exchanges(people, count, *, codes=("youth-engagement", "schools-education", "risk-mapping")):
    """`count` more requests from city A (several areas and a message each) to B, C, D and the joining town."""
    partners = [people["city B"], people["city C"], people["city D"], City.objects.get(slug="joining-town")]
    pairs = [(partner, code) for code in codes for partner in partners]
    for partner, code in pairs[:count]:
        exchange = request_exchange(
            people["city A"],
            partner,
            people["focal point of A"],
            codes=(code, SECOND_AREA[code]),
        )
        services.exchange_message_post(exchange=exchange, author=people["focal point of A"], body="Hello (demo)")


@pytest.mark.parametrize("who", ["focal point of A", "hub staff of A's hub", "staff"])
def test_the_list_runs_a_bounded_number_of_queries(client, people, who):
    _add_exchanges(people, 2, codes=("youth-engagement",))
    client.force_login(people[who])
    _list_queries(client)  # the site's chrome caches a few things on the first page
    few = _list_queries(client)
    _add_exchanges(people, 8, codes=("schools-education", "risk-mapping"))
    client.force_login(people[who])
    many = _list_queries(client)
    assert len(client.get("/en/exchanges/").context["exchanges"]) == 10
    assert many == few, f"{few} queries with 2 exchanges, {many} with 10"


def test_emails_are_not_sent_before_the_request_is_saved(client, people, django_capture_on_commit_callbacks):
    client.force_login(people["focal point of A"])
    # E-mails leave on commit: run those callbacks, or "no e-mail" would hold whatever happened.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refused = client.post(NEW, request_post(people, areas=[]))
    assert refused.status_code == 400 and "Choose at least one practice area" in html(refused)
    assert not ExchangeRequest.objects.exists()
    assert callbacks == [] and mail.outbox == []
    # The same post with an area is saved and tells city B: the assertions above can fail.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(NEW, request_post(people))
    assert ExchangeRequest.objects.count() == 1
    assert callbacks and [m.to for m in mail.outbox] == [["focal-b@example.org"]]  # and the activity record
