"""The public site in a real browser (Chromium), in English and in Arabic (right to left).

Pages: the Wagtail home page, the network directory, the map and one member profile.
See conftest.py for the browser, the live server and the demo data.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from cities.views import MAP_LIST_PAGE_SIZE
from cities.views import PAGE_SIZE as DIRECTORY_PAGE_SIZE
from tests.browser.conftest import inject_axe, wait_for_js

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ar"]  # left to right and right to left

PAGES = ["home", "directory", "map", "profile"]
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# The countries are drawn by Leaflet's canvas renderer in their own pane: count the
# GeoJSON shapes on the map and the painted pixels of that pane's canvas.
COUNTRIES_DRAWN = """
() => {
  const el = document.getElementById("network-map");
  const map = el && el.networkMap;
  const canvas = document.querySelector(".leaflet-networkCountries-pane canvas");
  if (!map || !canvas || !canvas.width || !canvas.height) return false;
  let shapes = 0;
  map.eachLayer((layer) => { if (layer.feature && layer.feature.geometry) shapes += 1; });
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4 * 7) if (pixels[i]) painted += 1;
  return shapes && painted ? {shapes, painted} : false;
}
"""

# Members on the map as drawn: the numbers on the cluster icons plus the single points.
MAP_POINTS_SHOWN = """
() => {
  const el = document.getElementById("network-map");
  const map = el.networkMap;
  let single = 0;
  map.eachLayer((layer) => { if (layer.networkCity) single += 1; });
  const clusters = Array.from(el.querySelectorAll(".leaflet-marker-icon.network-map__cluster"));
  return {single, clusters: clusters.map((icon) => icon.querySelector(".network-map__cluster-count").textContent)};
}
"""

AXE_RUN = """
async () => {
  // Nothing is excluded: every serious or critical finding on the map is ours to fix.
  return await axe.run(document, {resultTypes: ["violations"]});
}
"""


def number(text: str) -> int:
    """The first whole number in `text`, in Latin or Arabic-Indic digits, with any grouping."""
    match = re.search(r"\d[\d,.\u066c\u00a0\u202f ]*", text.translate(ARABIC_DIGITS))
    if match is None and re.match(r"[\u0621-\u064a]+(ان|ين)\b", text.strip()):
        return 2  # Arabic's dual says "two" with the noun alone: "سلطتان محليتان عضوان"
    assert match, f"no number in {text!r}"
    return int(re.sub(r"\D", "", match.group()))


def page_url(site, lang: str, name: str) -> str:
    path = {
        "home": "",
        "directory": "network/",
        "map": "network/map/",
        "profile": f"network/{site.member.slug}/",
    }[name]
    return f"{site.url}/{lang}/{path}"


def open_page(page, url: str, *, map_page: bool = False):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
    if map_page:
        wait_for_js(page, "() => window.__networkMapLoaded !== undefined")
        wait_for_js(page, COUNTRIES_DRAWN)
    return response


def result_slugs(page, selector: str = ".city-list .city-card h3 a") -> list[str]:
    hrefs = page.locator(selector).evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


def submit_filters(page):
    # By type, not by the (translated) label: the form has a single submit button.
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()


# 1. Every page loads, in the right language and direction, without script errors.


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_load_in_language_and_direction(site, context, page_errors, lang):
    page = page_errors(context.new_page())
    for name in PAGES:
        open_page(page, page_url(site, lang, name), map_page=name == "map")
        html = page.locator("html")
        assert html.get_attribute("lang") == lang, name
        assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr"), name
        assert page.locator("h1").count() == 1, name
    assert page_errors.errors == [], "\n".join(page_errors.errors)


# 2. The directory's filter form, with and without JavaScript.


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_directory_filters(site, request, page_errors, lang, javascript):
    from cities.models import City

    page = page_errors(request.getfixturevalue("context" if javascript else "nojs_context").new_page())
    open_page(page, page_url(site, lang, "directory"))
    heading = page.locator("#results-heading")
    total = number(heading.inner_text())
    assert total == City.objects.public().count()

    # An authority type that some, but not all, members have; its count is in the option.
    options = page.locator("#id_authority_type option").evaluate_all(
        "(options) => options.map((o) => [o.value, o.textContent])"
    )
    value, label = next((v, text) for v, text in options if v and number(text) < total)
    expected = set(City.objects.public().filter(authority_type=value).values_list("slug", flat=True))
    assert number(label) == len(expected)

    page.locator("#id_authority_type").select_option(value)
    submit_filters(page)

    assert parse_qs(urlsplit(page.url).query).get("authority_type") == [value], page.url
    assert page.locator("#id_authority_type").input_value() == value
    assert number(heading.inner_text()) == len(expected) != total
    shown = result_slugs(page)
    assert len(shown) == min(len(expected), DIRECTORY_PAGE_SIZE)
    assert set(shown) <= expected, set(shown) - expected
    # And as a reader sees it: each card names the chosen type (the option's label
    # without its count; same translation on both sides).
    type_label = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip()
    metas = page.locator(".city-list .city-card .city-card__meta:first-of-type").all_inner_texts()
    assert metas and all(type_label in meta for meta in metas), (type_label, metas)
    assert page_errors.errors == [], "\n".join(page_errors.errors)


# 3. The map: points, clusters, country shapes and the list under it.


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_draws_points_countries_and_list(site, context, page_errors, lang):
    from cities.models import City

    page = page_errors(context.new_page())
    open_page(page, page_url(site, lang, "map"), map_page=True)
    members = City.objects.public().count()

    loaded = page.evaluate("window.__networkMapLoaded")
    assert loaded["count"] == members
    countries = page.evaluate(COUNTRIES_DRAWN)
    assert countries["shapes"] > 150, countries  # Natural Earth 1:110m has 177 countries

    shown = page.evaluate(MAP_POINTS_SHOWN)
    assert shown["clusters"] or shown["single"], shown
    assert sum(number(text) for text in shown["clusters"]) + shown["single"] == members, shown
    assert page.locator("#network-map").get_attribute("aria-busy") is None

    heading = number(page.locator("#map-heading").inner_text())
    assert heading == members
    items = page.locator(".city-list--compact > li.city-card")
    assert items.count() == min(members, MAP_LIST_PAGE_SIZE)
    assert page_errors.errors == [], "\n".join(page_errors.errors)


# 4. Arabic search ignores harakat and alef/hamza forms.


@pytest.mark.parametrize("lang", LANGUAGES)
def test_arabic_search_ignores_harakat_and_alef_forms(site, context, page_errors, lang):
    from cities.models import City

    candidates = list(City.objects.public().exclude(name_ar="").order_by("pk"))
    assert candidates, "no public member with an Arabic name in the demo network"
    city = next((c for c in candidates if "ا" in c.name_ar), candidates[0])
    query = city.name_ar.replace("ا", "أ", 1)
    query = query[0] + "\u064e" + query[1:]  # fatha on the first letter
    assert query != city.name_ar

    page = page_errors(context.new_page())
    open_page(page, page_url(site, lang, "directory"))
    page.locator("#id_q").fill(query)
    submit_filters(page)

    assert parse_qs(urlsplit(page.url).query).get("q") == [query], page.url
    assert page.locator("#id_q").input_value() == query
    assert city.slug in result_slugs(page), f"{city.slug} ({city.name_ar}) not found with {query!r}"
    assert page_errors.errors == [], "\n".join(page_errors.errors)


# 5. Accessibility: no serious or critical axe-core violation.


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            summary = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines() if line.strip())
            lines.append(f"      {' > '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"      … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_accessibility_violations(site, context, axe_path, lang):
    page = context.new_page()
    problems = {}
    for name in PAGES:
        open_page(page, page_url(site, lang, name), map_page=name == "map")
        inject_axe(page, axe_path)
        result = page.evaluate(AXE_RUN)
        serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            problems[name] = _describe(serious)
    assert not problems, "\n".join(f"{lang} {name}:\n{text}" for name, text in problems.items())


# 6. Full-page screenshots, for a person to look at (artifacts/screenshots/).


@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots(site, context, screenshot_dir, lang):
    page = context.new_page()
    for name in PAGES:
        open_page(page, page_url(site, lang, name), map_page=name == "map")
        page.evaluate("document.fonts.ready.then(() => true)")
        path = screenshot_dir / f"{lang}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000, path
