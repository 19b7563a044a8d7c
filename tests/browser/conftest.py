"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Run with `.venv/bin/pytest tests/browser` (or `-m browser`). Needs /usr/bin/chromium and
`npm install` (for axe-core). Without Chromium the tests are skipped locally, but they fail
when CI=true: a CI run must never pass by skipping them.
"""

import os
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an asyncio event loop in this thread, which makes Django's
# async-safety check refuse ORM calls from fixtures and tests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Registered before any page script runs: the map's `network-map:loaded` event does not
# bubble, but a capturing listener on window still sees it, however early it fires.
MAP_LOADED_HOOK = """
window.addEventListener("network-map:loaded", (event) => {
  window.__networkMapLoaded = event.detail || {};
}, true);
"""


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def _missing(reason: str):
    """Skip locally; under CI a missing prerequisite is a failure, never a skip."""
    if _in_ci():
        pytest.fail(f"{reason} (CI=true, so browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        _missing(f"{CHROMIUM} not found: install Debian's chromium package (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE_JS.is_file():
        _missing(f"{AXE_JS} not found: run `npm install`")
    return AXE_JS


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="module")
def _demo_snapshot() -> dict:
    """The demo database of this module, serialized after it was first built."""
    return {}


@pytest.fixture(scope="module")
def demo_extras() -> tuple:
    """More demo loaders to run after the demo pages, once per module (kept in its snapshot): a module
    overrides this fixture, e.g. with `(load_resources_demo,)` for the Resource Hub."""
    return ()


@pytest.fixture
def site(browser, live_server, transactional_db, django_db_serialized_rollback, _demo_snapshot, demo_extras):
    """The demo network (60 cities) and the Wagtail demo pages, served by the live server.

    `live_server` makes every test transactional (the live server's thread must see
    committed data), so the database is flushed after each test, and serialized rollback
    restores what the migrations loaded (countries, hubs, locales, Wagtail's root page)
    before the next one. The demo data is built once per module (`load_demo_pages()`
    takes about two seconds) and reloaded from a serialized copy for the other tests
    (about half a second).
    `browser` comes first so that a missing Chromium skips before any data is built.
    """
    from django.core.cache import cache, caches
    from wagtail.models import Site

    from cities.demo import build_demo_network
    from cities.models import City
    from conftest import restore_or_build
    from core.demo import load_demo_pages

    def build():
        build_demo_network(count=60, seed=7)
        load_demo_pages()
        for load in demo_extras:
            load()
        # The default site (is_default_site=True) answers any host anyway; pointing it
        # at the live server keeps Site.find_for_request and page URLs exact.
        address = urlsplit(live_server.url)
        default_site = Site.objects.get(is_default_site=True)
        default_site.hostname = address.hostname
        default_site.port = address.port
        default_site.save()

    cache.clear()
    restore_or_build(_demo_snapshot, build)
    cache.clear()  # Wagtail's site-root paths, the directory's facets and map data
    # Every browser request comes from 127.0.0.1: counters left by earlier tests (a flush
    # does not empty the counters' table, nor Redis) would refuse this one's forms.
    caches["ratelimit"].clear()

    member = City.objects.public().first()
    assert member is not None, "the demo network has no public member"
    return SimpleNamespace(url=live_server.url.rstrip("/"), member=member)


@pytest.fixture
def page_errors():
    """Collects console errors and uncaught exceptions of the pages given to `watch`."""
    errors: list[str] = []

    def on_console(message):
        if message.type == "error":
            errors.append(f"console.error: {message.text} ({message.location.get('url')})")

    def watch(page):
        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
        return page

    watch.errors = errors
    return watch


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(MAP_LOADED_HOOK)
    yield context
    context.close()


@pytest.fixture
def phone_nojs(browser):
    """A 390-px phone with JavaScript off."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context
    context.close()


@pytest.fixture
def nojs_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context
    context.close()


# Every short animation (a fade, a slide) has ended. Long ones are decoration, not a state a
# reader waits for: Wagtail's menu badge "pings" for 25 s, a spinner turns for ever.
SHORT_ANIMATIONS_DONE = """document.getAnimations().every(
    (a) => a.playState !== 'running' || a.effect?.getComputedTiming().activeDuration > 3000)"""


def inject_axe(page, axe_path) -> None:
    """Load axe-core into the page through the browser's debugging protocol: the site's
    Content-Security-Policy forbids inline scripts, and the tests must not switch it off.
    Waits first for every animation to finish: colours are checked as the reader ends up seeing
    them (Wagtail's messages fade in, and mid-way the success message's green is too pale)."""
    wait_for_js(page, SHORT_ANIMATIONS_DONE)
    page.evaluate(Path(axe_path).read_text(encoding="utf-8") + "\n;undefined")


def wait_for_js(page, expression: str, *, timeout: float = 15.0) -> None:
    """`page.wait_for_function` without it: Playwright polls a string predicate with `new
    Function` inside the page, which the site's Content-Security-Policy (no 'unsafe-eval')
    refuses. `page.evaluate` goes through the debugging protocol, which CSP does not govern."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"Still false after {timeout} s: {expression.strip()[:80]}")
        page.wait_for_timeout(100)
