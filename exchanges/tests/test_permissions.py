"""The permission matrix for exchanges: every role × the list, the page, the thread, each
action and the Resource Hub draft, on an exchange between city A (Kenya, ESA hub) and city B
(Morocco, MENA hub), one between A and the joining town (both ESA), and one between two
cities nobody here belongs to (France and Germany, served by the central team)."""

import pytest

from conftest import ROLES, as_role
from exchanges import services
from exchanges.models import ExchangeMessage, ExchangeRequest, State
from exchanges.tests.conftest import request_exchange

# Run as in production: staff privileges need a code confirmed in the session (`as_role` confirms
# one for every staff role but the two "without a second factor").
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

ALL_ROLES = [*ROLES, "practitioner of A"]
READERS = {
    "A-B": {
        "focal point of A",
        "focal point of B",
        "practitioner of A",
        "hub staff of A's hub",
        "hub staff of another hub",  # city B is in their hub
        "staff",
    },
    "A-joining": {"focal point of A", "practitioner of A", "hub staff of A's hub", "staff"},
    "C-D": {"staff"},
}
WRITERS = {"focal point of A", "focal point of B", "practitioner of A", "staff"}


@pytest.fixture
def exchanges(exchange, elsewhere, people):
    joining = type(people["city A"]).objects.get(slug="joining-town")
    return {
        "A-B": exchange,
        "A-joining": request_exchange(people["city A"], joining, people["focal point of A"]),
        "C-D": elsewhere,
    }


def as_(client, people, role):
    return as_role(client, people, role)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_list_shows_each_person_the_exchanges_they_may_read(client, people, exchanges, role):
    response = as_(client, people, role).get("/en/exchanges/")
    if role == "anonymous":
        assert response.status_code == 302 and "/account/sign-in/" in response.url
        return
    assert response.status_code == 200
    listed = {e.pk for e in response.context["exchanges"]}
    expected = {exchanges[name].pk for name, readers in READERS.items() if role in readers}
    assert listed == expected


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", ["A-B", "A-joining", "C-D"])
def test_the_exchange_page_is_for_its_readers_only(client, people, exchanges, role, name):
    response = as_(client, people, role).get(f"/en/exchanges/{exchanges[name].pk}/")
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in READERS[name] else 404)
    # An exchange that does not exist looks the same as one the person may not read.
    missing = client.get("/en/exchanges/999999/")
    assert missing.status_code == (302 if role == "anonymous" else 404)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_page_offers_exactly_the_buttons_the_viewer_may_use(client, people, exchange, role):
    response = as_(client, people, role).get(f"/en/exchanges/{exchange.pk}/")
    if response.status_code != 200:
        return
    text = response.content.decode()
    assert ('value="accept"' in text) == (role in {"focal point of B", "staff"})
    assert ('value="decline"' in text) == (role in {"focal point of B", "staff"})
    assert ('value="cancel"' in text) == (role in {"focal point of A", "staff"})
    assert ('name="body"' in text) == (role in WRITERS)


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", ["A-B", "C-D"])
def test_only_the_two_cities_and_staff_write_in_the_thread(client, people, exchanges, role, name):
    exchange = exchanges[name]
    response = as_(client, people, role).post(f"/en/exchanges/{exchange.pk}/messages/", {"body": f"From {role}"})
    may_write = role == "staff" or (name == "A-B" and role in WRITERS)
    posted = ExchangeMessage.objects.filter(exchange=exchange, body=f"From {role}").exists()
    assert posted == may_write
    if role == "anonymous":
        assert response.status_code == 302
    elif may_write:
        assert response.status_code == 302
    elif role in READERS[name]:
        assert response.status_code == 403  # hub staff read the thread but do not write in it
    else:
        assert response.status_code == 404


# action, the state the exchange is brought to first, who may take the action from there
ACTIONS = [
    ("accept", State.REQUESTED, {"focal point of B", "staff"}),
    ("decline", State.REQUESTED, {"focal point of B", "staff"}),
    ("cancel", State.REQUESTED, {"focal point of A", "staff"}),
    ("start", State.ACCEPTED, {"focal point of A", "focal point of B", "staff"}),
    ("cancel", State.ACCEPTED, {"focal point of A", "focal point of B", "staff"}),
    ("complete", State.UNDER_WAY, {"focal point of A", "focal point of B", "staff"}),
    ("cancel", State.UNDER_WAY, {"focal point of A", "focal point of B", "staff"}),
]


def bring_to(exchange, state, people):
    if state in (State.ACCEPTED, State.UNDER_WAY):
        services.exchange_accept(exchange=exchange, actor=people["focal point of B"])
    if state == State.UNDER_WAY:
        services.exchange_start(exchange=exchange, actor=people["focal point of B"])


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("action", "start", "allowed"), ACTIONS)
def test_each_action_is_for_the_right_side_only(client, people, exchange, role, action, start, allowed):
    bring_to(exchange, start, people)
    response = as_(client, people, role).post(
        f"/en/exchanges/{exchange.pk}/act/", {"action": action, "learning_note": "What we learned (demo).", "note": ""}
    )
    exchange.refresh_from_db()
    assert (exchange.state != start) == (role in allowed)
    if role == "anonymous":
        expected = 302
    elif role in allowed:
        expected = 302
    elif role not in READERS["A-B"]:
        expected = 404  # never reveal that the exchange exists
    elif role in {"focal point of A", "focal point of B"}:
        expected = 400  # a party, but this step is the other side's: a message says whose
    else:
        expected = 403  # a reader who is not a party
    assert response.status_code == expected
    if expected in (400, 403):
        assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_nobody_but_staff_acts_on_other_cities_exchanges(client, people, elsewhere, role):
    response = as_(client, people, role).post(f"/en/exchanges/{elsewhere.pk}/act/", {"action": "accept"})
    elsewhere.refresh_from_db()
    assert (elsewhere.state == State.ACCEPTED) == (role == "staff")
    assert response.status_code == {"anonymous": 302, "staff": 302}.get(role, 404)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_request_form_is_for_focal_points(client, people, role):
    page = as_(client, people, role).get("/en/exchanges/new/?to=city-b")
    if role == "anonymous":
        assert page.status_code == 302
        return
    assert page.status_code == 200
    assert ('name="message"' in page.content.decode()) == (role in {"focal point of A", "focal point of B"})
    client.post("/en/exchanges/new/", {"partner": "city-c", "areas": ["youth-engagement"], "message": "Hello"})
    made = ExchangeRequest.objects.filter(partner__slug="city-c").first()
    assert (made is not None) == (role in {"focal point of A", "focal point of B"})


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_staff_make_a_resource_hub_draft(client, people, exchange, role):
    bring_to(exchange, State.UNDER_WAY, people)
    services.exchange_complete(exchange=exchange, actor=people["focal point of A"], learning_note="Learned (demo).")
    response = as_(client, people, role).post(f"/en/exchanges/{exchange.pk}/resource/")
    exchange.refresh_from_db()
    assert (exchange.resource_page_id is not None) == (role == "staff")
    if role not in ("anonymous", "staff"):
        assert response.status_code == 404
