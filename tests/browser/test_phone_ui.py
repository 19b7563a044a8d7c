"""Phones (issue 9): the header's menu, the "Filters" control and the active-filter summary, at
390 px and on a desktop, in English and in Arabic (right to left), with axe-core.

Screenshots go to SHOTS (phone and desktop, en and ar) for a person to look at.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import DESKTOP, MAP_LOADED_HOOK, PHONE, SCREENSHOTS, inject_axe, wait_for_js
from tests.browser.test_public_pages import _describe, number

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ar"]
SHOTS = SCREENSHOTS / "phones"

# Every finding counts, whatever its impact.
AXE_RUN = """
async () => await axe.run(document, {resultTypes: ["violations"]})
"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_init_script(MAP_LOADED_HOOK)
    yield context
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(MAP_LOADED_HOOK)
    yield context
    context.close()


def two_filters(site) -> dict[str, str]:
    member = site.member
    return {"country": member.country_id, "authority_type": member.authority_type}


def url(site, lang: str, path: str, query: dict | None = None) -> str:
    from urllib.parse import urlencode

    return f"{site.url}/{lang}/{path}" + (f"?{urlencode(query)}" if query else "")


def open_page(page, address: str, *, map_page: bool = False):
    response = page.goto(address, wait_until="load")
    assert response is not None and response.status == 200, address
    if map_page:
        wait_for_js(page, "() => window.__networkMapLoaded !== undefined")
    page.evaluate("document.fonts.ready.then(() => true)")


def axe_violations(page, axe_path) -> list[dict]:
    inject_axe(page, axe_path)
    return page.evaluate(AXE_RUN)["violations"]


def shot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))  # what the reader sees first
    page.screenshot(path=str(SHOTS / f"{name}-full.png"), full_page=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_menu_opens_closes_and_is_keyboard_usable(site, phone, page_errors, axe_path, lang):
    page = page_errors(phone.new_page())
    open_page(page, url(site, lang, "network/"))
    button = page.locator("header [data-menu-toggle]")
    nav = page.locator("header .site-nav")
    directory_link = nav.locator("a").first

    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator(f"#{button.get_attribute('aria-controls')}").count() == 1
    assert not nav.is_visible()
    assert not page.locator("header .account-links").is_visible()
    shot(page, f"phone-{lang}-directory")

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert directory_link.is_visible()
    assert page.locator("header .account-links").is_visible()
    violations = axe_violations(page, axe_path)
    assert violations == [], _describe(violations)
    shot(page, f"phone-{lang}-menu-open")

    # Escape from inside the menu closes it and gives the focus back to the button.
    directory_link.focus()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-menu-toggle')")

    # Keyboard only: Enter opens, Tab reaches the first link, Space on the button closes.
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.site-nav') !== null")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "false"
    assert page_errors.errors == [], "\n".join(page_errors.errors)


@pytest.mark.parametrize("path", ["network/", "network/map/"], ids=["directory", "map"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_filters_control_count_and_summary(site, phone, page_errors, axe_path, lang, path):
    from cities.models import City

    query = two_filters(site)
    expected = City.objects.public().filter(country_id=query["country"], authority_type=query["authority_type"])
    map_page = path.endswith("map/")
    page = page_errors(phone.new_page())
    open_page(page, url(site, lang, path, query), map_page=map_page)

    control = page.locator(".filters-panel > summary")
    form = page.locator("form.filters")
    count = page.locator(".results__count")
    first_result = page.locator(".city-list .city-card").first
    assert control.is_visible()
    assert "2" in control.inner_text().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    assert not form.is_visible()
    assert number(count.inner_text()) == expected.count()
    # Count, control and summary come before the results.
    top = {
        name: locator.bounding_box()["y"]
        for name, locator in {
            "control": control,
            "count": count,
            "summary": page.locator(".filter-summary"),
            "results": first_result,
        }.items()
    }
    assert max(top["control"], top["count"], top["summary"]) < top["results"], top
    shot(page, f"phone-{lang}-{'map' if map_page else 'directory'}-filtered")

    control.click()
    assert form.is_visible()
    assert page.locator("#id_country").is_visible()
    violations = axe_violations(page, axe_path)
    assert violations == [], _describe(violations)
    shot(page, f"phone-{lang}-{'map' if map_page else 'directory'}-filters-open")

    # Removing one filter keeps the other.
    with page.expect_navigation():
        page.locator('.filter-chip[data-filter="country"]').click()
    assert parse_qs(urlsplit(page.url).query) == {"authority_type": [query["authority_type"]]}
    assert page.locator(".filter-chip").count() == 1
    assert page_errors.errors == [], "\n".join(page_errors.errors)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_without_javascript_shows_nav_and_filters(site, phone_nojs, lang):
    page = phone_nojs.new_page()
    open_page(page, url(site, lang, "network/", two_filters(site)))
    assert not page.locator("header [data-menu-toggle]").is_visible()
    assert page.locator("header .site-nav a").first.is_visible()
    assert page.locator("form.filters").is_visible()
    assert page.locator(".filters-panel > summary").is_visible()
    shot(page, f"phone-{lang}-directory-nojs")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_desktop_shows_nav_and_filters_without_controls(site, desktop, page_errors, axe_path, lang):
    page = page_errors(desktop.new_page())
    for path, map_page in (("network/", False), ("network/map/", True)):
        open_page(page, url(site, lang, path, two_filters(site)), map_page=map_page)
        assert not page.locator("header [data-menu-toggle]").is_visible()
        assert page.locator("header .site-nav a").first.is_visible()
        assert page.locator("header .account-links").is_visible()
        assert page.locator("form.filters").is_visible()
        assert not page.locator(".filters-panel > summary").is_visible()
        assert page.locator(".filter-chip").count() == 2
        violations = axe_violations(page, axe_path)
        assert violations == [], _describe(violations)
        shot(page, f"desktop-{lang}-{'map' if map_page else 'directory'}-filtered")
    assert page_errors.errors == [], "\n".join(page_errors.errors)
