"""The exchange workflow through its services: the steps, the audit trail, the e-mails,
every refusal of "Bad input", the database's own guards and the Resource Hub draft."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import Page

from cities.models import Stage
from cities.services import city_change_stage
from cities.tests.factories import CityFactory
from exchanges import services
from exchanges.models import ExchangeEvent, ExchangeMessage, ExchangeRequest, State
from exchanges.tests.conftest import MESSAGE, area, request_exchange

pytestmark = pytest.mark.django_db


def links(message) -> list[str]:
    return re.findall(r"https?://\S+/exchanges/\d+/", message.body)


# --- The lifecycle ----------------------------------------------------------------------


def test_request_accept_start_complete_is_recorded_step_by_step(people, django_capture_on_commit_callbacks):
    focal_a, focal_b = people["focal point of A"], people["focal point of B"]
    with django_capture_on_commit_callbacks(execute=True):
        exchange = request_exchange(
            people["city A"], people["city B"], focal_a, codes=("youth-engagement", "schools-education")
        )
        services.exchange_accept(exchange=exchange, actor=focal_b)
        services.exchange_message_post(exchange=exchange, author=focal_b, body="Welcome! Shall we talk on Monday?")
        services.exchange_start(exchange=exchange, actor=focal_a)
        services.exchange_complete(exchange=exchange, actor=focal_b, learning_note="Youth councils need a budget.")
    exchange.refresh_from_db()
    assert exchange.state == State.COMPLETED and exchange.previous_state == State.UNDER_WAY
    assert exchange.requested_by == focal_a and exchange.message == MESSAGE
    assert {a.code for a in exchange.areas.all()} == {"youth-engagement", "schools-education"}
    assert exchange.learning_note == "Youth councils need a budget."
    assert exchange.learning_note_by == focal_b and exchange.learning_note_at
    steps = list(exchange.events.values_list("from_state", "to_state", "actor__email", "actor_city__slug"))
    assert steps == [
        ("", "requested", "focal-a@example.org", "city-a"),
        ("requested", "accepted", "focal-b@example.org", "city-b"),
        ("accepted", "under-way", "focal-a@example.org", "city-a"),
        ("under-way", "completed", "focal-b@example.org", "city-b"),
    ]
    assert all(event.created_at for event in exchange.events.all())
    message = ExchangeMessage.objects.get()
    assert message.author == focal_b and message.author_city == people["city B"]
    # Each step tells the other side: request → B, accept → A, message → A, start → B, complete → A.
    assert [m.to for m in mail.outbox] == [
        ["focal-b@example.org"],
        ["focal-a@example.org"],
        ["focal-a@example.org"],
        ["focal-b@example.org"],
        ["focal-a@example.org"],
    ]
    assert "City A" in mail.outbox[0].subject and MESSAGE in mail.outbox[0].body
    assert "Youth engagement" in mail.outbox[0].body and "Schools and education" in mail.outbox[0].body
    assert "Welcome! Shall we talk on Monday?" in mail.outbox[2].body
    assert "Youth councils need a budget." in mail.outbox[4].body
    assert all(links(m) == [f"http://127.0.0.1:8000/en/exchanges/{exchange.pk}/"] for m in mail.outbox)
    assert all(m.alternatives and "<html" in m.alternatives[0][0] for m in mail.outbox)


def test_the_partner_declines_with_a_reason(exchange, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.exchange_decline(exchange=exchange, actor=people["focal point of B"], note="Not this year, sorry.")
    assert exchange.state == State.DECLINED
    assert exchange.events.last().note == "Not this year, sorry."
    assert [m.to for m in mail.outbox] == [["focal-a@example.org"]]
    assert "Not this year, sorry." in mail.outbox[0].body


def test_the_requester_withdraws_a_request_but_the_partner_cannot_cancel_it(exchange, people):
    with pytest.raises(ValidationError) as refused:
        services.exchange_cancel(exchange=exchange, actor=people["focal point of B"])
    assert "City A" in " ".join(refused.value.messages)
    services.exchange_cancel(exchange=exchange, actor=people["focal point of A"], note="We found help nearby.")
    assert ExchangeRequest.objects.get().state == State.CANCELLED


@pytest.mark.parametrize("who", ["focal point of A", "focal point of B", "staff"])
def test_either_side_or_staff_cancels_an_exchange_under_way(exchange, people, who):
    services.exchange_accept(exchange=exchange, actor=people["focal point of B"])
    services.exchange_start(exchange=exchange, actor=people["focal point of B"])
    services.exchange_cancel(exchange=exchange, actor=people[who], note="Plans changed.")
    assert ExchangeRequest.objects.get().state == State.CANCELLED


def test_staff_may_take_any_allowed_step_and_both_sides_are_told(exchange, people, django_capture_on_commit_callbacks):
    staff = people["staff"]
    with django_capture_on_commit_callbacks(execute=True):
        services.exchange_accept(exchange=exchange, actor=staff)
        services.exchange_start(exchange=exchange, actor=staff)
        services.exchange_complete(exchange=exchange, actor=staff, learning_note="Noted by the Management Unit.")
    assert exchange.state == State.COMPLETED
    assert exchange.events.last().actor_city is None
    # One e-mail per side (and language): the two cities' addresses are never put together.
    assert sorted(tuple(m.to) for m in mail.outbox) == sorted([("focal-a@example.org",), ("focal-b@example.org",)] * 3)


# --- Bad input --------------------------------------------------------------------------


def test_a_city_cannot_ask_itself(people):
    with pytest.raises(ValidationError) as refused:
        request_exchange(people["city A"], people["city A"], people["focal point of A"])
    assert "itself" in refused.value.message_dict["partner"][0]
    assert not ExchangeRequest.objects.exists()


@pytest.mark.parametrize("stage", [Stage.SUSPENDED, Stage.LEFT, Stage.APPLICANT])
def test_a_city_that_is_not_an_active_member_cannot_be_asked(people, stage):
    partner = CityFactory(slug="city-x", name="City X", country=people["city B"].country, stage=stage)
    with pytest.raises(ValidationError) as refused:
        request_exchange(people["city A"], partner, people["focal point of A"])
    assert "not an active member" in refused.value.message_dict["partner"][0]
    assert not ExchangeRequest.objects.exists()


def test_a_joining_city_can_be_asked(people):
    joining = people["city A"].__class__.objects.get(slug="joining-town")
    assert request_exchange(people["city A"], joining, people["focal point of A"]).state == State.REQUESTED


def test_a_suspended_city_cannot_ask(people):
    city_a = city_change_stage(city=people["city A"], to=Stage.SUSPENDED, actor=people["staff"])
    with pytest.raises(ValidationError) as refused:
        request_exchange(city_a, people["city B"], people["focal point of A"])
    assert "requester" in refused.value.message_dict


@pytest.mark.parametrize("direction", ["same", "reverse"])
def test_no_second_request_on_the_same_areas_while_one_is_open(exchange, people, direction):
    city_a, city_b = people["city A"], people["city B"]
    asker, partner, actor = (
        (city_a, city_b, people["focal point of A"])
        if direction == "same"
        else (city_b, city_a, people["focal point of B"])
    )
    with pytest.raises(ValidationError) as refused:
        request_exchange(asker, partner, actor, codes=("schools-education", "youth-engagement"))
    message = refused.value.message_dict["areas"][0]
    assert "already open on: Youth engagement." in message and "Schools" not in message
    assert ExchangeRequest.objects.count() == 1
    # Other areas are fine; so are the same ones once the first exchange is closed.
    request_exchange(asker, partner, actor, codes=("schools-education",))
    services.exchange_decline(exchange=exchange, actor=people["focal point of B"])
    request_exchange(asker, partner, actor, codes=("youth-engagement",))
    assert ExchangeRequest.objects.count() == 3


@pytest.mark.parametrize(
    "who", ["practitioner of A", "hub staff of A's hub", "focal point of the joining town", "practitioner"]
)
def test_only_a_focal_point_of_the_requester_or_staff_can_ask(people, who):
    with pytest.raises(PermissionDenied):
        request_exchange(people["city A"], people["city B"], people[who])
    assert request_exchange(people["city A"], people["city B"], people["staff"]).requested_by == people["staff"]


@pytest.mark.parametrize(
    "changes",
    [
        {"codes": ()},
        {"message": "   "},
        {"message": "x" * 4001},
    ],
)
def test_a_request_needs_areas_and_a_message(people, changes):
    with pytest.raises(ValidationError) as refused:
        request_exchange(people["city A"], people["city B"], people["focal point of A"], **changes)
    assert set(refused.value.message_dict) <= {"areas", "message"}
    assert not ExchangeRequest.objects.exists()


@pytest.mark.parametrize(
    "who", ["practitioner of A", "hub staff of A's hub", "hub staff of another hub", "focal point of C", "practitioner"]
)
@pytest.mark.parametrize("step", ["accept", "decline", "cancel"])
def test_people_who_are_not_a_party_cannot_change_the_state(exchange, people, who, step):
    with pytest.raises(PermissionDenied):
        getattr(services, f"exchange_{step}")(exchange=exchange, actor=people[who])
    exchange.refresh_from_db()
    assert exchange.state == State.REQUESTED and exchange.events.count() == 1


def test_the_requester_cannot_accept_its_own_request(exchange, people):
    with pytest.raises(ValidationError) as refused:
        services.exchange_accept(exchange=exchange, actor=people["focal point of A"])
    assert "City B" in refused.value.messages[0]
    assert ExchangeRequest.objects.get().state == State.REQUESTED


@pytest.mark.parametrize(
    "step",
    [
        lambda ex, who: services.exchange_start(exchange=ex, actor=who),  # not accepted yet
        lambda ex, who: services.exchange_complete(exchange=ex, actor=who, learning_note="Too early"),
    ],
)
def test_steps_out_of_order_are_refused_with_a_message(exchange, people, step):
    with pytest.raises(ValidationError) as refused:
        step(exchange, people["focal point of B"])
    assert "Requested" in refused.value.messages[0]
    assert ExchangeRequest.objects.get().state == State.REQUESTED


def test_closed_exchanges_stay_closed(exchange, people):
    services.exchange_decline(exchange=exchange, actor=people["focal point of B"])
    for step in (services.exchange_accept, services.exchange_cancel):
        with pytest.raises(ValidationError):
            step(exchange=exchange, actor=people["staff"])


def test_completing_needs_a_learning_note(exchange, people):
    services.exchange_accept(exchange=exchange, actor=people["focal point of B"])
    services.exchange_start(exchange=exchange, actor=people["focal point of B"])
    with pytest.raises(ValidationError) as refused:
        services.exchange_complete(exchange=exchange, actor=people["focal point of A"], learning_note="  ")
    assert "learning_note" in refused.value.message_dict
    assert ExchangeRequest.objects.get().state == State.UNDER_WAY


def test_hub_staff_read_but_do_not_write_in_the_thread(exchange, people):
    with pytest.raises(PermissionDenied):
        services.exchange_message_post(exchange=exchange, author=people["hub staff of A's hub"], body="Hello")
    with pytest.raises(ValidationError):
        services.exchange_message_post(exchange=exchange, author=people["practitioner of A"], body=" ")
    posted = services.exchange_message_post(exchange=exchange, author=people["practitioner of A"], body="Hi from A")
    assert posted.author_city == people["city A"]
    assert services.exchange_message_post(exchange=exchange, author=people["staff"], body="MU").author_city is None


# --- The database's own guards ----------------------------------------------------------


def test_a_tampered_state_change_is_refused_by_the_database(exchange):
    # `_base_manager` skips the model's guard: this is the database's own check.
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRequest._base_manager.filter(pk=exchange.pk).update(previous_state="requested", state="under-way")
    assert ExchangeRequest.objects.get().state == State.REQUESTED


def test_the_database_refuses_an_exchange_with_oneself_and_completion_without_a_note(exchange, people):
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRequest.objects.filter(pk=exchange.pk).update(partner=people["city A"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRequest._base_manager.filter(pk=exchange.pk).update(previous_state="under-way", state="completed")


# --- E-mails in each reader's language ---------------------------------------------------


def test_each_reader_gets_the_e_mail_in_their_language(people, django_capture_on_commit_callbacks):
    from accounts.models import Role
    from accounts.services import role_grant
    from conftest import make_person

    focal_b = people["focal point of B"]
    focal_b.preferred_language = "ar"
    focal_b.save()
    second = make_person("second-b@example.org", preferred_language="fr")
    role_grant(user=second, role=Role.FOCAL_POINT, city=people["city B"])
    third = make_person("third-b@example.org", preferred_language="ar")
    role_grant(user=third, role=Role.FOCAL_POINT, city=people["city B"])
    gone = make_person("gone-b@example.org", is_active=False)
    role_grant(user=gone, role=Role.FOCAL_POINT, city=people["city B"])
    role_grant(user=make_person("practitioner-b@example.org"), role=Role.PRACTITIONER, city=people["city B"])
    with django_capture_on_commit_callbacks(execute=True):
        exchange = request_exchange(people["city A"], people["city B"], people["focal point of A"])
    # One e-mail per language, to the partner's active focal points only.
    by_recipients = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipients) == {("focal-b@example.org", "third-b@example.org"), ("second-b@example.org",)}
    arabic, french = (
        by_recipients[("focal-b@example.org", "third-b@example.org")],
        by_recipients[("second-b@example.org",)],
    )
    assert links(arabic) == [f"http://127.0.0.1:8000/ar/exchanges/{exchange.pk}/"]
    assert links(french) == [f"http://127.0.0.1:8000/fr/exchanges/{exchange.pk}/"]
    assert 'lang="ar" dir="rtl"' in arabic.alternatives[0][0]
    # The practice area's own translation shows that the whole e-mail was rendered in Arabic.
    assert area("youth-engagement").name_ar in arabic.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.exchange_accept(exchange=exchange, actor=focal_b)
    assert [m.to for m in mail.outbox] == [["focal-a@example.org"]]
    assert links(mail.outbox[0]) == [f"http://127.0.0.1:8000/en/exchanges/{exchange.pk}/"]


# --- A learning note becomes a draft Resource Hub item ------------------------------------


@pytest.fixture
def completed(exchange, people):
    services.exchange_accept(exchange=exchange, actor=people["focal point of B"])
    services.exchange_start(exchange=exchange, actor=people["focal point of A"])
    services.exchange_complete(
        exchange=exchange, actor=people["focal point of A"], learning_note="Start small; pay youth facilitators."
    )
    return exchange


def test_staff_turn_the_learning_note_into_an_unpublished_page_once(completed, people):
    page = services.exchange_note_to_resource(exchange=completed, actor=people["staff"])
    page = Page.objects.get(pk=page.pk).specific
    assert not page.live and page.owner == people["staff"]
    assert "City A" in page.title and "City B" in page.title and "Youth engagement" in page.title
    assert "Start small; pay youth facilitators." in str(page.body)
    assert page.get_parent().slug == "resources"
    assert ExchangeRequest.objects.get().resource_page_id == page.pk
    with pytest.raises(ValidationError):
        services.exchange_note_to_resource(exchange=completed, actor=people["staff"])
    assert Page.objects.filter(title=page.title).count() == 1


def test_the_draft_is_a_case_study_under_the_existing_resource_hub(completed, people):
    from resources.models import ResourceIndexPage, ResourceKind, ResourcePage

    home = Page.objects.get(depth=2)
    hub = home.add_child(instance=ResourceIndexPage(title="Resource Hub", slug="resources"))
    page = services.exchange_note_to_resource(exchange=completed, actor=people["staff"])
    page = Page.objects.get(pk=page.pk).specific
    assert isinstance(page, ResourcePage) and page.kind == ResourceKind.CASE_STUDY and not page.live
    assert page.get_parent().pk == hub.pk
    assert {city.name for city in page.cities.all()} == {"City A", "City B"}
    assert Page.objects.filter(slug="resources").count() == 1  # no second "resources" page beside the hub


@pytest.mark.parametrize("who", ["focal point of A", "focal point of B", "hub staff of A's hub"])
def test_only_staff_make_resource_hub_items(completed, people, who):
    with pytest.raises(PermissionDenied):
        services.exchange_note_to_resource(exchange=completed, actor=people[who])
    assert ExchangeRequest.objects.get().resource_page_id is None


def test_no_resource_hub_item_before_completion(exchange, people):
    with pytest.raises(ValidationError):
        services.exchange_note_to_resource(exchange=exchange, actor=people["staff"])


def test_the_event_log_keeps_every_refused_step_out(exchange, people):
    with pytest.raises(ValidationError):
        services.exchange_complete(exchange=exchange, actor=people["focal point of A"], learning_note="x")
    assert ExchangeEvent.objects.count() == 1


def test_a_forged_previous_state_cannot_skip_a_step(exchange):
    """Issue 8, point 6: "requested" → "under way" by claiming the row was "accepted"."""
    exchange.previous_state, exchange.state = State.ACCEPTED, State.UNDER_WAY
    with pytest.raises(IntegrityError), transaction.atomic():
        exchange.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeRequest.objects.filter(pk=exchange.pk).update(previous_state="accepted", state="under-way")
    assert ExchangeRequest.objects.get().state == State.REQUESTED
    assert list(ExchangeRequest.objects.values_list("previous_state", flat=True)) == [""]


def test_an_over_long_note_is_refused_not_cut(exchange, people):
    with pytest.raises(ValidationError) as refused:
        services.exchange_decline(exchange=exchange, actor=people["focal point of B"], note="x" * 4001)
    assert "4,001" in refused.value.message_dict["note"][0] and "4,000" in refused.value.message_dict["note"][0]
    assert ExchangeRequest.objects.get().state == State.REQUESTED
