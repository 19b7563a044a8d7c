"""What readers and search engines see: hreflang alternates in every page's head, the notice
on machine-translated and out-of-date pages, and /sitemap.xml with its alternates."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from .pages import edit_original, make_page, make_private, translate

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def alternates(html: str) -> dict:
    return dict(re.findall(r'<link rel="alternate" hreflang="([a-zA-Z-]+)" href="([^"]+)">', html))


def notice(html: str) -> str | None:
    match = re.search(r'<aside class="notice translation-notice".*?</aside>', html, re.S)
    return match.group(0) if match else None


@pytest.fixture
def about(homes):
    page = make_page(homes["en"], "About us", ["The International Steering Committee meets twice a year."])
    return {"en": page, "ar": translate(page, "ar"), "fr": translate(page, "fr", kind="manual")}


def test_hreflang_lists_every_live_translation_and_the_original_as_x_default(client, about, homes):
    draft = make_page(homes["es"], "Borrador", live=False)  # another page, not a translation: unrelated
    assert draft
    html = client.get("/ar/about-us/").content.decode()
    assert alternates(html) == {
        "en": "http://localhost/en/about-us/",
        "ar": "http://localhost/ar/about-us/",
        "fr": "http://localhost/fr/about-us/",
        "x-default": "http://localhost/en/about-us/",
    }


def test_hreflang_leaves_out_drafts_and_private_translations(client, about, homes):
    spanish = translate(about["en"], "es")
    spanish.unpublish()
    make_private(about["fr"])
    assert set(alternates(client.get("/en/about-us/").content.decode())) == {"en", "ar", "x-default"}


def test_other_pages_name_their_address_in_every_language(client, homes):
    found = alternates(client.get("/fr/network/?country=KE").content.decode())
    assert found["ar"] == "http://testserver/ar/network/?country=KE"
    assert found["x-default"] == "http://testserver/en/network/?country=KE"
    assert set(found) == {"en", "ar", "fr", "es", "x-default"}


def test_english_reader_of_a_machine_translation_into_english_sees_the_notice(client, homes):
    arabic = make_page(homes["ar"], "من نحن", ["تعمل المدن معاً."], slug="who-we-are")
    translate(arabic, "en")
    text = notice(client.get("/en/who-we-are/").content.decode())
    assert "This page was translated by a machine and has not yet been reviewed." in text
    assert (
        '<a href="http://localhost/ar/who-we-are/" hreflang="ar">Read the original in Arabic: '
        '<span lang="ar" dir="rtl">من نحن</span></a>'
    ) in text
    assert notice(client.get("/ar/who-we-are/").content.decode()) is None  # the original


def test_arabic_reader_sees_the_notice_with_a_link_to_the_english_original(client, about):
    html = client.get("/ar/about-us/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    text = notice(html)
    assert text is not None and 'data-translation-status="machine"' in text
    assert 'href="http://localhost/en/about-us/" hreflang="en"' in text
    assert '<span lang="en" dir="ltr">About us</span>' in text  # the original's title, marked as English
    assert "الإنجليزية" in text  # the original's language, named in Arabic (CLDR)


def test_arabic_reader_reads_the_notice_in_arabic(client, about):
    text = notice(client.get("/ar/about-us/").content.decode())
    assert "This page was translated by a machine" not in text and "Read the original" not in text
    assert "تُرجمت هذه الصفحة آلياً ولم تتم مراجعتها بعد." in text


def test_reviewed_pages_and_originals_carry_no_notice(client, about):
    assert notice(client.get("/fr/about-us/").content.decode()) is None
    assert notice(client.get("/en/about-us/").content.decode()) is None


def test_out_of_date_translations_say_so_until_brought_up_to_date(client, about):
    edit_original(about["en"], ["The International Steering Committee meets three times a year."])
    text = notice(client.get("/fr/about-us/").content.decode())
    assert 'data-translation-status="out_of_date"' in text
    assert 'hreflang="en"' in text
    english = notice(client.get("/en/about-us/").content.decode())
    assert english is None


def test_the_notice_and_the_alternates_cost_a_few_queries_whatever_the_languages(client, homes):
    alone = make_page(homes["en"], "Alone", slug="alone")
    assert alone
    with CaptureQueriesContext(connection) as one_language:
        client.get("/en/alone/")
    page = make_page(homes["en"], "Everywhere", slug="everywhere")
    for code in ("ar", "fr", "es"):
        translate(page, code)
    with CaptureQueriesContext(connection) as four_languages:
        response = client.get("/ar/everywhere/")
    assert notice(response.content.decode()) is not None and len(alternates(response.content.decode())) == 5
    ours = [q["sql"] for q in four_languages.captured_queries if "translations_translationstatus" in q["sql"]]
    assert len(ours) == 1
    # Four versions, a status and a notice cost at most three queries more than a page in one
    # language with no status (both pay the tags' three queries: see the next test).
    assert len(four_languages) - len(one_language) <= 3


def test_the_tags_themselves_run_three_queries(rf, about, django_assert_num_queries):
    from django.template import Context, Template

    Site.get_site_root_paths()  # kept in the cache for every request; any page link reads it
    request = rf.get("/ar/about-us/")
    template = Template(
        '{% include "translations/includes/hreflang.html" %}{% include "translations/includes/notice.html" %}'
    )
    with django_assert_num_queries(3):
        html = template.render(Context({"request": request, "page": about["ar"]}))
    assert notice(html) and len(alternates(html)) == 4


def test_sitemap_lists_live_public_pages_with_their_alternates(client, about, homes):
    make_page(homes["en"], "Draft page", live=False, slug="draft-page")
    private = make_page(homes["en"], "Private page", slug="private-page")
    make_private(private)
    spanish = translate(about["en"], "es")
    spanish.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = {
        url.find(f"{SITEMAP}loc").text: {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        for url in root.findall(f"{SITEMAP}url")
    }
    assert "http://localhost/en/draft-page/" not in urls
    assert "http://localhost/en/private-page/" not in urls
    assert "http://localhost/es/about-us/" not in urls
    expected = {
        "en": "http://localhost/en/about-us/",
        "ar": "http://localhost/ar/about-us/",
        "fr": "http://localhost/fr/about-us/",
        "x-default": "http://localhost/en/about-us/",
    }
    for language in ("en", "ar", "fr"):
        assert urls[f"http://localhost/{language}/about-us/"] == expected
    assert urls["http://testserver/ar/network/"]["x-default"] == "http://testserver/en/network/"
