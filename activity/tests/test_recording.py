"""What member authorities do is recorded as it happens, from each app's own writes (after the commit),
each city's latest activity kept in step; the backfill finds the same from the rows afterwards, and
running it again adds nothing; levels follow the settings."""

import datetime

import pytest
from django.utils import timezone

from activity.backfill import activity_backfill
from activity.models import Activity, CityEngagement, Kind, Level
from activity.services import level_of
from cities.models import Hub, PracticeArea
from events import actions as action_services
from events import declarations
from events import services as event_services
from events.models import DeclarationPage
from events.tests.conftest import days_from_now, make_event, publish
from exchanges import services as exchange_services
from helpdesk import services as helpdesk_services

pytestmark = pytest.mark.django_db


def recorded(city=None) -> list[tuple[str, str]]:
    rows = Activity.objects.order_by("at", "pk")
    if city is not None:
        rows = rows.filter(city=city)
    return [(row.city.slug, row.kind) for row in rows.select_related("city")]


def latest(city) -> tuple:
    engagement = CityEngagement.objects.filter(city=city).first()
    return (engagement.last_kind, engagement.last_activity_at) if engagement else None


def test_a_profile_saved_by_the_city_counts_one_saved_by_staff_does_not(world, django_capture_on_commit_callbacks):
    city = world["city A"]
    with django_capture_on_commit_callbacks(execute=True):
        city.save_revision(user=world["staff"], log_action=True)
    assert recorded() == []
    with django_capture_on_commit_callbacks(execute=True):
        revision = city.save_revision(user=world["focal point of A"], log_action=True)
    assert recorded() == [("city-a", Kind.PROFILE)]
    assert latest(city) == (Kind.PROFILE, revision.created_at)


def test_nothing_is_recorded_for_a_change_rolled_back(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        world["city A"].save_revision(user=world["focal point of A"])
    assert callbacks and recorded() == []  # written only once the transaction commits


def make_exchange(world):
    return exchange_services.exchange_request(
        requester=world["city A"],
        partner=world["city B"],
        areas=[PracticeArea.objects.get(code="youth-engagement")],
        message="We would like to learn how your youth forum works.",
        actor=world["focal point of A"],
    )


def test_an_exchange_requested_answered_and_written_in(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        exchange = make_exchange(world)
    with django_capture_on_commit_callbacks(execute=True):
        exchange = exchange_services.exchange_accept(exchange=exchange, actor=world["focal point of B"])
    with django_capture_on_commit_callbacks(execute=True):
        exchange_services.exchange_message_post(exchange=exchange, author=world["focal point of A"], body="Thank you!")
    assert recorded() == [
        ("city-a", Kind.EXCHANGE_REQUESTED),
        ("city-b", Kind.EXCHANGE_STEP),
        ("city-a", Kind.EXCHANGE_MESSAGE),
    ]
    assert latest(world["city A"])[0] == Kind.EXCHANGE_MESSAGE
    assert latest(world["city B"])[0] == Kind.EXCHANGE_STEP


def ask(world):
    return helpdesk_services.help_request_submit(
        asker=world["focal point of A"],
        city=world["city A"],
        topic=PracticeArea.objects.get(code="youth-engagement"),
        language="en",
        urgency="normal",
        subject="Youth outreach",
        question="How do we start a youth council?",
    )


def test_a_question_to_the_help_desk(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asked = ask(world)
    (row,) = Activity.objects.all()
    assert (row.city, row.kind, row.actor, row.at) == (
        world["city A"],
        Kind.HELP_REQUEST,
        asked.asker,
        asked.created_at,
    )


def test_an_event_attended_dated_by_the_event_and_taken_back(world, events_index, django_capture_on_commit_callbacks):
    event = make_event(
        events_index["en"],
        title="Nairobi workshop",
        start=days_from_now(3),
        hub=Hub.objects.get(code="esa"),
        registration="members",
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration = event_services.registration_create(event=event, language="en", user=world["focal point of A"])
    assert recorded() == []  # registering is not attending
    with django_capture_on_commit_callbacks(execute=True):
        event_services.attendance_mark(registration=registration, attended=True, actor=world["staff"])
    assert recorded() == [("city-a", Kind.EVENT_ATTENDED)]
    assert latest(world["city A"]) == (Kind.EVENT_ATTENDED, event.start)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.attendance_mark(registration=registration, attended=None, actor=world["staff"])
    assert recorded() == [] and latest(world["city A"]) == ("", None)


@pytest.fixture
def declaration(events_index):
    page = DeclarationPage(
        title="Nairobi Declaration", slug="nairobi-declaration", locale=events_index["en"].locale,
        summary="Cities commit to prevention.", adopted_on=datetime.date(2026, 9, 20),
        commitments=[{"type": "commitment", "value": {"title": "Train frontline staff", "text": ""}}],
    )  # fmt: skip
    events_index["en"].add_child(instance=page)
    return publish(page)


def test_an_endorsement_and_progress_on_a_commitment(world, declaration, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        endorsement = declarations.endorsement_create(
            declaration=declaration, city=world["city A"], actor=world["focal point of A"]
        )
    with django_capture_on_commit_callbacks(execute=True):
        declarations.progress_report(
            endorsement=endorsement,
            commitment=declaration.numbered_commitments()[0]["id"],
            status="in_progress",
            actor=world["focal point of A"],
        )
    assert recorded() == [("city-a", Kind.ENDORSEMENT), ("city-a", Kind.COMMITMENT_PROGRESS)]


def test_progress_on_an_action_by_the_city_not_its_creation_by_staff(
    world, events_index, django_capture_on_commit_callbacks
):
    summit = make_event(events_index["en"], title="Summit", start=days_from_now(-30), hub=Hub.objects.get(code="esa"))
    with django_capture_on_commit_callbacks(execute=True):
        action = action_services.action_create(
            event=summit, actor=world["staff"], title="Train", due=timezone.localdate(), owner_city=world["city A"]
        )
    assert recorded() == []
    with django_capture_on_commit_callbacks(execute=True):
        action_services.action_note(action=action, note="Two trainings held.", actor=world["staff"])
    assert recorded() == []  # staff reporting for the city is not the city being active
    with django_capture_on_commit_callbacks(execute=True):
        action_services.action_note(action=action, note="Two more held.", actor=world["focal point of A"])
    with django_capture_on_commit_callbacks(execute=True):
        action_services.action_step(action=action, to="under_way", actor=world["focal point of A"])
    assert recorded() == [("city-a", Kind.ACTION_PROGRESS)] * 2


def test_the_backfill_finds_what_the_signals_recorded_and_adds_nothing_twice(
    world, events_index, declaration, django_capture_on_commit_callbacks
):
    event = make_event(
        events_index["en"],
        title="Workshop",
        start=days_from_now(3),
        hub=Hub.objects.get(code="esa"),
        registration="members",
    )
    with django_capture_on_commit_callbacks(execute=True):
        world["city A"].save_revision(user=world["focal point of A"])
        world["city B"].save_revision(user=world["staff"])
        exchange = make_exchange(world)
        exchange_services.exchange_accept(exchange=exchange, actor=world["focal point of B"])
        ask(world)
        registration = event_services.registration_create(event=event, language="en", user=world["focal point of A"])
        event_services.attendance_mark(registration=registration, attended=True, actor=world["staff"])
        declarations.endorsement_create(declaration=declaration, city=world["city B"], actor=world["staff"])
    as_recorded = sorted(Activity.objects.values_list("city_id", "kind", "at", "source_type_id", "source_id"))
    engagement = sorted(
        CityEngagement.objects.filter(last_activity_at__isnull=False).values_list(
            "city_id", "last_activity_at", "last_kind"
        )
    )
    assert len(as_recorded) == 6

    activity_backfill()  # over what the signals recorded: nothing new
    assert sorted(Activity.objects.values_list("city_id", "kind", "at", "source_type_id", "source_id")) == as_recorded

    Activity.objects.all().delete()
    CityEngagement.objects.all().delete()
    counts = activity_backfill()
    activity_backfill()
    assert sorted(Activity.objects.values_list("city_id", "kind", "at", "source_type_id", "source_id")) == as_recorded
    assert (
        sorted(
            CityEngagement.objects.filter(last_activity_at__isnull=False).values_list(
                "city_id", "last_activity_at", "last_kind"
            )
        )
        == engagement
    )
    assert counts["profile"] == 1 and counts["attendance"] == 1


def test_levels_follow_the_settings(settings):
    now = timezone.now()
    long_ago = datetime.date(2015, 1, 1)
    days = lambda n: now - datetime.timedelta(days=n)  # noqa: E731
    assert level_of(days(10), long_ago, now=now) == Level.ACTIVE
    assert level_of(days(200), long_ago, now=now) == Level.QUIET
    assert level_of(days(400), long_ago, now=now) == Level.DORMANT
    assert level_of(None, long_ago, now=now) == Level.DORMANT
    assert level_of(None, None, now=now) == Level.DORMANT  # joined on an unknown date
    assert level_of(None, (now - datetime.timedelta(days=30)).date(), now=now) == Level.QUIET  # a new member
    settings.ENGAGEMENT_DORMANT_DAYS = 180
    settings.ENGAGEMENT_ACTIVE_DAYS = 5
    assert level_of(days(10), long_ago, now=now) == Level.QUIET
    assert level_of(days(200), long_ago, now=now) == Level.DORMANT


def test_the_demo_network_gets_a_year_of_activity_marked_as_demo_once(db):
    from activity.scale import GENERATED, load_activity_demo
    from cities.demo import build_demo_network
    from cities.models import City

    build_demo_network(count=40, seed=3)
    made = load_activity_demo(seed=3)
    assert made["generated"] > 0
    generated = Activity.objects.filter(label=GENERATED)
    assert generated.count() == made["generated"] and not generated.filter(is_demo=False).exists()
    assert CityEngagement.objects.count() == City.objects.count()
    levels = {
        level_of(row.last_activity_at, row.city.date_joined)
        for row in CityEngagement.objects.filter(is_member=True).select_related("city")
    }
    assert levels >= {Level.ACTIVE, Level.DORMANT}  # a realistic mix
    assert load_activity_demo(seed=3)["generated"] == 0  # again: nothing more
