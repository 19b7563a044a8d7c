"""The Resource Hub in a real browser, in English and Arabic, on a desktop and a 390-px phone:
filtering the list (with and without JavaScript), reading a toolkit chapter by chapter, the case
studies on a member city's profile, the header's search with and without diacritics; axe-core on
every page; screenshots in artifacts/screenshots/resources/ for a person to look at.

The toolkit's PDF is left to its own tests."""

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import PHONE, SCREENSHOTS, inject_axe

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ar"]
SHOTS = SCREENSHOTS / "resources"
TOPIC = "youth-radicalisation"
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@pytest.fixture(scope="module")
def demo_extras():
    from resources.demo import load_resources_demo

    return (load_resources_demo,)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context
    context.close()


def number(text: str) -> int:
    match = re.search(r"\d[\d,.\u066c\u00a0\u202f ]*", text.translate(ARABIC_DIGITS))
    assert match, f"no number in {text!r}"
    return int(re.sub(r"\D", "", match.group()))


def without_count(label: str) -> str:
    return re.sub(r"\s*\([^()]*\)\s*$", "", label).strip()


def open_page(page, url: str):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
    return page


def assert_accessible(page, axe_path, where: str) -> None:
    inject_axe(page, axe_path)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{where}: {serious}"


def shoot(page, name: str, *, both: bool = True) -> None:
    """A full-page screenshot at the page's width and, with `both`, at 390 px too."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    suffix = "phone" if width <= PHONE["width"] else "desktop"
    page.screenshot(path=str(SHOTS / f"{name}-{suffix}.png"), full_page=True)
    if both and suffix == "desktop":
        size = page.viewport_size
        page.set_viewport_size(PHONE)
        page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(size)


def submit_filters(page):
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()


def expected_count(language: str, **filters) -> int:
    """What the list should count: one per translation group among live public resources."""
    from resources.models import ResourcePage
    from resources.selectors import published, representatives

    rows = published(ResourcePage).filter(**filters).distinct()
    return representatives(rows, language).count()


def option_label(page, select: str, value: str) -> str:
    return page.locator(f"{select} option[value='{value}']").inner_text()


# 1. Filtering the Resource Hub: kind and topic, counts, removing a filter.


@pytest.mark.parametrize(
    "lang,device,javascript",
    [
        ("en", "desktop", True),
        ("ar", "desktop", True),
        ("en", "phone", True),
        ("ar", "phone", True),
        ("ar", "desktop", False),
    ],
    ids=["en-desktop", "ar-desktop", "en-phone", "ar-phone", "ar-nojs"],
)
def test_filter_toolkits_on_a_topic(site, request, page_errors, axe_path, lang, device, javascript):
    fixture = "phone" if device == "phone" else ("context" if javascript else "nojs_context")
    page = page_errors(request.getfixturevalue(fixture).new_page())
    open_page(page, f"{site.url}/{lang}/resources/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    heading = page.locator("#results-heading")
    total = number(heading.inner_text())
    assert total == expected_count(lang) > 0
    assert page.locator(".pub-list .pub-card").count() == min(total, 12)
    if device == "phone":
        shoot(page, f"hub-{lang}", both=False)
        # On a phone the results come first: the filters wait behind their control.
        panel = page.locator("details.filters-panel")
        assert panel.get_attribute("open") is None
        page.locator("details.filters-panel > summary").click()
        assert page.locator("#id_kind").is_visible()
    else:
        if javascript:  # axe-core is a script: the pages without JavaScript are the same HTML
            assert_accessible(page, axe_path, "hub")
        shoot(page, f"hub-{lang}" + ("" if javascript else "-nojs"), both=False)

    kind_label = without_count(option_label(page, "#id_kind", "toolkit"))
    page.locator("#id_kind").select_option("toolkit")
    submit_filters(page)
    assert parse_qs(urlsplit(page.url).query).get("kind") == ["toolkit"]
    toolkits = number(heading.inner_text())
    assert toolkits == expected_count(lang, kind="toolkit")
    assert 0 < toolkits < total
    kinds = page.locator(".pub-list .pub-card__kind").all_inner_texts()
    assert kinds and {k.strip().casefold() for k in kinds} == {kind_label.casefold()}, kinds

    if device == "phone":  # the panel shows how many filters are in use, and opens on a tap
        assert "1" in page.locator("details.filters-panel > summary").inner_text().translate(ARABIC_DIGITS)
        page.locator("details.filters-panel > summary").click()
    topic_label = without_count(option_label(page, "#id_topic", TOPIC))
    assert number(option_label(page, "#id_topic", TOPIC)) == expected_count(lang, kind="toolkit", topics__code=TOPIC)
    page.locator("#id_topic").select_option(TOPIC)
    submit_filters(page)
    narrowed = number(heading.inner_text())
    assert narrowed == expected_count(lang, kind="toolkit", topics__code=TOPIC)
    assert 0 < narrowed < toolkits
    assert page.locator("#id_kind").input_value() == "toolkit"
    assert page.locator("#id_topic").input_value() == TOPIC
    active = page.locator(".active-filters a")
    assert active.count() == 2
    if device == "phone" or not javascript:
        shoot(page, f"hub-filtered-{lang}" + ("" if javascript else "-nojs"), both=False)
    else:
        assert_accessible(page, axe_path, "filtered hub")
        shoot(page, f"hub-filtered-{lang}", both=False)

    # The topic's "remove" link drops the topic and keeps the kind.
    with page.expect_navigation():
        active.filter(has_text=topic_label).click()
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("kind") == ["toolkit"] and TOPIC not in query.get("topic", [])
    assert number(heading.inner_text()) == toolkits
    assert page.locator(".active-filters a").count() == 1
    assert page_errors.errors == [], "\n".join(page_errors.errors)


# 2. A toolkit, chapter by chapter.


@pytest.mark.parametrize("lang", LANGUAGES)
def test_read_a_toolkit_chapter_by_chapter(site, context, page_errors, axe_path, lang):
    page = page_errors(context.new_page())
    # The toolkits available in the reader's language; the first card is one.
    open_page(page, f"{site.url}/{lang}/resources/?kind=toolkit&language={lang}")
    card = page.locator(".pub-list .pub-card__title a").first
    title = card.inner_text()
    with page.expect_navigation():
        card.click()
    assert page.locator("h1").inner_text() == title
    toc = page.locator("nav.toc ol a").all_inner_texts()
    assert len(toc) >= 4, toc
    assert_accessible(page, axe_path, "toolkit")
    shoot(page, f"toolkit-{lang}")

    with page.expect_navigation():
        page.locator("nav.toc a.button").click()  # "Start reading"
    for position, chapter in enumerate(toc, start=1):
        assert page.locator("h1").inner_text() == chapter
        assert page.locator("html").get_attribute("lang") == lang
        kicker = page.locator(".pub__header .pub-card__kind").inner_text().translate(ARABIC_DIGITS)
        assert re.findall(r"\d+", kicker) == [str(position), str(len(toc))], kicker
        assert page.locator("nav.toc [aria-current=page]").inner_text() == chapter
        if position == 2:
            assert_accessible(page, axe_path, "chapter")
            shoot(page, f"toolkit-chapter-{lang}")
        following = page.locator("a[rel=next]")
        if position < len(toc):
            with page.expect_navigation():
                following.click()
        else:
            assert following.count() == 0
    # Back one chapter, then straight to the first through the table of contents.
    with page.expect_navigation():
        page.locator("a[rel=prev]").click()
    assert page.locator("h1").inner_text() == toc[-2]
    with page.expect_navigation():
        page.locator("nav.toc ol a", has_text=toc[0]).first.click()
    assert page.locator("h1").inner_text() == toc[0]
    assert page.locator("a[rel=prev]").count() == 0
    # The toolkit's title leads back to its first page.
    with page.expect_navigation():
        page.locator("nav.toc .toc__title a").click()
    assert page.locator("h1").inner_text() == title
    assert page_errors.errors == [], "\n".join(page_errors.errors)


# 3. A member city's profile lists the case studies about it.


def _city_with_case_studies(language: str):
    from cities.models import City
    from resources.models import ResourceKind, ResourcePage
    from resources.selectors import published

    studies = published(ResourcePage).filter(kind=ResourceKind.CASE_STUDY, locale__language_code=language)
    city = City.objects.public().filter(resources__in=studies).order_by("pk").first()
    assert city is not None, f"no demo case study in {language} names a public member"
    return city, list(studies.filter(cities=city).values_list("title", flat=True))


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_city_profile_lists_its_case_studies(site, request, page_errors, axe_path, lang, device):
    from resources.selectors import resources_about

    city, titles = _city_with_case_studies(lang)
    page = page_errors(request.getfixturevalue("phone" if device == "phone" else "context").new_page())
    open_page(page, f"{site.url}/{lang}/network/{city.slug}/")
    section = page.locator("section", has=page.locator("#resources-heading"))
    listed = section.locator("li a").all_inner_texts()
    assert listed == [item.title for item in resources_about(city, lang, limit=6)]
    assert set(titles) <= set(listed), (titles, listed)
    if device == "desktop":
        assert_accessible(page, axe_path, "city profile")
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"city-resources-{lang}-{device}.png"))

    with page.expect_navigation():
        section.locator("li a", has_text=titles[0]).first.click()
    assert page.locator("h1").inner_text() == titles[0]
    # ... and the case study links back to the city.
    back = page.locator(f".pub-tags a[href$='/network/{city.slug}/']")
    assert back.count() == 1
    if device == "desktop":
        assert_accessible(page, axe_path, "case study")
    shoot(page, f"case-study-{lang}", both=False)
    with page.expect_navigation():
        back.click()
    assert urlsplit(page.url).path == f"/{lang}/network/{city.slug}/"
    assert page_errors.errors == [], "\n".join(page_errors.errors)


# 4. The header's search box, with and without diacritics.

SEARCHES = {
    # language: (title, summary of a resource written with diacritics, typed without, typed with)
    # Two words, so that the demo's many pages with "المدينة" do not push this one off the first results.
    "ar": (
        "دليل المَدِينَة الصامدة (تجريبي)",
        "كيف تجمع المدينة الصامدة الشباب والشرطة حول طاولة واحدة.",
        "المدينه الصامده",
        "المدينة الصامدة",
    ),
    "fr": (
        "Guide de la ville résiliente (démo)",
        "Comment une ville résiliente réunit jeunes et police.",
        "ville resiliente",
        "ville résiliente",
    ),
    "en": (
        "A café for a resilient city (demo)",
        "How a résilient city brings youth and police together.",
        "cafe resilient",
        "café résilient",
    ),
}


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_search_with_and_without_diacritics(site, context, page_errors, axe_path, lang):
    from resources.models import ResourceIndexPage, ResourceKind, ResourcePage

    title, summary, plain, marked = SEARCHES[lang]
    hub = ResourceIndexPage.objects.get(locale__language_code=lang)
    resource = ResourcePage(
        title=title, summary=summary, kind=ResourceKind.GUIDE, publication_date=date(2026, 1, 5), is_demo=True
    )
    hub.add_child(instance=resource)
    resource.save_revision().publish()

    page = page_errors(context.new_page())
    results = {}
    for typed in (plain, marked):
        open_page(page, f"{site.url}/{lang}/resources/")
        box = page.get_by_role("search").first.get_by_role("searchbox")
        box.fill(typed)
        with page.expect_navigation():
            box.press("Enter")
        assert urlsplit(page.url).path == f"/{lang}/search/"
        results[typed] = (
            number(page.locator("h2.results__count").inner_text()),
            page.locator(".search-hit h3").all_inner_texts(),
        )
        assert title in results[typed][1], results[typed]
        assert page.locator(".search-hit mark").count() >= 1
    assert results[plain] == results[marked]
    assert_accessible(page, axe_path, "search")
    shoot(page, f"search-{lang}")
    assert page_errors.errors == [], "\n".join(page_errors.errors)
