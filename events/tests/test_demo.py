"""The demo events: a past Global Summit with its report and twelve next steps in various states,
upcoming events of every kind; all marked demo, quoting nobody."""

import pytest
from wagtail.models import Page

from cities.models import Country
from cities.tests.factories import CityFactory
from events.demo import load_events_demo
from events.models import Action, CoSignature, DeclarationPage, Endorsement, EventKind, EventPage, StatementPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_cities(db):
    codes = ["KE", "MA", "FR", "CO", "BD", "CA", "JO", "BA", "AU"]
    return [
        CityFactory(
            slug=f"demo-{code.lower()}-{n}",
            name=f"Demo {code} {n}",
            country=Country.objects.get(code=code),
            is_demo=True,
        )
        for code in codes
        for n in range(2)
    ]


def test_the_demo_summit_has_a_full_report_and_twelve_actions(client, demo_cities):
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    made = load_events_demo()
    assert made["actions"] == 12
    summit = EventPage.objects.get(kind=EventKind.SUMMIT, locale__language_code="en", report_summary__contains="demo")
    assert summit.is_demo and summit.is_past and summit.represented_cities.count() >= 9
    actions = list(Action.objects.for_event(summit))
    assert len(actions) == 12 and all(action.is_demo and "(demo)" in action.title for action in actions)
    assert {action.status for action in actions} == {"planned", "under_way", "done", "dropped"}
    assert {bool(a.owner_city_id) for a in actions} == {True, False} and any(a.owner_hub_id for a in actions)
    assert all(entry.actor is None for action in actions for entry in action.events.all())  # nobody's words
    report = client.get(summit.url + "report/")
    assert report.status_code == 200 and "For the network" in report.content.decode()
    arabic = summit.get_translation(summit.locale.__class__.objects.get(language_code="ar"))
    assert "(تجريبي)" in arabic.report_summary and arabic.recommendations_by_audience()
    assert EventPage.objects.filter(is_demo=False).count() == 0
    declaration = DeclarationPage.objects.get(locale__language_code="en", is_demo=True)
    assert made["endorsements"] == Endorsement.objects.count() > 0 and declaration.adopted_at_id == summit.pk
    figures = client.get(declaration.url).context["figures"]
    statuses = {bar["status"] for item in figures["progress"] for bar in item["bars"] if bar["count"]}
    assert statuses == {"achieved", "in_progress", "not_started", "none"} and len(figures["progress"]) == 5
    french = declaration.get_translation(declaration.locale.__class__.objects.get(language_code="fr"))
    assert [item["id"] for item in french.numbered_commitments()] == [
        i["id"] for i in declaration.numbered_commitments()
    ]
    arabic_declaration = declaration.get_translation(declaration.locale.__class__.objects.get(language_code="ar"))
    assert "القمة العالمية للشبكة (تجريبي)" in client.get(arabic_declaration.url).content.decode()  # adopted at
    statement = StatementPage.objects.get(locale__language_code="es", is_demo=True)
    html = client.get(statement.url).content.decode()
    assert made["cosignatures"] > 0 and "Solidaridad" in html and statement.cosigning_is_open()
    load_events_demo()  # again: replaces, never doubles
    assert Action.objects.filter(is_demo=True).count() == 12
    assert Endorsement.objects.count() == made["endorsements"]
    assert CoSignature.objects.count() == made["cosignatures"]
