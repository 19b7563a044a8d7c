"""The site chrome (menu, language switcher, footer) from the shared cache: a few queries a page, and
never stale: publishing, unpublishing, restricting a page or saving the footer shows at once.

These tests commit (transaction=True): the chrome's version moves on only after a commit, and a
connection with an uncommitted change builds its chrome afresh without the cache."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from cities.demo import build_demo_network
from conftest import restore_or_build
from core import chrome, versions
from core.context_processors import site_chrome
from core.demo import load_demo_pages
from core.models import FooterSettings

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module")
def _site_snapshot() -> dict:
    return {}


@pytest.fixture
def home(_site_snapshot):
    """The demo network and pages: built by the module's first test, loaded from a copy for the others."""

    def build():
        build_demo_network(count=10, seed=3)
        load_demo_pages()

    restore_or_build(_site_snapshot, build)
    return Site.objects.get(is_default_site=True).root_page.specific


def switcher(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', nav))
    return {language: url for url, language in links.items()}


def menu(html: str) -> list[str]:
    nav = re.search(r'<nav[^>]*class="site-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", link).strip() for link in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]


def about(language: str) -> Page:
    return Page.objects.get(slug="about", locale__language_code=language)


def test_the_chrome_costs_two_queries_once_cached(home):
    request = RequestFactory().get("/en/about/")
    request._wagtail_page = about("en")
    site_chrome(request)  # fills the cache
    chrome.footer_html(request, "en")
    versions.request_started()  # what Django's request_started signal does: one read per request
    try:
        with CaptureQueriesContext(connection) as queries:
            site_chrome(request)
            chrome.footer_html(request, "en")
    finally:
        versions.request_finished()
    # the chrome's version and the network's data version (the demo banner); before: 12 and more
    assert len(queries) == 2, [query["sql"] for query in queries.captured_queries]


def test_a_content_page_runs_fewer_queries_than_before(client, home):
    client.get("/en/about/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/about/").status_code == 200
    # 26 before the chrome was cached, 14 before the site, the restricted sections, the children and
    # the locale were, 9 before Wagtail's route, the view restrictions and the breadcrumbs were: the
    # chrome's version, the page, the network's data version (PostgreSQL and SQLite alike)
    assert len(queries) <= 3, [query["sql"][:100] for query in queries.captured_queries]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "core_footersettings" not in sql and "wagtailcore_site" not in sql
    assert "wagtailcore_pageviewrestriction" not in sql and "wagtailcore_locale" not in sql


def test_the_home_page_runs_fewer_queries_than_before(client, home):
    client.get("/en/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    assert len(queries) <= 10, [query["sql"][:100] for query in queries.captured_queries]  # 21 before


def test_the_lists_of_child_pages_follow_publishing_and_restrictions_at_once(client, home):
    about_en = about("en")
    child = about_en.get_children().live().first()
    assert child is not None and f'href="{child.url}"' in client.get("/en/about/").content.decode()
    assert f'href="{about_en.url}"' in client.get("/en/").content.decode()  # the home page's "About the network"
    PageViewRestriction.objects.create(page=child, restriction_type=PageViewRestriction.LOGIN)
    assert f'href="{child.url}"' not in client.get("/en/about/").content.decode()
    PageViewRestriction.objects.filter(page=child).delete()
    child = child.specific
    child.title = "Renamed in this section"
    child.save_revision().publish()
    assert "Renamed in this section" in client.get("/en/about/").content.decode()
    child.unpublish()
    assert "Renamed in this section" not in client.get("/en/about/").content.decode()


def test_the_page_a_path_leads_to_follows_moves_renames_and_unpublishing_at_once(client, home):
    child = about("en").get_children().live().first().specific
    old_url = child.url
    assert client.get(old_url).status_code == 200  # walked, then kept
    assert client.get(old_url).status_code == 200  # from the cache
    child.slug = "renamed-section"
    child.save_revision().publish()
    new_url = Page.objects.get(pk=child.pk).url
    assert new_url != old_url and client.get(new_url).status_code == 200
    response = client.get(old_url)  # not the page kept under the old path: Wagtail's redirect to the new one
    assert response.status_code == 301 and response["Location"] == new_url
    home_en = Page.objects.get(depth=2, locale__language_code="en")
    child.move(home_en, pos="last-child")
    moved_url = Page.objects.get(pk=child.pk).url
    assert client.get(moved_url).status_code == 200
    assert client.get(new_url).status_code in (301, 404)
    assert client.get(new_url).get("Location") in (None, moved_url)
    child.refresh_from_db()
    child.unpublish()
    assert client.get(moved_url).status_code == 404


def test_a_page_restricted_or_under_a_restricted_alias_asks_to_sign_in_at_once(client, home):
    from wagtail.models import Locale

    about_en = about("en").specific
    child = about_en.get_children().live().first().specific
    assert client.get(child.url).status_code == 200
    PageViewRestriction.objects.create(page=about_en, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(child.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    PageViewRestriction.objects.all().delete()
    assert client.get(child.url).status_code == 200

    # Wagtail checks an alias, and what lies under it, against its original's restrictions: a section
    # kept in another language as an alias of a restricted English one is restricted too.
    about_es = about("es")
    about_es.delete()
    home_es = Page.objects.get(depth=2, locale__language_code="es")
    alias = about_en.create_alias(
        parent=home_es, update_locale=Locale.objects.get(language_code="es"), reset_translation_key=False
    )
    below = child.copy_for_translation(Locale.objects.get(language_code="es"))
    below.save_revision().publish()
    below.move(alias, pos="last-child")
    below = Page.objects.get(pk=below.pk)
    assert client.get(below.url).status_code == 200
    PageViewRestriction.objects.create(page=about_en, restriction_type=PageViewRestriction.LOGIN)
    for url in (Page.objects.get(pk=alias.pk).url, below.url):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_the_breadcrumbs_follow_a_renamed_section_at_once(client, home):
    about_en = about("en").specific
    child = about_en.get_children().live().first()
    assert f'<a href="{about_en.url}">{about_en.title}</a>' in client.get(child.url).content.decode()
    about_en.title = "The network, renamed"
    about_en.save_revision().publish()
    assert f'<a href="{about_en.url}">The network, renamed</a>' in client.get(child.url).content.decode()


def test_a_site_changed_is_followed_at_once(client, home):
    assert client.get("/en/about/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site, site.hostname = False, "elsewhere.example"
    site.save()
    assert client.get("/en/about/").status_code == 404  # no site answers for this host any more


def test_a_site_on_a_port_serves_its_pages(client, home):
    # The site a page view finds and the site's chrome are kept under different keys: a host with a
    # port ("localhost:8123") once made both one key, and every page on such a host a server error.
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 8123
    site.save()
    for _ in range(2):  # the second read comes from the cache
        response = client.get("/en/about/", HTTP_HOST="localhost:8123", SERVER_PORT="8123")
        assert response.status_code == 200
        assert 'dir="ltr"' in response.content.decode()


def test_the_switcher_links_each_language_version_or_that_language_home(client, home):
    links = switcher(client.get("/en/about/").content.decode())
    assert links == {code: about(code).url for code in ("ar", "fr", "es")}
    PageViewRestriction.objects.create(page=about("fr"), restriction_type=PageViewRestriction.LOGIN)
    about("es").specific.unpublish()
    links = switcher(client.get("/en/about/").content.decode())
    assert links["ar"] == about("ar").url
    assert links["fr"] == "/fr/" and links["es"] == "/es/"  # the private and the unpublished one: home


def test_the_menu_follows_publishing_at_once(client, home):
    child = home.get_children().live().in_menu().first().specific
    assert child.title in menu(client.get("/en/").content.decode())
    child.unpublish()
    assert child.title not in menu(client.get("/en/").content.decode())
    child.title = "Who we are now"
    child.save_revision().publish()
    assert "Who we are now" in menu(client.get("/en/").content.decode())


def test_the_footer_follows_its_settings_at_once(client, home):
    assert "press@example.org" not in client.get("/en/").content.decode()
    settings = FooterSettings.objects.filter(site=Site.objects.get(is_default_site=True)).first()
    settings = settings or FooterSettings(site=Site.objects.get(is_default_site=True))
    settings.contact_email = "press@example.org"
    settings.save()
    assert "press@example.org" in client.get("/en/").content.decode()


def test_a_change_not_yet_committed_is_never_cached_for_others(client, home):
    from django.db import transaction

    client.get("/en/")  # cached
    child = home.get_children().live().in_menu().first().specific
    with transaction.atomic():
        child.title = "Draft title only this connection sees"
        child.save_revision().publish()
        assert chrome.CHROME_VERSION.pending()
        assert "Draft title only this connection sees" in menu(client.get("/en/").content.decode())
        transaction.set_rollback(True)
    assert "Draft title only this connection sees" not in menu(client.get("/en/").content.decode())


def test_a_pages_translations_are_read_once_and_a_new_status_shows_at_once(home):
    """hreflang and the readers' notice (`translations.selectors.page_translations`) are kept under the
    chrome version: no query while it stands; a translation status written moves it on."""
    from translations.models import TranslationStatus
    from translations.selectors import page_translations

    arabic = about("ar")

    def read():
        request = RequestFactory().get("/ar/about/")
        versions.request_started()
        try:
            with CaptureQueriesContext(connection) as queries:
                found = page_translations(arabic, request)
        finally:
            versions.request_finished()
        return found, len(queries)

    first, _count = read()
    assert {alternate.language for alternate in first.alternates} == {"en", "ar", "fr", "es", "x-default"}
    assert first.status is None  # the demo pages are written in each language by hand
    again, count = read()
    assert again == first and count == 1  # the version only (three queries before)
    TranslationStatus.objects.create(
        translation_key=arabic.translation_key, locale=arabic.locale, status="machine", source_locale=about("en").locale
    )
    after, _count = read()
    assert after.status is not None and after.status.status == "machine"
