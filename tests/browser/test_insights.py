"""The network's figures in a browser (issue 15, part 3): the staff's "Network insights" page for the
Management Unit and for hub staff, and the public "network in numbers", in English on a desktop and in
Arabic on a phone. Every chart is drawn by the project's own copy of Chart.js (nothing from another host),
says the same numbers as the table beside it and as its CSV file; hub staff see their hub only, the public
nothing staff-only; a figure with nothing to count shows its empty state; axe-core finds nothing serious."""

import csv
import io
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import inject_axe, wait_for_js
from tests.browser.test_dashboard import serious, staff_member
from tests.browser.test_machine_translation import admin_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADMIN_URL = "/admin/insights/"

# Every figure on the page as the reader meets it: the chart (its canvas' size, and what Chart.js was
# given), the table under it (as the reader reads it) and the CSV link.
FIGURES_ON_PAGE = """() => [...document.querySelectorAll('[data-insights-figure]')].map((section) => {
  const holder = section.querySelector('[data-insights-chart]');
  const canvas = holder && holder.querySelector('canvas');
  const box = canvas ? canvas.getBoundingClientRect() : null;
  const chart = canvas && window.Chart ? window.Chart.getChart(canvas) : null;
  const table = section.querySelector('table');
  const link = section.querySelector('.insights-download a');
  return {
    slug: section.dataset.insightsFigure,
    title: section.querySelector('h2, h3').textContent.trim(),
    empty: !!section.querySelector('[data-insights-empty]'),
    canvas: box ? {width: box.width, height: box.height, hidden: holder.hidden} : null,
    chart: chart ? {labels: chart.data.labels,
                    datasets: chart.data.datasets.map((d) => ({label: d.label, data: d.data}))} : null,
    headers: table ? [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim()) : [],
    rows: table ? [...table.querySelectorAll('tbody tr')].map((tr) => ({
      label: tr.querySelector('th').textContent.trim(),
      cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
    })) : [],
    csv: link ? link.href : null,
  };
})"""

ALL_CHARTS_DRAWN = """[...document.querySelectorAll('[data-insights-chart] canvas')]
  .every((canvas) => window.Chart && window.Chart.getChart(canvas))"""

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def as_number(text: str) -> float | None:
    """A number as the page writes it in English or Arabic (grouping, Arabic decimal sign, either digits)."""
    text = text.translate(_DIGITS)
    for mark in (",", "٬", " ", "\u00a0", "\u202f", "\u200e", "\u200f", "\u061c"):
        text = text.replace(mark, "")
    text = text.replace("٫", ".")
    return float(text) if text else None


def local_requests(page, site) -> list[str]:
    """Collects every request the page makes to a host other than the live server's."""
    own = urlsplit(site.url).netloc
    foreign: list[str] = []

    def on_request(request):
        address = urlsplit(request.url)
        if address.scheme in ("http", "https", "ws", "wss") and address.netloc != own:
            foreign.append(request.url)

    page.on("request", on_request)
    return foreign


def check_chart_library(page, site) -> None:
    """Chart.js was loaded, from the project's static files."""
    sources = page.locator("script[src*='chart.umd']").evaluate_all("(nodes) => nodes.map((n) => n.src)")
    assert sources, "Chart.js is not on the page"
    assert all(source.startswith(f"{site.url}/static/insights/vendor/chart.js/") for source in sources), sources
    assert page.evaluate("typeof window.Chart") == "function"


def read_csv(page, url: str, *, content_type: str = "text/csv") -> list[list[str]]:
    response = page.request.get(url)
    assert response.status == 200, (url, response.status)
    assert response.headers["content-type"].startswith(content_type)
    assert "attachment" in response.headers.get("content-disposition", "")
    text = response.body().decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read Arabic names right
    return list(csv.reader(io.StringIO(text[1:])))


def check_figures(page, *, expected_slugs: list[str], all_drawn: bool = True) -> list[dict]:
    """Every chart drawn, with the numbers of the table beside it, and the CSV file with the same."""
    wait_for_js(page, ALL_CHARTS_DRAWN)
    found = page.evaluate(FIGURES_ON_PAGE)
    assert [figure["slug"] for figure in found] == expected_slugs
    assert any(not figure["empty"] for figure in found), "the demo network should give at least one chart"
    if all_drawn:
        assert [figure["slug"] for figure in found if figure["empty"]] == []
    for figure in found:
        assert figure["csv"], figure["slug"]
        rows = read_csv(page, figure["csv"])
        if figure["empty"]:
            assert figure["canvas"] is None and figure["chart"] is None
            assert len(rows) == 1, (figure["slug"], rows)  # the header only
            continue
        name = figure["slug"]
        canvas = figure["canvas"]
        assert canvas and not canvas["hidden"] and canvas["width"] > 100 and canvas["height"] > 100, (name, canvas)
        chart = figure["chart"]
        assert chart, f"{name}: no chart drawn"
        numbers = [[as_number(cell) for cell in row["cells"]] for row in figure["rows"]]
        assert figure["rows"], name
        # The chart: one category per table row, each series the numbers of its column.
        assert chart["labels"] == [row["label"] for row in figure["rows"]], name
        assert chart["datasets"], name
        for dataset in chart["datasets"]:
            column = figure["headers"].index(dataset["label"]) - 1
            assert column >= 0, (name, dataset["label"])
            assert dataset["data"] == [row[column] for row in numbers], (name, dataset["label"])
        # The CSV: the table's headers and rows, its numbers unformatted.
        assert rows[0] == figure["headers"], name
        assert [row[0] for row in rows[1:]] == [row["label"] for row in figure["rows"]], name
        assert [[float(value) if value else None for value in row[1:]] for row in rows[1:]] == numbers, name
    return found


@pytest.fixture
def activity(site):
    """On top of the demo network (members only): help requests in two hubs, answered after 3 and 1 days,
    an exchange, a past event in Kenya with three places (two attended), and a declaration endorsed by
    two members, one of whom reports a commitment achieved: every staff figure has something to draw."""
    import datetime

    from django.contrib.auth import get_user_model

    from accounts.models import Role
    from accounts.services import role_grant
    from cities.models import City, Country, PracticeArea
    from core.models import HomePage
    from events import declarations
    from events.models import DeclarationPage, EventIndexPage, EventPage, Registration
    from events.tests.conftest import days_from_now, make_event, publish
    from exchanges import services as exchange_services
    from helpdesk.models import HelpRequest
    from insights.tests.builders import answered_after, ask

    people = get_user_model().objects
    helper = people.create_user(email="answers@example.org", name="Answers", password="x")
    role_grant(user=helper, role=Role.MANAGEMENT_UNIT)
    kenyan = City.objects.public().filter(country__region__hub__code="esa").first()
    moroccan = City.objects.public().filter(country__region__hub__code="mena").first()
    focal = {}
    for city in (kenyan, moroccan):
        focal[city.pk] = people.create_user(email=f"focal-{city.pk}@example.org", name="Focal", password="x")
        role_grant(user=focal[city.pk], role=Role.FOCAL_POINT, city=city)
    first = ask(focal[kenyan.pk], kenyan, "First")
    ask(focal[kenyan.pk], kenyan, "Second")
    answered_after(HelpRequest.objects.get(pk=first.pk), helper, 3)
    answered_after(ask(focal[moroccan.pk], moroccan, "From Morocco"), helper, 1)
    exchange_services.exchange_request(
        requester=kenyan, partner=moroccan, areas=[PracticeArea.objects.get(code="youth-engagement")],
        message="We would like to learn how your youth forum works.", actor=focal[kenyan.pk],
    )  # fmt: skip

    home = HomePage.objects.filter(locale__language_code="en").first()
    index = EventIndexPage(title="Events (insights)", slug="events-insights", locale=home.locale)
    home.add_child(instance=index)
    index = publish(index)
    event = make_event(
        index, title="Nairobi workshop", start=days_from_now(-30), country=Country.objects.get(code="KE")
    )
    event = EventPage.objects.get(pk=event.pk)
    for n, attended in enumerate([True, True, False]):
        Registration.objects.create(
            event_key=event.translation_key, name=f"Person {n}", email=f"p{n}@example.org", language="en",
            status="registered", attended=attended,
        )  # fmt: skip
    page = DeclarationPage(
        title="Nairobi Declaration", slug="nairobi-declaration", locale=home.locale,
        summary="Cities commit to prevention.", adopted_on=datetime.date(2026, 9, 20),
        commitments=[{"type": "commitment", "value": {"title": title, "text": ""}} for title in ("One", "Two")],
    )  # fmt: skip
    index.add_child(instance=page)
    page = publish(page)
    endorsement = declarations.endorsement_create(declaration=page, city=kenyan, actor=helper)
    declarations.endorsement_create(declaration=page, city=moroccan, actor=helper)
    declarations.progress_report(
        endorsement=endorsement, commitment=page.numbered_commitments()[0]["id"], status="achieved", actor=helper
    )


def hub_names(lang: str) -> dict[str, str]:
    from django.utils import translation

    from cities.models import Hub

    with translation.override(lang):
        return {hub.code: str(hub.name) for hub in Hub.objects.all()}


def admin_pictures(admin, screenshot_dir, figures: list[dict], name: str) -> None:
    """The top of the page, then a lower chart: Wagtail's admin scrolls inside its own frame, so a
    full-page screenshot shows only what is in view."""
    admin.locator("h1").first.scroll_into_view_if_needed()
    admin.screenshot(path=str(screenshot_dir / f"{name}-0-top.png"), full_page=True)
    for number, figure in enumerate(figures[1:], start=1):
        admin.locator(f"#figure-{figure['slug']}").scroll_into_view_if_needed()
        admin.screenshot(path=str(screenshot_dir / f"{name}-{number}-{figure['slug']}.png"))


def no_overflow(page) -> None:
    """Nothing wider than the phone's screen: wide tables scroll inside their own box."""
    widest = page.evaluate("""() => Math.max(...[...document.querySelectorAll('main *')]
        .filter((el) => !el.closest('.insights-table-wrap'))
        .map((el) => el.getBoundingClientRect().right - el.getBoundingClientRect().left))""")
    assert widest <= page.viewport_size["width"] + 1, widest


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390)])
def test_the_management_unit_reads_the_network_insights(
    site, activity, browser, screenshot_dir, page_errors, axe_path, lang, width
):
    from accounts.models import Role
    from insights.figures import STAFF_FIGURES

    staff = staff_member("mu@example.org", lang, role=Role.MANAGEMENT_UNIT)
    context = browser.new_context(viewport={"width": width, "height": 900})
    admin = page_errors(context.new_page())
    foreign = local_requests(admin, site)
    admin_sign_in(admin, site, staff)
    admin.goto(f"{site.url}{ADMIN_URL}")
    assert admin.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert admin.locator("html").get_attribute("lang") == lang
    check_chart_library(admin, site)
    figures = check_figures(admin, expected_slugs=[figure.slug for figure in STAFF_FIGURES])

    # The whole network and every hub to choose from; the network's chart of members shows each hub.
    names = hub_names(lang)
    options = [text.strip() for text in admin.locator("#insights-hub option").all_inner_texts()]
    assert len(options) == len(names) + 1 and set(names.values()) <= set(options)
    by_hub = next(figure for figure in figures if figure["slug"] == "members-by-hub")
    assert len(set(names.values()) & set(by_hub["headers"])) >= 2, by_hub["headers"]

    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin_pictures(admin, screenshot_dir, figures, f"insights-mu-{lang}-{width}")

    # One hub's figures: the choice is kept, and that hub's numbers only.
    admin.select_option("#insights-hub", "mena")
    admin.click("form.insights-scope button[type=submit]")
    admin.wait_for_url("**/admin/insights/?hub=mena")
    assert names["mena"] in admin.locator("body").inner_text()
    assert admin.locator("#insights-hub").input_value() == "mena"
    mena = check_figures(admin, expected_slugs=[figure.slug for figure in STAFF_FIGURES], all_drawn=False)
    assert [figure["slug"] for figure in mena if figure["empty"]] == ["attendance-by-region"]  # events in Kenya
    by_hub = next(figure for figure in mena if figure["slug"] == "members-by-hub")
    assert set(names.values()) & set(by_hub["headers"]) == {names["mena"]}
    assert foreign == [], foreign
    assert page_errors.errors == []
    context.close()


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390)])
def test_hub_staff_read_their_hub_only(site, activity, browser, screenshot_dir, page_errors, axe_path, lang, width):
    from accounts.models import Role
    from cities.models import Hub
    from insights.figures import STAFF_FIGURES

    coordinator = staff_member("esa@example.org", lang, role=Role.HUB_STAFF, hub=Hub.objects.get(code="esa"))
    context = browser.new_context(viewport={"width": width, "height": 900})
    admin = page_errors(context.new_page())
    foreign = local_requests(admin, site)
    admin_sign_in(admin, site, coordinator)
    admin.goto(f"{site.url}{ADMIN_URL}")
    assert admin.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    check_chart_library(admin, site)
    figures = check_figures(admin, expected_slugs=[figure.slug for figure in STAFF_FIGURES])

    names = hub_names(lang)
    assert admin.locator("#insights-hub").count() == 0  # one hub: nothing to choose
    main = admin.locator("main").inner_text()
    assert names["esa"] in admin.locator("body").inner_text()  # the page's subtitle
    others = [name for code, name in names.items() if code != "esa"]
    assert not [name for name in others if name in main], "another hub's name on a hub coordinator's page"
    by_hub = next(figure for figure in figures if figure["slug"] == "members-by-hub")
    assert by_hub["headers"][1:] == [names["esa"]]
    # Another hub's figures and files are not found, whatever the address asks for.
    assert admin.request.get(f"{site.url}{ADMIN_URL}?hub=mena").status == 404
    assert admin.request.get(f"{site.url}{ADMIN_URL}members-by-hub.csv?hub=mena").status == 404
    assert admin.request.get(f"{site.url}{ADMIN_URL}members-by-hub.csv").status == 200  # their own hub's

    # The CSV link downloads a file, as a reader clicking it gets it.
    link = admin.locator("#figure-new-members .insights-download a")
    link.scroll_into_view_if_needed()
    with admin.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "new-members-hub-esa.csv"
    with open(download.value.path(), encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    new_members = next(figure for figure in figures if figure["slug"] == "new-members")
    assert rows[0] == new_members["headers"]
    assert [row[0] for row in rows[1:]] == [row["label"] for row in new_members["rows"]]

    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin_pictures(admin, screenshot_dir, figures, f"insights-hub-{lang}-{width}")
    assert foreign == [], foreign
    assert page_errors.errors == []
    context.close()


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390), ("ar", 1280), ("en", 390)])
def test_a_visitor_reads_the_network_in_numbers(
    site, activity, browser, screenshot_dir, page_errors, axe_path, lang, width
):
    from django.utils import translation

    from insights.figures import MEASURES, PUBLIC_FIGURES, STAFF_FIGURES

    context = browser.new_context(viewport={"width": width, "height": 900})
    visitor = page_errors(context.new_page())
    foreign = local_requests(visitor, site)
    visitor.goto(f"{site.url}/{lang}/network-in-numbers/")
    assert visitor.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    check_chart_library(visitor, site)
    figures = check_figures(visitor, expected_slugs=[figure.slug for figure in PUBLIC_FIGURES])
    assert all(figure["csv"].startswith(f"{site.url}/{lang}/network-in-numbers/") for figure in figures)

    # Nothing staff-only: no help-desk figures, and the staff's files are not served here or to a visitor.
    with translation.override(lang):
        staff_only = [str(MEASURES[key]) for key in ("help-requests", "answered", "median-days")]
        staff_only += [str(figure.title) for figure in STAFF_FIGURES]
    text = visitor.locator("main").inner_text()
    assert not [words for words in staff_only if words in text]
    assert visitor.request.get(f"{site.url}/{lang}/network-in-numbers/first-answer.csv").status == 404
    staff_file = visitor.request.get(f"{site.url}{ADMIN_URL}first-answer.csv")
    assert not staff_file.headers["content-type"].startswith("text/csv")  # the sign-in page instead

    if width == 390:
        no_overflow(visitor)
    inject_axe(visitor, axe_path)
    assert not serious(visitor)
    visitor.screenshot(path=str(screenshot_dir / f"insights-public-{lang}-{width}.png"), full_page=True)
    assert foreign == [], foreign
    assert page_errors.errors == []
    context.close()


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390)])
def test_a_figure_with_nothing_to_count_shows_its_empty_state(
    site, browser, screenshot_dir, page_errors, axe_path, lang, width
):
    """The demo network has had no help request answered: the staff's "time to first answer" says there is
    nothing to count yet, with no chart and no error, and its CSV holds the header only."""
    from django.utils import translation

    from accounts.models import Role
    from helpdesk.models import HelpRequest
    from insights.figures import CATEGORY_LABELS, MEASURES

    assert not HelpRequest.objects.filter(events__kind="answered").exists()
    staff = staff_member("mu@example.org", lang, role=Role.MANAGEMENT_UNIT)
    context = browser.new_context(viewport={"width": width, "height": 900})
    admin = page_errors(context.new_page())
    admin_sign_in(admin, site, staff)
    admin.goto(f"{site.url}{ADMIN_URL}")
    empty = admin.locator("#figure-first-answer")
    assert empty.locator("[data-insights-empty]").is_visible()
    with translation.override(lang):
        message = translation.gettext("No data yet: there is nothing to count for this figure so far.")
        header = [str(CATEGORY_LABELS["hub"]), str(MEASURES["answered"]), str(MEASURES["median-days"])]
    assert message in empty.inner_text()
    assert empty.locator("canvas, table").count() == 0
    rows = read_csv(admin, empty.locator(".insights-download a").evaluate("(a) => a.href"))
    assert rows == [header]
    # The charts that have data are drawn all the same.
    wait_for_js(admin, ALL_CHARTS_DRAWN)
    assert admin.locator("#figure-new-members canvas").count() == 1
    inject_axe(admin, axe_path)
    assert not serious(admin)
    empty.scroll_into_view_if_needed()
    admin.screenshot(path=str(screenshot_dir / f"insights-empty-{lang}-{width}.png"))
    assert page_errors.errors == []
    context.close()
