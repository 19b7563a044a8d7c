"""The dormant members in the admin (/admin/engagement/dormant/): the Management Unit sees every one
(and filters by hub), hub staff their hub's, nobody else; each row says the hub, the last activity, the
focal point's language and the last check-in, never a contact; a bounded number of queries; the admin
home's "Work waiting" panel counts them; the page speaks Arabic right to left."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import Role
from accounts.services import role_grant
from activity.models import CheckIn, Kind
from activity.services import Entry, activity_record, engagement_sync
from cities.models import Country, Hub
from cities.tests.factories import CityFactory, add_focal_point
from conftest import ROLES, as_role, make_person
from core.l10n import cldr_date

pytestmark = pytest.mark.django_db

URL = "/admin/engagement/dormant/"


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def did(city, kind, days):
    activity_record([Entry(city_id=city.pk, kind=kind, at=days_ago(days))])


@pytest.fixture
def network(world):
    """City A (ESA hub): nothing ever. City B (MENA hub): an exchange message 400 days ago. Practitioner
    Home (Ghana, no hub: the central team): nothing. Active Town (ESA): a help request last week. New
    Town (ESA): joined a month ago, nothing yet (not dormant: not a member for a year)."""
    kenya = Country.objects.get(code="KE")
    did(world["city B"], Kind.EXCHANGE_MESSAGE, 400)
    active = CityFactory(slug="active-town", name="Active Town", country=kenya)
    did(active, Kind.HELP_REQUEST, 7)
    CityFactory(
        slug="new-town", name="New Town", country=kenya, date_joined=timezone.localdate() - datetime.timedelta(days=30)
    )
    world["focal point of B"].preferred_language = "fr"
    world["focal point of B"].save(update_fields=["preferred_language"])
    add_focal_point(world["city A"], visibility="members", email="contact-a@example.org", name="Amina Contact")
    engagement_sync()  # what each authority's save does after its commit (the fixtures' run inside one)
    return world


def dormant_rows(response) -> list[dict] | None:
    if response.status_code != 200:
        return None
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("table", attrs={"data-dormant-list": True})
    rows = []
    for tr in table.select("tbody tr[data-city]"):
        cells = [" ".join(td.get_text(" ", strip=True).split()) for td in tr.find_all("td")]
        rows.append(dict(zip(("city", "hub", "last", "language", "check_in", "action"), cells, strict=True)))
    return rows


NEVER = ("Nothing recorded", "No focal point to write to", "Never")
EXPECTED = {
    "staff": [
        "Practitioner Home",
        "City A",
        "City B",
    ],  # nothing ever first (oldest record first), then the longest silent
    "hub staff of A's hub": ["City A"],
    "hub staff of another hub": ["City B"],
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_the_dormant_members_it_follows_only(client, network, role, two_factor_required):
    as_role(client, network, role)
    rows = dormant_rows(client.get(URL))
    if role not in EXPECTED:  # not staff, or staff who have not confirmed their second factor
        assert rows is None
        assert client.post(f"{URL}{network['city A'].pk}/check-in/").status_code in (302, 403)
        assert not CheckIn.objects.exists()
        return
    assert [row["city"] for row in rows] == EXPECTED[role]


def test_each_row_says_hub_last_activity_language_and_check_in_never_a_contact(client, network):
    as_role(client, network, "staff")
    response = client.get(URL)
    by_city = {row["city"]: row for row in dormant_rows(response)}
    assert by_city["City A"]["hub"] == Hub.objects.get(code="esa").name
    assert (by_city["City A"]["last"], by_city["City A"]["language"], by_city["City A"]["check_in"]) == (
        "Nothing recorded",
        "English",
        "Never",
    )
    assert by_city["City B"]["last"] == f"{cldr_date(days_ago(400))} · Message in an exchange"
    assert by_city["City B"]["language"] == "French"
    assert by_city["Practitioner Home"]["hub"] == "Central team"
    assert by_city["Practitioner Home"]["language"] == "No focal point to write to"
    html = response.content.decode()
    for contact in ("focal-a@example.org", "focal-b@example.org", "contact-a@example.org", "Amina Contact"):
        assert contact not in html


def test_the_management_unit_filters_by_hub_and_hub_staff_cannot_widen(client, network):
    as_role(client, network, "staff")
    assert [row["city"] for row in dormant_rows(client.get(f"{URL}?hub=mena"))] == ["City B"]
    assert [row["city"] for row in dormant_rows(client.get(f"{URL}?hub=central"))] == ["Practitioner Home"]
    as_role(client, network, "hub staff of A's hub")
    assert [row["city"] for row in dormant_rows(client.get(f"{URL}?hub=mena"))] == ["City A"]  # not theirs: ignored
    assert [row["city"] for row in dormant_rows(client.get(f"{URL}?hub=central"))] == ["City A"]


def test_a_city_that_does_something_leaves_the_list(client, network, django_capture_on_commit_callbacks):
    as_role(client, network, "hub staff of A's hub")
    with django_capture_on_commit_callbacks(execute=True):
        network["city A"].save_revision(user=network["focal point of A"])
    assert dormant_rows(client.get(URL)) == []


def test_the_list_costs_the_same_with_3_or_60_dormant_members_and_pages_them(
    client, network, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    as_role(client, network, "staff")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    queries()  # the first visit fills the caches (menus, chrome) that every later one reads
    few = queries()
    kenya, esa_staff = Country.objects.get(code="KE"), network["hub staff of A's hub"]
    for n in range(57):
        with django_capture_on_commit_callbacks(execute=True):  # its engagement row, written after the commit
            city = CityFactory(slug=f"quiet-{n:02}", name=f"Quiet {n:02}", country=kenya)
        focal = make_person(f"focal-{n}@example.org", preferred_language=["ar", "fr", "es"][n % 3])
        role_grant(user=focal, role=Role.FOCAL_POINT, city=city)
        did(city, Kind.ENDORSEMENT, 500 + n)
        CheckIn.objects.create(city=city, sent_by=esa_staff, sent_at=days_ago(n % 20))
    queries()  # the network's figures in the chrome follow the data version, moved on by the new members
    many = queries()
    assert many == few
    with django_assert_max_num_queries(few):
        assert client.get(f"{URL}?page=2").status_code == 200
    first = dormant_rows(client.get(URL))
    second = dormant_rows(client.get(f"{URL}?page=2"))
    assert len(first) == 50 and len(second) == 10
    assert [row["city"] for row in first[:3]] == ["Practitioner Home", "City A", "Quiet 56"]  # longest silent first
    assert second[-1]["city"] == "City B"
    assert "Page 1 of 2" in client.get(URL).content.decode()


def test_the_admin_home_counts_dormant_members_for_those_who_follow_them(client, network):
    def engagement_row(role):
        as_role(client, network, role)
        soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
        table = soup.select_one('[data-work-queue="engagement"]')
        if table is None:
            return None
        cell = table.select_one("tbody td a")
        return (cell.get_text(strip=True), cell["href"], table.select("tbody td")[1].get_text(strip=True))

    assert engagement_row("staff") == ("Members with no activity for a year", URL, "3")
    assert engagement_row("hub staff of A's hub") == ("Members with no activity for a year", URL, "1")
    assert engagement_row("focal point of A") is None


def test_the_management_unit_compares_dormant_members_hub_by_hub(client, network):
    """City A (ESA), City B (MENA), Practitioner Home (the central team): one each, each linking to its list."""
    as_role(client, network, "staff")
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    table = soup.select_one("[data-hub-comparison]")
    column = [th.get_text(strip=True) for th in table.select("thead th")].index("Engagement")
    cells = {tr.th.get_text(strip=True): tr.find_all(["th", "td"])[column] for tr in table.select("tbody tr")}
    esa, mena = Hub.objects.get(code="esa").name, Hub.objects.get(code="mena").name
    assert cells[esa].a["href"] == f"{URL}?hub=esa" and cells[esa].get_text(strip=True) == "1"
    assert cells[mena].get_text(strip=True) == "1" and cells["Central team"].a["href"] == f"{URL}?hub=central"
    listed = dormant_rows(client.get(cells[mena].a["href"]))
    assert [row["city"] for row in listed] == ["City B"]


def test_the_list_in_arabic_reads_right_to_left(client, network):
    staff = network["staff"]
    staff.preferred_language = "ar"
    staff.save(update_fields=["preferred_language"])
    as_role(client, network, "staff")
    html = client.get(URL).content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    rows = {row["city"]: row for row in dormant_rows(client.get(URL))}
    with translation.override("ar"):
        date, kind, central = cldr_date(days_ago(400)), str(Kind.EXCHANGE_MESSAGE.label), "Central team"
        hub_name = Hub.objects.get(code="mena").name
    city_b = next(row for name, row in rows.items() if "City B" in name)
    assert city_b["last"] == f"{date} · {kind}" and date != cldr_date(days_ago(400))  # Arabic month names
    assert city_b["hub"] == hub_name
    assert len(rows) == 3 and central


def test_a_member_suspended_or_moved_to_another_hub_follows_at_once(
    client, network, django_capture_on_commit_callbacks
):
    from cities.services import city_change_stage

    as_role(client, network, "hub staff of another hub")
    with django_capture_on_commit_callbacks(execute=True):
        city_change_stage(city=network["city B"], to="suspended", actor=network["staff"], note="No answer.")
    assert dormant_rows(client.get(URL)) == []  # not a member any more
    city_a = network["city A"]
    with django_capture_on_commit_callbacks(execute=True):
        city_a.country = Country.objects.get(code="MA")
        city_a.save()
    assert [row["city"] for row in dormant_rows(client.get(URL))] == ["City A"]


def test_the_member_authorities_list_says_each_ones_engagement_in_a_bounded_number_of_queries(client, network):
    """The admin's list of member authorities: a column with each member's level and last activity."""
    as_role(client, network, "staff")
    listing = "/admin/snippets/cities/city/?ordering=name"

    def engagement_column(response) -> dict[str, str]:
        soup = BeautifulSoup(response.content, "html.parser")
        headers = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
        name, column = headers.index("Official name"), headers.index("Engagement")
        rows = [tr.find_all(["td", "th"]) for tr in soup.select("table.listing tbody tr")]
        return {cells[name].a.get_text(strip=True): cells[column].get_text(" ", strip=True) for cells in rows}

    client.get(listing)  # menus and chrome cached, as on every later visit
    with CaptureQueriesContext(connection) as few:
        shown = engagement_column(client.get(listing))
    assert shown["City A"] == "Dormant · nothing recorded"
    assert shown["Active Town"] == f"Active · {cldr_date(days_ago(7))}"
    assert shown["New Town"] == "Quiet · nothing recorded"
    for n in range(20):
        CityFactory(slug=f"extra-{n}", name=f"Extra {n}", country=Country.objects.get(code="KE"))
    engagement_sync()
    client.get(listing)  # the network's data changed: its caches fill again once
    with CaptureQueriesContext(connection) as many:
        engagement_column(client.get(listing))
    assert len(many) == len(few)
