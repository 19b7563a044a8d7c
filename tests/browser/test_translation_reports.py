"""Report a translation problem (issue 11, part 4) in a real browser, in English and in Arabic, at
390 px and on a desktop, with and without JavaScript, with axe-core.

A reader selects the wrong words on a machine-translated page, the bar at the foot of the window
offers to report them, the form opens with the words in it; without JavaScript the reader follows
the link at the page's foot and pastes them. Screenshots go to SHOTS for a person to look at.
"""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, inject_axe, wait_for_js
from tests.browser.test_public_pages import _describe

pytestmark = pytest.mark.browser

SHOTS = SCREENSHOTS / "translation-reports"
AXE_RUN = "async () => await axe.run(document, {resultTypes: ['violations']})"

# An English original translated into Arabic, and an Arabic original translated into English.
PAGES = {
    "ar": {
        "original": ("en", "Working together", "working-together"),
        "paragraphs": {
            "Cities share what works with each other.": "تتبادل المدن فيما بينها ما ينجح.",
            "The International Steering Committee meets twice a year.": "يجتمع مركز الدراسات الدولية مرتين في السنة.",
        },
        "title": "العمل معاً",
        "wrong": "يجتمع مركز الدراسات الدولية مرتين في السنة.",
        "better": "تجتمع اللجنة التوجيهية الدولية مرتين في السنة.",
    },
    "en": {
        "original": ("ar", "لقاءات المدن", "city-meetings"),
        "paragraphs": {
            "تلتقي المدن كل شهر لتبادل الخبرات.": "The towns meets every month for swap experiences.",
            "يعمل الفريق مع المراكز الإقليمية.": "The team works with the regional hubs.",
        },
        "title": "City meetings",
        "wrong": "The towns meets every month for swap experiences.",
        "better": "The cities meet every month to share experience.",
    },
}


def load_translated_pages():
    from django.test import TestCase
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, StringTranslation

    from core.models import ContentPage, HomePage
    from translations.tests.pages import translation_for

    for language, spec in PAGES.items():
        source_code, title, slug = spec["original"]
        home = HomePage.objects.get(locale__language_code=source_code)
        page = ContentPage(
            title=title, slug=slug, intro="", body=[("paragraph", f"<p>{text}</p>") for text in spec["paragraphs"]]
        )
        page.locale = home.locale
        home.add_child(instance=page)
        page.save_revision().publish()
        translation = translation_for(page, language)
        texts = {**spec["paragraphs"], title: spec["title"]}
        for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
            data = segment.string.data
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=Locale.objects.get(language_code=language),
                context=segment.context,
                defaults={"data": texts.get(data, data), "translation_type": "machine"},
            )
        with TestCase.captureOnCommitCallbacks(execute=True):
            translation.save_target(publish=True)


@pytest.fixture(scope="module")
def demo_extras():
    return (load_translated_pages,)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def page_address(site, lang: str) -> str:
    return f"{site.url}/{lang}/{PAGES[lang]['original'][2]}/"


def open_page(page, address: str):
    response = page.goto(address, wait_until="load")
    assert response is not None and response.status == 200, f"{address}: HTTP {response and response.status}"
    page.evaluate("document.fonts.ready.then(() => true)")
    return response


def assert_accessible(page, axe_path, where: str) -> None:
    inject_axe(page, axe_path)
    violations = page.evaluate(AXE_RUN)["violations"]
    assert violations == [], f"{where}:\n{_describe(violations)}"


def shot(page, name: str, *, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_select_the_wrong_words_and_report_them(site, request, page_errors, axe_path, lang, device):
    from translations.models import TranslationReport

    spec = PAGES[lang]
    page = page_errors(request.getfixturevalue(device).new_page())
    open_page(page, page_address(site, lang))
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    control = page.locator("[data-translation-report]")
    assert control.is_visible()
    assert page.locator("[data-translation-report-tip]").is_visible()  # JavaScript runs: the tip shows
    assert page.locator("input[name=csrfmiddlewaretoken]").count() == 0  # the cacheable page has no token
    control.scroll_into_view_if_needed()
    shot(page, f"page-control-{lang}-{device}", full=False)
    assert_accessible(page, axe_path, f"{lang} {device} translated page")

    page.locator("main p", has_text=spec["wrong"]).select_text()
    wait_for_js(page, "!document.querySelector('[data-translation-report-bar]').hidden")
    bar = page.locator("[data-translation-report-bar]")
    assert spec["wrong"][:40] in bar.locator("q").inner_text()
    shot(page, f"page-selected-{lang}-{device}", full=False)
    assert_accessible(page, axe_path, f"{lang} {device} with the bar")

    with page.expect_navigation():
        bar.locator("a").click()
    assert f"/{lang}/report-translation/" in page.url
    assert page.locator("textarea[name=quote]").input_value() == spec["wrong"]
    shot(page, f"form-{lang}-{device}")
    assert_accessible(page, axe_path, f"{lang} {device} form")

    # A bad address first: the message is next to the field and nothing typed is lost.
    page.locator("textarea[name=suggestion]").fill(spec["better"])
    page.locator("input[name=email]").fill("not an address")
    with page.expect_navigation():
        page.locator("form.translation-report-form button[type=submit]").click()
    assert page.locator("#id_email_error").is_visible()
    assert page.locator("textarea[name=suggestion]").input_value() == spec["better"]
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    shot(page, f"form-error-{lang}-{device}")
    assert_accessible(page, axe_path, f"{lang} {device} form with an error")
    # The browser logs the form's 400 answer as a console error: expected here, and only here.
    assert [error for error in page_errors.errors if "400 (Bad Request)" not in error] == []
    page_errors.errors.clear()

    page.locator("input[name=email]").fill("reader@example.org")
    with page.expect_navigation():
        page.locator("form.translation-report-form button[type=submit]").click()
    assert page.url.endswith("/thanks/")
    assert page.locator("h1").count() == 1
    shot(page, f"thanks-{lang}-{device}", full=False)
    assert_accessible(page, axe_path, f"{lang} {device} thanks")
    assert page_errors.errors == [], "\n".join(page_errors.errors)

    report = TranslationReport.objects.select_related("segment__string", "locale").get()
    assert report.locale.language_code == lang and report.language == lang
    assert report.quote == spec["wrong"] and report.suggestion == spec["better"]
    original = {value: key for key, value in spec["paragraphs"].items()}[spec["wrong"]]
    assert report.segment.string.data == original


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_without_javascript_the_link_opens_the_form_where_words_are_pasted(site, phone_nojs, axe_path, lang):
    from translations.models import TranslationReport

    spec = PAGES[lang]
    page = phone_nojs.new_page()
    open_page(page, page_address(site, lang))
    assert not page.locator("[data-translation-report-tip]").is_visible()  # the tip needs JavaScript
    with page.expect_navigation():
        page.locator("[data-translation-report-link]").click()
    assert page.locator("textarea[name=quote]").input_value() == ""
    page.locator("textarea[name=quote]").fill(spec["wrong"])
    with page.expect_navigation():
        page.locator("form.translation-report-form button[type=submit]").click()
    assert page.url.endswith("/thanks/")
    shot(page, f"thanks-nojs-{lang}-phone", full=False)
    assert TranslationReport.objects.get().segment is not None
