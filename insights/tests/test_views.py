"""The staff's "Network insights" page, its CSV downloads and the admin home's "Members by quarter" panel,
for every role (hub staff see their own hub only, whatever `?hub=` asks); the public "network in numbers"
and its CSV files (the public-safe figures only), in English and Arabic; CSV files safe in spreadsheets."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches

from cities.models import Country, Hub
from cities.tests.factories import CityFactory
from conftest import ROLES, as_role
from events.tests.conftest import _events_index_ids, events_index  # noqa: F401 (fixtures)
from insights.tests.builders import build_activity, build_members

pytestmark = pytest.mark.django_db

STAFF_FIGURES = [
    "members-by-hub", "members-by-type", "new-members", "exchanges-and-help", "first-answer",
    "attendance-by-region", "declaration-progress",
]  # fmt: skip
PUBLIC_FIGURES = ["members-by-region", "members-by-type", "members-over-time", "countries", "events-held"]


@pytest.fixture(autouse=True)
def _clear_shared_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def network(world, events_index, two_factor_required):  # noqa: F811  (the fixture imported above)
    build_members(world)
    return build_activity(world, events_index)


def figures_on(response) -> dict[str, dict]:
    """{figure: {"title", "header": [...], "rows": [[...]], "csv", "empty", "chart"}} as the page shows them."""
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for section in soup.select("[data-insights-figure]"):
        table = section.find("table")
        found[section["data-insights-figure"]] = {
            "title": section.find(["h2", "h3"]).get_text(strip=True),
            "header": [th.get_text(strip=True) for th in table.select("thead th")] if table else [],
            "rows": [
                [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")
            ]
            if table
            else [],
            "caption": table.caption.get_text(strip=True) if table else "",
            "csv": section.select_one(".insights-download a")["href"],
            "empty": section.select_one("[data-insights-empty]") is not None,
            "chart": section.select_one("[data-insights-chart]")["data-insights-chart"] if table else None,
        }
    return found


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


# Who sees the insights page: (status, scope shown as the last column of "members by hub").
PAGE = {
    "anonymous": (302, None),
    "practitioner": (302, None),
    "focal point of A": (302, None),
    "focal point of B": (302, None),
    "hub staff of A's hub": (200, "East & Southern Africa Hub"),
    "hub staff of another hub": (200, "Middle East & North Africa Hub"),
    "staff": (200, "All hubs"),
    "staff without a second factor": (302, None),
    "hub staff of A's hub without a second factor": (302, None),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_insights_page_by_role(client, network, role):
    status, last_column = PAGE[role]
    response = as_role(client, network, role).get("/admin/insights/")
    assert response.status_code == status
    if status != 200:
        assert b"data-insights-figure" not in response.content
        return
    shown = figures_on(response)
    assert list(shown) == STAFF_FIGURES
    assert shown["members-by-hub"]["header"][-1] == last_column
    for figure in shown.values():
        # each chart's numbers in a captioned table under it, or a clear "no data yet"
        assert figure["caption"] == figure["title"] if not figure["empty"] else figure["rows"] == []
        assert figure["csv"].startswith("/admin/insights/")


def test_hub_staff_see_their_hubs_numbers_only(client, network):
    shown = figures_on(as_role(client, network, "hub staff of A's hub").get("/admin/insights/"))
    assert shown["members-by-hub"]["header"] == ["Quarter", "East & Southern Africa Hub"]
    assert shown["members-by-hub"]["rows"] == [["Q1 2026", "1"], ["Q2 2026", "2"], ["Q3 2026", "2"], ["Q4 2026", "2"]]
    assert shown["first-answer"]["rows"] == [["East & Southern Africa Hub", "1", "3"]]
    assert shown["members-by-hub"]["csv"] == "/admin/insights/members-by-hub.csv?hub=esa"
    page = as_role(client, network, "hub staff of A's hub").get("/admin/insights/")
    assert b"Middle East &amp; North Africa Hub" not in page.content
    # another hub's figures, asked for in the address: not found, page or CSV
    assert client.get("/admin/insights/?hub=mena").status_code == 404
    assert client.get("/admin/insights/first-answer.csv?hub=mena").status_code == 404
    assert client.get("/admin/insights/?hub=no-such-hub").status_code == 404


def test_the_management_unit_chooses_the_whole_network_or_one_hub(client, network):
    as_role(client, network, "staff")
    whole = figures_on(client.get("/admin/insights/"))
    assert whole["first-answer"]["rows"] == [
        ["East & Southern Africa Hub", "1", "3"],
        ["Middle East & North Africa Hub", "1", "1"],
    ]
    assert whole["members-by-hub"]["rows"][-1] == ["Q4 2026", "2", "1", "0", "0", "0", "1", "4"]
    page = client.get("/admin/insights/?hub=mena")
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("#insights-hub option[selected]").get_text(strip=True) == "Middle East & North Africa Hub"
    assert figures_on(page)["first-answer"]["rows"] == [["Middle East & North Africa Hub", "1", "1"]]


# CSV downloads: (status for the network's / own figures, status for ?hub=mena)
CSV = {
    "anonymous": (302, 302),
    "practitioner": (302, 302),
    "focal point of A": (302, 302),
    "focal point of B": (302, 302),
    "hub staff of A's hub": (200, 404),
    "hub staff of another hub": (200, 200),
    "staff": (200, 200),
    "staff without a second factor": (302, 302),
    "hub staff of A's hub without a second factor": (302, 302),
}


@pytest.mark.parametrize("role", ROLES)
def test_csv_downloads_by_role(client, network, role):
    as_role(client, network, role)
    own, mena = CSV[role]
    response = client.get("/admin/insights/first-answer.csv")
    assert response.status_code == own
    if own == 200:
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
        rows = read_csv(response)
        assert rows[0] == ["Regional Hub", "Requests answered", "Median days to first answer"]
        hubs = {row[0] for row in rows[1:]}
        expected = {
            "hub staff of A's hub": {"East & Southern Africa Hub"},
            "hub staff of another hub": {"Middle East & North Africa Hub"},
            "staff": {"East & Southern Africa Hub", "Middle East & North Africa Hub"},
        }
        assert hubs == expected[role]
    assert client.get("/admin/insights/first-answer.csv?hub=mena").status_code == mena
    if own == 200:
        assert client.get("/admin/insights/no-such-figure.csv").status_code == 404


def test_every_staff_figure_downloads_with_the_tables_numbers(client, network):
    as_role(client, network, "staff")
    shown = figures_on(client.get("/admin/insights/"))
    for slug, figure in shown.items():
        rows = read_csv(client.get(figure["csv"]))
        assert rows[0] == figure["header"], slug
        assert len(rows) - 1 == len(figure["rows"]), slug
    assert read_csv(client.get("/admin/insights/new-members.csv"))[1:] == [
        ["Q4 2025", "1", "1"], ["Q1 2026", "1", "2"], ["Q2 2026", "2", "4"], ["Q3 2026", "0", "4"], ["Q4 2026", "0", "4"],
    ]  # fmt: skip


def test_csv_cells_that_would_be_formulas_are_made_text(client, network):
    Hub.objects.filter(code="esa").update(name_en='=HYPERLINK("http://evil.example")')
    Hub.objects.filter(code="mena").update(name_en="@SUM(1+1)")
    as_role(client, network, "staff")
    rows = read_csv(client.get("/admin/insights/first-answer.csv"))
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://evil.example")', "'@SUM(1+1)"]
    header = read_csv(client.get("/admin/insights/members-by-hub.csv"))[0]
    assert header[1] == '\'=HYPERLINK("http://evil.example")'


def test_figures_with_no_data_show_an_empty_state(client, world, two_factor_required):
    as_role(client, world, "staff")
    response = client.get("/admin/insights/")
    assert response.status_code == 200
    shown = figures_on(response)
    assert all(shown[slug]["empty"] for slug in STAFF_FIGURES if slug != "members-by-hub")
    assert b"No data yet" in response.content
    assert read_csv(client.get("/admin/insights/first-answer.csv")) == [
        ["Regional Hub", "Requests answered", "Median days to first answer"]
    ]


def grow(start: int, count: int):
    kenya = Country.objects.get(code="KE")
    for n in range(start, start + count):
        CityFactory(slug=f"grown-{n}", name=f"Grown {n}", country=kenya, date_joined=f"20{10 + n % 15}-0{1 + n % 9}-01")


@pytest.mark.parametrize("path", ["/admin/insights/", "/admin/insights/?hub=esa", "/en/network-in-numbers/"])
def test_pages_run_a_bounded_number_of_queries(client, network, path, django_assert_max_num_queries):
    """Computed in the request here (the test's transaction is never committed, so nothing is kept):
    the same number of queries with 3 or 33 more members."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    as_role(client, network, "staff")
    grow(0, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    grow(3, 30)
    with django_assert_max_num_queries(len(few)):
        assert client.get(path).status_code == 200


def test_the_admin_home_panel_shows_members_by_quarter_for_the_persons_scope(client, network):
    def panel(role):
        response = as_role(client, network, role).get("/admin/")
        soup = BeautifulSoup(response.content, "html.parser")
        box = soup.find(id="members-by-quarter-section")
        if box is None:
            return None
        return [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in box.select("tbody tr")]

    assert panel("staff")[-1] == ["Q4 2026", "0", "4"]
    assert panel("hub staff of A's hub") == [
        ["Q1 2026", "1", "1"],
        ["Q2 2026", "1", "2"],
        ["Q3 2026", "0", "2"],
        ["Q4 2026", "0", "2"],
    ]
    assert panel("hub staff of another hub")[-1] == ["Q4 2026", "0", "1"]
    response = as_role(client, network, "hub staff of A's hub").get("/admin/")
    assert b'href="/admin/insights/?hub=esa"' in response.content


# The public "network in numbers": the same for every role, the public-safe figures only.


@pytest.mark.parametrize("role", ROLES)
def test_the_public_page_is_the_same_for_everyone(client, network, role):
    response = as_role(client, network, role).get("/en/network-in-numbers/")
    assert response.status_code == 200
    shown = figures_on(response)
    assert list(shown) == PUBLIC_FIGURES
    assert shown["members-by-region"]["rows"] == [
        ["East & Southern Africa", "2"], ["Middle East & North Africa", "1"], ["West Africa & Sahel", "1"],
    ]  # fmt: skip
    assert shown["members-by-type"]["rows"] == [["City", "1"], ["Municipality", "3"]]
    content = BeautifulSoup(response.content, "html.parser").select_one(".insights--public").get_text(" ")
    for private in ("help", "Help", "Median", "Joining Town", "@example.org", "Hub staff"):
        assert private not in content
    csv_response = client.get("/en/network-in-numbers/countries.csv")
    assert csv_response.status_code == 200
    assert read_csv(csv_response) == [
        ["Region", "Countries"], ["East & Southern Africa", "1"], ["Middle East & North Africa", "1"],
        ["West Africa & Sahel", "1"],
    ]  # fmt: skip
    assert client.get("/en/network-in-numbers/first-answer.csv").status_code == 404


def test_the_public_page_for_visitors_is_cacheable_and_loads_only_our_files(client, network):
    response = client.get("/en/network-in-numbers/")
    assert "public" in response["Cache-Control"] and "Cookie" not in response.get("Vary", "")
    soup = BeautifulSoup(response.content, "html.parser")
    sources = [tag["src"] for tag in soup.find_all("script") if tag.get("src")]
    assert any("insights/vendor/chart.js/chart.umd.min.js" in src for src in sources)
    assert all(src.startswith("/static/") for src in sources)


def test_the_public_page_in_arabic_reads_right_to_left(client, network):
    response = client.get("/ar/network-in-numbers/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["dir"] == "rtl" and soup.html["lang"] == "ar"
    shown = figures_on(response)
    assert [row[0] for row in shown["members-by-region"]["rows"]] == [
        "شرق أفريقيا وجنوبها", "الشرق الأوسط وشمال أفريقيا", "غرب أفريقيا والساحل",
    ]  # fmt: skip
    assert shown["members-by-region"]["csv"] == "/ar/network-in-numbers/members-by-region.csv"
    rows = read_csv(client.get("/ar/network-in-numbers/members-by-region.csv"))
    assert rows[1] == ["شرق أفريقيا وجنوبها", "2"]


def test_the_staff_page_in_arabic_reads_right_to_left(client, network):
    staff = network["staff"]
    staff.preferred_language = "ar"
    staff.save()
    response = as_role(client, network, "staff").get("/admin/insights/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["dir"] == "rtl"
    assert "مركز شرق أفريقيا وجنوبها" in figures_on(response)["members-by-hub"]["header"]
