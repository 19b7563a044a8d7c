"""A small known network for the insights tests: members in three regions (two hubs and the central
team) joined in known quarters, help requests, an exchange, a past event with attendance and a
declaration with progress reports."""

import datetime

from django.utils import timezone

from cities.models import City, Country, PracticeArea
from cities.tests.factories import CityFactory
from events import declarations
from events.models import DeclarationPage, EventPage, Registration
from events.tests.conftest import days_from_now, make_event, publish
from exchanges import services as exchange_services
from helpdesk import services as helpdesk_services
from helpdesk.models import EventKind, HelpEvent, HelpRequest


def joined(city, day: datetime.date):
    City.objects.filter(pk=city.pk).update(date_joined=day)


def ask(asker, city, subject="Youth outreach"):
    return helpdesk_services.help_request_submit(
        asker=asker, city=city, topic=PracticeArea.objects.get(code="youth-engagement"), language="en",
        urgency="normal", subject=subject, question="How do we start a youth council?",
    )  # fmt: skip


def answered_after(request: HelpRequest, actor, days: float):
    helpdesk_services.help_request_answer(request=request, answer="Start with a survey.", actor=actor)
    asked = HelpRequest.objects.get(pk=request.pk).created_at
    HelpEvent.objects.filter(request=request, kind=EventKind.ANSWERED).update(
        created_at=asked + datetime.timedelta(days=days)
    )


def build_members(world):
    """Members: A (Kenya, ESA, municipality) joined Q1 2026; C (Kenya, ESA, city) Q2 2026; B (Morocco,
    MENA, municipality) Q2 2026; the practitioner's home (Ghana, no hub: the central team, municipality)
    Q4 2025. The joining town is not a member yet."""
    city_c = CityFactory(slug="city-c", name="City C", country=Country.objects.get(code="KE"), authority_type="city")
    joined(world["city A"], datetime.date(2026, 1, 15))
    joined(city_c, datetime.date(2026, 4, 2))
    joined(world["city B"], datetime.date(2026, 5, 10))
    joined(City.objects.get(slug="practitioner-home"), datetime.date(2025, 11, 1))
    joined(City.objects.get(slug="joining-town"), datetime.date(2026, 2, 1))
    world["city C"] = city_c
    return world


def build_activity(world, events_index):
    """Two help requests from A (one asked in Q1 2026, answered after 3 days), one from B (answered after
    1 day), an exchange A–B; a past event in Kenya with three places, two attended; a declaration with two
    commitments endorsed by A (one achieved) and B (no reports)."""
    first = ask(world["focal point of A"], world["city A"], "First")
    ask(world["focal point of A"], world["city A"], "Second")
    HelpRequest.objects.filter(pk=first.pk).update(created_at=timezone.make_aware(datetime.datetime(2026, 2, 3, 10)))
    answered_after(HelpRequest.objects.get(pk=first.pk), world["hub staff of A's hub"], 3)
    from_b = ask(world["focal point of B"], world["city B"], "From B")
    answered_after(from_b, world["hub staff of another hub"], 1)
    exchange_services.exchange_request(
        requester=world["city A"], partner=world["city B"],
        areas=[PracticeArea.objects.get(code="youth-engagement")],
        message="We would like to learn how your youth forum works.", actor=world["focal point of A"],
    )  # fmt: skip
    event = make_event(events_index["en"], title="Nairobi workshop", start=days_from_now(-30),
                       country=Country.objects.get(code="KE"))  # fmt: skip
    event = EventPage.objects.get(pk=event.pk)
    for n, attended in enumerate([True, True, False]):
        Registration.objects.create(
            event_key=event.translation_key, name=f"Person {n}", email=f"p{n}@example.org", language="en",
            status="registered", attended=attended,
        )  # fmt: skip
    page = DeclarationPage(
        title="Nairobi Declaration", slug="nairobi-declaration", locale=events_index["en"].locale,
        summary="Cities commit to prevention.", adopted_on=datetime.date(2026, 9, 20),
        commitments=[{"type": "commitment", "value": {"title": title, "text": ""}} for title in ("One", "Two")],
    )  # fmt: skip
    events_index["en"].add_child(instance=page)
    page = publish(page)
    endorsement = declarations.endorsement_create(declaration=page, city=world["city A"], actor=world["staff"])
    declarations.endorsement_create(declaration=page, city=world["city B"], actor=world["staff"])
    declarations.progress_report(
        endorsement=endorsement, commitment=page.numbered_commitments()[0]["id"], status="achieved",
        actor=world["staff"],
    )  # fmt: skip
    world["event"], world["declaration"] = event, page
    return world
