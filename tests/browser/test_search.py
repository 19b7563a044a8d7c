"""The site search in a real browser, English and Arabic: the header's search box, results with
and without diacritics, highlighted words, axe-core; screenshots at 390 px and desktop."""

import pytest
from wagtail.models import Page

from core.models import ContentPage
from tests.browser.conftest import SCREENSHOTS, inject_axe

pytestmark = pytest.mark.browser

SHOTS = SCREENSHOTS / "search"
TEXTS = {
    "en": ("A resilient city guide", "How a resilient city brings youth and police to the same table.", "résilient"),
    "ar": ("دليل المدينة القوية", "كيف تجمع المَدِينَة القَوِيَّة الشباب والشرطة حول طاولة واحدة.", "المدينه"),
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_search_from_the_header_with_and_without_diacritics(site, context, axe_path, language):
    title, body, typed = TEXTS[language]
    home = Page.objects.get(depth=2, locale__language_code=language)
    page = ContentPage(title=title, intro="Demo text.", body=[("paragraph", f"<p>{body}</p>")])
    home.add_child(instance=page)
    page.save_revision().publish()

    browser_page = context.new_page()
    browser_page.goto(f"{site.url}/{language}/network/")
    box = browser_page.get_by_role("search").first.get_by_role("searchbox")
    box.fill(typed)
    box.press("Enter")
    browser_page.wait_for_load_state()
    assert f"/{language}/search/" in browser_page.url
    hits = browser_page.locator(".search-hit h3")
    assert title in hits.all_inner_texts()
    assert browser_page.locator(".search-hit mark").count() >= 1

    inject_axe(browser_page, axe_path)
    result = browser_page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious

    SHOTS.mkdir(parents=True, exist_ok=True)
    browser_page.screenshot(path=str(SHOTS / f"search-{language}-desktop.png"), full_page=True)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.screenshot(path=str(SHOTS / f"search-{language}-390.png"), full_page=True)
