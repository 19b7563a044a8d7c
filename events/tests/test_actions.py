"""Reports and their next steps: the services (steps, notes, audit trail, refusals), the report page,
the owners' page under /my-city/, the staff's board and the city profile (public fields only)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from cities.models import City, Hub
from conftest import as_role
from core.workflow import StepForged
from events import actions as action_services
from events.models import Action, ActionEvent, EventPage

from .conftest import days_from_now, make_event, publish

pytestmark = pytest.mark.django_db

PRIVATE_NOTE = "Budget line still waiting for the council vote"


@pytest.fixture
def summit(events_index, world):
    """A past summit organised by the ESA hub (city A's), with a report."""
    event = make_event(
        events_index["en"], title="Nairobi summit", start=days_from_now(-30), hours=8, hub=Hub.objects.get(code="esa"),
        registration="members",
        report_summary="<p>Mayors met for two days.</p>",
        recommendations=[
            {"type": "network", "value": ["Share the toolkits in Swahili."]},
            {"type": "cities", "value": ["Name a focal point for schools.", "Map community spaces."]},
        ],
    )  # fmt: skip
    return event


@pytest.fixture
def action(summit, world):
    return action_services.action_create(
        event=summit, actor=world["staff"], title="Train youth workers", due=datetime.date.today() + datetime.timedelta(days=60),
        owner_city=world["city A"],
    )  # fmt: skip


def test_staff_record_a_next_step_planned_with_its_owner_and_an_audit_entry(action, world):
    assert action.status == "planned" and action.owner_name == "City A"
    entry = action.events.get()
    assert (entry.from_state, entry.to_state, entry.actor) == ("", "planned", world["staff"])


def test_a_next_step_needs_a_title_a_date_and_at_most_one_owner(summit, world):
    with pytest.raises(ValidationError) as refused:
        action_services.action_create(event=summit, actor=world["staff"], title="  ", due=datetime.date(2027, 1, 1))
    assert "title" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        action_services.action_create(
            event=summit, actor=world["staff"], title="Both", due=datetime.date(2027, 1, 1),
            owner_city=world["city A"], owner_hub=Hub.objects.get(code="esa"),
        )  # fmt: skip
    assert "owner_hub" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        action_services.action_create(
            event=summit, actor=world["focal point of A"], title="Mine", due=datetime.date(2027, 1, 1)
        )
    assert not Action.objects.exists()


def test_an_action_moves_only_along_its_steps_each_kept_in_the_trail(action, world):
    focal = world["focal point of A"]
    action_services.action_step(action=action, to="under_way", actor=focal, note="Started in March.")
    action_services.action_step(action=action, to="done", actor=focal)
    with pytest.raises(ValidationError) as refused:
        action_services.action_step(action=action, to="planned", actor=focal)
    assert "cannot go from “Done” to “Planned”" in refused.value.messages[0]
    steps = list(action.events.values_list("from_state", "to_state", "note"))
    assert steps == [("", "planned", ""), ("planned", "under_way", "Started in March."), ("under_way", "done", "")]
    action_services.action_step(action=action, to="under_way", actor=focal, note="Reopened: a second cohort.")
    assert Action.objects.get(pk=action.pk).status == "under_way"


def test_the_database_refuses_a_status_written_around_the_service(action):
    with pytest.raises(StepForged):
        Action.objects.filter(pk=action.pk).update(status="done")
    action.status = "done"
    with pytest.raises(StepForged):
        action.save()
    with pytest.raises(IntegrityError), transaction.atomic():  # a step not allowed: dropped straight to done
        Action._base_manager.filter(pk=action.pk).update(status="done", previous_status="dropped")


def test_a_progress_note_is_dated_keeps_the_status_and_must_say_something(action, world):
    with pytest.raises(ValidationError) as refused:
        action_services.action_note(action=action, note="   ", actor=world["focal point of A"])
    assert "note" in refused.value.message_dict
    entry = action_services.action_note(action=action, note=PRIVATE_NOTE, actor=world["focal point of A"])
    assert entry.is_note and entry.to_state == "planned" and entry.created_at
    with pytest.raises(ValidationError):
        action_services.action_note(action=action, note="x" * 4001, actor=world["focal point of A"])


def test_changing_the_details_says_what_changed(action, world):
    updated = action_services.action_update(
        action=action, actor=world["staff"], title="Train youth workers", due=datetime.date(2027, 6, 30),
        owner_city=None, owner_hub=Hub.objects.get(code="esa"),
    )  # fmt: skip
    assert updated.owner_name == str(Hub.objects.get(code="esa"))
    note = updated.events.last().note
    assert "owner: member city" in note and "owner: Regional Hub" in note and "due" in note


def test_the_report_lists_cities_recommendations_by_audience_and_next_steps(client, summit, action, world):
    joining = City.objects.get(slug="joining-town")
    summit.represented_cities = [world["city A"], world["city B"], joining]
    publish(summit)
    action_services.action_note(action=action, note=PRIVATE_NOTE, actor=world["focal point of A"])
    html = client.get(summit.url + "report/").content.decode()
    assert "Mayors met for two days." in html
    assert "2 member cities from 2 countries." in html and "City B" in html
    assert "Joining Town" not in html  # not a member yet: not public
    cities_at = html.index("For cities and local governments")
    assert cities_at < html.index("Map community spaces.") < html.index("For the network")
    assert "For partners" not in html  # no recommendation for them
    assert "Train youth workers" in html and "Planned" in html
    assert PRIVATE_NOTE not in html
    assert summit.url + "report/" in client.get(summit.url).content.decode()


def test_an_event_without_a_report_has_no_report_page(client, events_index):
    event = make_event(events_index["en"], title="Webinar", start=days_from_now(-3))
    assert client.get(event.url + "report/").status_code == 404


def test_the_report_in_arabic(client, summit, action, events_index):
    from .conftest import translate

    translate(summit, events_index["ar"], title="قمة نيروبي", report_summary="<p>التقى رؤساء البلديات.</p>")
    page = client.get(f"/ar/events/{summit.slug}/report/")
    html = page.content.decode()
    assert page.status_code == 200 and "قمة نيروبي" in html and "الخطوات التالية" in html


def test_the_owner_updates_an_action_from_my_city(client, action, world):
    client.force_login(world["focal point of A"])
    url = f"/en/my-city/city-a/actions/{action.pk}/"
    assert "Train youth workers" in client.get("/en/my-city/city-a/").content.decode()
    page = client.get(url)
    assert page.status_code == 200 and 'value="under_way"' in page.content.decode()
    response = client.post(url, {"status": "under_way", "note": "First session held."})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "The action is updated" in page and "First session held." in page
    assert Action.objects.get(pk=action.pk).status == "under_way"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "planned", "note": ""}, "Write what has happened, or choose a new status."),
        ({"status": "archived", "note": "x"}, "Select a valid choice."),
        ({"status": "planned", "note": "x" * 4001}, "at most 4,000 are allowed"),
    ],
)
def test_bad_updates_are_named_next_to_the_field_and_nothing_is_lost(client, action, world, data, message):
    client.force_login(world["focal point of A"])
    response = client.post(f"/en/my-city/city-a/actions/{action.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert ActionEvent.objects.filter(action=action).count() == 1


def test_the_city_profile_lists_events_attended_and_actions_owned_public_fields_only(client, summit, action, world):
    summit.represented_cities = [world["city A"]]
    publish(summit)
    action_services.action_note(action=action, note=PRIVATE_NOTE, actor=world["focal point of A"])
    html = client.get(world["city A"].get_absolute_url()).content.decode()
    assert "Events attended" in html and "Nairobi summit" in html
    assert "Actions it owns" in html and "Train youth workers" in html and "Planned" in html
    assert PRIVATE_NOTE not in html


def test_a_step_shows_on_the_kept_profile_and_report_after_its_commit(
    client, summit, action, world, django_capture_on_commit_callbacks
):
    url = world["city A"].get_absolute_url()
    assert "Planned" in client.get(url).content.decode()  # kept rendered for visitors
    with django_capture_on_commit_callbacks(execute=True):
        action_services.action_step(action=action, to="under_way", actor=world["focal point of A"])
    assert "Under way" in client.get(url).content.decode()
    assert "Under way" in client.get(summit.url + "report/").content.decode()


def test_cities_that_attended_join_the_report(summit, world):
    from events.models import Registration

    Registration.objects.create(event_key=summit.translation_key, name="A", email="a@example.org", city=world["city A"],
                                language="en", status="registered", attended=True)  # fmt: skip
    Registration.objects.create(event_key=summit.translation_key, name="B", email="b@example.org", city=world["city B"],
                                language="en", status="registered", attended=False)  # fmt: skip
    added, published = action_services.report_add_attending_cities(event=summit, actor=world["staff"])
    assert (added, published) == (1, True)
    assert list(EventPage.objects.get(pk=summit.pk).represented_cities.all()) == [world["city A"]]
    assert action_services.report_add_attending_cities(event=summit, actor=world["staff"]) == (0, False)
    with pytest.raises(PermissionDenied):
        action_services.report_add_attending_cities(event=summit, actor=world["focal point of A"])


def test_with_a_draft_waiting_the_cities_go_into_the_draft(summit, world):
    from events.models import Registration

    summit.title = "Nairobi summit (draft title)"
    summit.save_revision()
    Registration.objects.create(event_key=summit.translation_key, name="A", email="a@example.org", city=world["city A"],
                                language="en", status="registered", attended=True)  # fmt: skip
    assert action_services.report_add_attending_cities(event=summit, actor=world["staff"]) == (1, False)
    page = EventPage.objects.get(pk=summit.pk)
    assert page.title == "Nairobi summit" and not page.represented_cities.exists()
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Nairobi summit (draft title)" and [c.pk for c in draft.represented_cities.all()] == [
        world["city A"].pk
    ]


def test_the_board_filters_and_runs_a_bounded_number_of_queries(client, summit, world):
    esa = Hub.objects.get(code="esa")
    today = datetime.date.today()
    for number in range(6):
        made = action_services.action_create(
            event=summit, actor=world["staff"], title=f"Step {number}", due=today + datetime.timedelta(days=number - 3),
            owner_city=world["city A"] if number % 2 else None, owner_hub=None if number % 2 else esa,
        )  # fmt: skip
        if number == 0:
            action_services.action_step(action=made, to="done", actor=world["staff"])
    as_role(client, world, "staff")
    client.get("/admin/event-actions/")  # the admin's first page of a session reads more
    with CaptureQueriesContext(connection) as few:
        html = client.get("/admin/event-actions/").content.decode()
    assert all(f"Step {number}" in html for number in range(6))
    other = make_event(summit.get_parent(), title="Rabat workshop", start=days_from_now(-60))
    for number in range(6, 12):
        action_services.action_create(event=other, actor=world["staff"], title=f"Step {number}", due=today,
                                      owner_city=world["city B"] if number % 2 else None)  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        html = client.get("/admin/event-actions/").content.decode()
    assert "Step 11" in html and "Rabat workshop" in html
    assert len(many) == len(few), (len(few), len(many))
    overdue = client.get("/admin/event-actions/?overdue=on").content.decode()
    assert "Step 1" in overdue and "Step 2" in overdue and "Step 0" not in overdue and "Step 3" not in overdue
    cities = client.get("/admin/event-actions/?owner=city").content.decode()
    assert "Step 1" in cities and "Step 2" not in cities
    done = client.get("/admin/event-actions/?status=done").content.decode()
    assert "Step 0" in done and "Step 1" not in done
    assert client.get("/admin/event-actions/?status=nonsense&hub=999999&owner=x").status_code == 200
