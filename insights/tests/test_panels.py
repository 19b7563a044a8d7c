"""The admin home's "Work waiting" panel (issue 15, part 1): each staff member sees what waits in
the queues they work, scoped like those queues (hub staff: their hub only), each row counted,
aged and linked to the filtered queue; people who work no queue, and staff who have not confirmed
their second factor, see no panel."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Role
from accounts.services import role_grant
from cities.models import Hub, PracticeArea
from conftest import ROLES, as_role, confirm_second_factor, make_person
from core.visibility import hold_back_until_verified
from events import actions as action_services
from events.tests.conftest import _events_index_ids, days_from_now, events_index, make_event  # noqa: F401 (fixtures)
from exchanges import services as exchange_services
from helpdesk import services as helpdesk_services
from helpdesk.models import HelpRequest
from insights import panels
from memberships.models import JoinApplication, State
from memberships.tests.builders import application_send
from translations import reports
from translations.models import TranslationReport
from translations.tests.pages import build_homes, make_page, translate

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days, hours=1)


def ask(asker, city, subject="Youth outreach"):
    return helpdesk_services.help_request_submit(
        asker=asker,
        city=city,
        topic=PracticeArea.objects.get(code="youth-engagement"),
        language="en",
        urgency="normal",
        subject=subject,
        question="How do we start a youth council?",
    )


@pytest.fixture
def waiting(world):
    """Work in two hubs: city A (Kenya, the ESA hub) and city B (Morocco, the MENA hub)."""
    kenyan = application_send(authority_name="Nairobi County", country_code="KE", focal_email="ke@example.org")
    moroccan = application_send(authority_name="Fes", country_code="MA", focal_email="ma@example.org")
    JoinApplication.objects.filter(pk=kenyan.pk).update(updated_at=days_ago(12))
    JoinApplication.objects.filter(pk=moroccan.pk).update(updated_at=days_ago(30))
    asked_a = [ask(world["focal point of A"], world["city A"], f"Question {n}") for n in range(2)]
    asked_b = ask(world["focal point of B"], world["city B"])
    HelpRequest.objects.filter(pk=asked_a[0].pk).update(created_at=days_ago(5))
    HelpRequest.objects.filter(pk=asked_a[1].pk).update(created_at=days_ago(1))
    HelpRequest.objects.filter(pk=asked_b.pk).update(created_at=days_ago(40))
    helpdesk_services.help_request_assign(
        request=asked_b, assignee=world["hub staff of another hub"], actor=world["hub staff of another hub"]
    )
    exchange = exchange_services.exchange_request(
        requester=world["city A"],
        partner=world["city B"],
        areas=[PracticeArea.objects.get(code="youth-engagement")],
        message="We would like to learn how your youth forum works.",
        actor=world["focal point of A"],
    )
    exchange_services.exchange_accept(exchange=exchange, actor=world["focal point of B"])
    exchange_services.exchange_start(exchange=exchange, actor=world["focal point of B"])
    return world


def work_panel(client) -> dict[str, list[dict]] | None:
    """The panel on the admin home, as {queue: [row, …]}; None when there is no panel."""
    response = client.get("/admin/")
    if response.status_code != 200:
        return None
    soup = BeautifulSoup(response.content, "html.parser")
    if soup.find(id="work-waiting") is None and not soup.select("[data-work-queue]"):
        return None
    queues = {}
    for table in soup.select("[data-work-queue]"):
        rows = []
        for tr in table.select("tbody tr"):
            cells = tr.find_all("td")
            if len(cells) < 3:
                continue
            rows.append(
                {
                    "label": cells[0].get_text(strip=True),
                    "url": cells[0].a["href"],
                    "count": cells[1].get_text(strip=True),
                    "age": " ".join(cells[2].get_text(" ", strip=True).split()),
                }
            )
        queues[table["data-work-queue"]] = rows
    return queues


EXPECTED = {
    # Applications by state with the oldest's age; help requests by state; exchanges under way.
    "staff": {
        "applications": [("Submitted", "2", "oldest: 30 days Needs attention", "/admin/applications/?state=submitted")],
        "help-requests": [
            ("Open", "2", "oldest: 5 days", "/admin/help-desk/?state=open"),
            ("Assigned", "1", "oldest: 40 days Needs attention", "/admin/help-desk/?state=assigned"),
        ],
        "exchanges": [("Under way", "1", "", "/en/exchanges/?state=under-way")],
        "translation-reports": [],
        "engagement": [],
        "actions": [],
    },
    "hub staff of A's hub": {
        "applications": [("Submitted", "1", "oldest: 12 days", "/admin/applications/?state=submitted")],
        "help-requests": [("Open", "2", "oldest: 5 days", "/admin/help-desk/?state=open")],
        "exchanges": [("Under way", "1", "", "/en/exchanges/?state=under-way")],
        "engagement": [],
        "actions": [],
    },
    "hub staff of another hub": {
        "applications": [("Submitted", "1", "oldest: 30 days Needs attention", "/admin/applications/?state=submitted")],
        "help-requests": [("Assigned", "1", "oldest: 40 days Needs attention", "/admin/help-desk/?state=assigned")],
        "exchanges": [("Under way", "1", "", "/en/exchanges/?state=under-way")],
        "engagement": [],
        "actions": [],
    },
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_the_work_of_its_own_queues_only(client, waiting, role, two_factor_required):
    as_role(client, waiting, role)
    shown = work_panel(client)
    if role not in EXPECTED:  # not staff, or staff who have not confirmed their second factor
        assert shown is None
        return
    assert shown == {
        queue: [dict(zip(("label", "count", "age", "url"), row, strict=True)) for row in rows]
        for queue, rows in EXPECTED[role].items()
    }


def test_the_links_open_the_queues_with_the_same_rows(client, waiting):
    """Each row's link lists exactly what the row counts, for hub staff (their hub) as for the Management Unit."""
    as_role(client, waiting, "hub staff of A's hub")
    shown = work_panel(client)
    page = client.get(shown["help-requests"][0]["url"]).content.decode()
    assert page.count("Question 0") == 1 and "Question 1" in page and "Youth outreach" not in page
    page = client.get(shown["applications"][0]["url"]).content.decode()
    assert "Nairobi County" in page and "Fes" not in page


def test_the_panel_speaks_the_admin_language_with_its_numbers(client, waiting):
    waiting["staff"].preferred_language = "ar"
    waiting["staff"].save(update_fields=["preferred_language"])
    as_role(client, waiting, "staff")
    html = client.get("/admin/").content.decode()
    assert 'dir="rtl"' in html
    shown = work_panel(client)
    assert shown["exchanges"][0]["url"] == "/ar/exchanges/?state=under-way"
    with translation.override("ar"):
        submitted, heading = str(State.SUBMITTED.label), gettext("Work waiting")
    assert shown["applications"][0]["label"] == submitted and submitted != "Submitted"
    assert heading in html


def test_the_admin_home_costs_the_same_with_3_or_30_waiting_requests(client, world):
    as_role(client, world, "staff")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured)

    for n in range(3):
        ask(world["focal point of A"], world["city A"], f"Question {n}")
    queries()  # the first visit fills the caches (menus, chrome) that every later one reads
    few = queries()
    for n in range(3, 30):
        ask(world["focal point of A"], world["city A"], f"Question {n}")
    assert work_panel(client)["help-requests"][0]["count"] == "30"
    assert queries() == few
    staff = type(world["staff"]).objects.get(pk=world["staff"].pk)
    with CaptureQueriesContext(connection) as captured:
        panels.work_for(staff)
    assert len(captured) <= 1 + len(panels.registered())  # the person's roles, then one query a queue


def test_staff_privileges_wait_for_the_second_factor_in_every_queue(waiting):
    """Whatever page asks (not only the admin home, which sends them to the code first), the
    queues give staff who have not confirmed a code nothing more than their other roles allow."""
    for role in ("staff without a second factor", "hub staff of A's hub without a second factor"):
        person = waiting[role]
        assert [section.name for section in panels.work_for(person)] != []  # a task's or a command's user
        held_back = type(person).objects.get(pk=person.pk)
        hold_back_until_verified(held_back)
        assert panels.work_for(held_back) == []


def test_a_translator_sees_the_open_translation_reports_and_nothing_else(client, waiting):
    homes = build_homes()
    french = translate(make_page(homes["en"], "About us", ["Our work in cities."]), "fr")
    report = reports.report_submit(page=french, quote="[fr] Our work in cities.", language="fr")
    TranslationReport.objects.filter(pk=report.pk).update(created_at=days_ago(20))
    translator = make_person("translator@example.org")
    role_grant(user=translator, role=Role.TRANSLATOR)
    client.force_login(translator)
    confirm_second_factor(client, translator)
    assert work_panel(client) == {
        "translation-reports": [
            {
                "label": "French",
                "count": "1",
                "age": "oldest: 20 days Needs attention",
                "url": "/admin/translation-reports/?state=open&language=fr",
            }
        ]
    }
    assert (
        "[fr] Our work in cities." in client.get("/admin/translation-reports/?state=open&language=fr").content.decode()
    )


@pytest.fixture
def overdue_actions(events_index, world):  # noqa: F811  (the fixture imported above)
    """A past summit of the ESA hub with two next steps overdue: one owned by city A (ESA), due
    ten days ago, one by city B (MENA), due three days ago; and one not yet due."""
    summit = make_event(
        events_index["en"], title="Nairobi summit", start=days_from_now(-30), hub=Hub.objects.get(code="esa")
    )
    today = timezone.localdate()
    for title, owner, days in (("Train", "city A", -10), ("Map", "city B", -3), ("Later", "city A", 20)):
        action_services.action_create(
            event=summit,
            actor=world["staff"],
            title=title,
            due=today + datetime.timedelta(days=days),
            owner_city=world[owner],
        )
    return world


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("staff", ("2", "oldest: 10 days Needs attention")),
        ("hub staff of A's hub", ("2", "oldest: 10 days Needs attention")),  # the hub's own event
        ("hub staff of another hub", ("1", "oldest: 3 days Needs attention")),  # city B's step only
    ],
)
def test_overdue_actions_are_counted_for_those_who_follow_them(client, overdue_actions, role, expected):
    as_role(client, overdue_actions, role)
    (row,) = work_panel(client)["actions"]
    assert (row["label"], row["count"], row["age"]) == ("Overdue", *expected)
    assert row["url"] == "/admin/event-actions/?overdue=on"
    board = client.get(row["url"]).content.decode()
    assert "Map" in board and "Later" not in board


def hub_comparison(client) -> dict[str, list[str]] | None:
    """The Management Unit's comparison on the admin home, as {hub: [the first line of each cell]}."""
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    table = soup.select_one("[data-hub-comparison]")
    if table is None:
        return None
    columns = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    rows = {}
    for tr in table.select("tbody tr"):
        rows[tr.th.get_text(strip=True)] = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
    return {"columns": columns, **rows}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_management_unit_compares_hubs(client, waiting, role, two_factor_required):
    as_role(client, waiting, role)
    assert (hub_comparison(client) is not None) == (role == "staff")


def test_the_management_unit_compares_what_waits_hub_by_hub(client, waiting):
    as_role(client, waiting, "staff")
    shown = hub_comparison(client)
    assert shown["columns"] == [
        "Applications to join", "Help requests", "Exchanges", "Engagement", "Actions from events"
    ]  # fmt: skip
    esa, mena = Hub.objects.get(code="esa").name, Hub.objects.get(code="mena").name
    assert shown[esa] == ["1 oldest: 12 days", "2 oldest: 5 days", "1", "0", "0"]
    assert shown[mena] == ["1 oldest: 30 days Needs attention", "1 oldest: 40 days Needs attention", "0", "0", "0"]
    assert shown["Central team"] == ["0", "0", "0", "0", "0"]
    # Each figure opens its queue filtered to that hub, listing what it counted.
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    links = {a.get_text(strip=True) + " " + a["href"] for a in soup.select("[data-hub-comparison] a")}
    assert "1 /admin/applications/?hub=esa" in links and "2 /admin/help-desk/?hub=esa" in links
    page = client.get("/admin/applications/?hub=esa").content.decode()
    assert "Nairobi County" in page and "Fes" not in page
    page = client.get("/admin/help-desk/?hub=mena").content.decode()
    assert "Youth outreach" in page and "Question 0" not in page


def test_overdue_actions_are_compared_by_the_owners_hub(client, overdue_actions):
    as_role(client, overdue_actions, "staff")
    shown = hub_comparison(client)
    esa, mena = Hub.objects.get(code="esa").name, Hub.objects.get(code="mena").name
    assert shown[esa][4] == "1 oldest: 10 days Needs attention"
    assert shown[mena][4] == "1 oldest: 3 days Needs attention"
    board = client.get(f"/admin/event-actions/?overdue=on&hub={Hub.objects.get(code='mena').pk}").content.decode()
    assert "Map" in board and "Train" not in board


def test_the_comparison_speaks_arabic_and_costs_one_query_a_queue(client, waiting):
    waiting["staff"].preferred_language = "ar"
    waiting["staff"].save(update_fields=["preferred_language"])
    as_role(client, waiting, "staff")
    shown = hub_comparison(client)
    with translation.override("ar"):
        esa, central = Hub.objects.get(code="esa").name, gettext("Central team")
    assert esa in shown and central in shown
    staff = type(waiting["staff"]).objects.get(pk=waiting["staff"].pk)
    compared = [entry for entry in panels.registered() if entry.by_hub]
    with CaptureQueriesContext(connection) as captured:
        panels.hub_comparison(staff)
    assert len(captured) <= 2 + 2 * len(compared)  # roles, hubs, then each queue's own rule and grouped query
