import re

import pytest
from wagtail.models import Page

from cities.demo import build_demo_network
from cities.models import City
from conftest import kept_for_module
from core.demo import load_demo_pages
from core.models import ContentPage, HomePage, HubPage
from core.models import Testimonial as QuoteSnippet

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar", "fr", "es"]


@pytest.fixture(scope="module")
def _site_id(request, django_db_setup, django_db_blocker):
    with kept_for_module(request, django_db_blocker):
        build_demo_network(count=40, seed=3)
        yield load_demo_pages().pk


@pytest.fixture
def site(_site_id, db):
    """The demo site (made once for the module): its English home page."""
    return HomePage.objects.get(pk=_site_id)


def html_attrs(text):
    match = re.search(r'<html lang="([a-z-]+)" dir="(rtl|ltr)">', text)
    return match.groups()


def test_every_page_exists_in_every_language_with_the_right_direction(client, site):
    # One demo site for all 24 pages (building it is the slow part).
    paths = ["", "about/", "about/structure/", "about/regional-hubs/east-southern-africa/", "network/", "network/map/"]
    found = {}
    for language in LANGUAGES:
        for path in paths:
            response = client.get(f"/{language}/{path}")
            found[f"/{language}/{path}"] = (
                response.status_code,
                html_attrs(response.content.decode()) if response.status_code == 200 else None,
            )
    expected = {
        f"/{language}/{path}": (200, (language, "rtl" if language == "ar" else "ltr"))
        for language in LANGUAGES
        for path in paths
    }
    assert found == expected


def test_pages_are_human_translations_not_copies(client, site):
    titles = {lang: client.get(f"/{lang}/about/").context["page"].title for lang in LANGUAGES}
    assert len(set(titles.values())) == 4
    assert re.search("[\u0600-\u06ff]", titles["ar"])


def test_demo_pages_say_they_are_demo(site):
    for page in ContentPage.objects.all():
        assert page.intro, page.title
    # The demo banner says the texts are demo (test_demo_banner_only_while_demo_data_is_loaded); the copy itself
    # reads like a real organisation's (core/tests/test_face.py).
    assert QuoteSnippet.objects.filter(is_demo=True).count() >= 4
    assert {t.locale.language_code for t in QuoteSnippet.objects.all()} == set(LANGUAGES)


def test_home_page_figures_come_from_the_data(client, site):
    response = client.get("/en/")
    figures = response.context["figures"]
    assert figures["members"] == City.objects.public().count()
    assert f"<dd>{figures['members']}</dd>" in response.content.decode()


def test_demo_banner_only_while_demo_data_is_loaded(client, site):
    assert "Demo data" in client.get("/en/network/").content.decode()
    City.objects.filter(is_demo=True).update(is_demo=False)
    from cities.selectors import bump_data_version

    bump_data_version()
    assert "Demo data" not in client.get("/en/network/").content.decode()


def test_hub_page_lists_its_members_from_the_directory(client, site):
    response = client.get("/en/about/regional-hubs/east-southern-africa/")
    listed = {city.slug for city in response.context["hub_members"]}
    expected = set(City.objects.public().filter(country__region__code="esa").values_list("slug", flat=True)[:60])
    assert listed == expected and listed


def test_language_switcher_keeps_the_visitor_on_the_same_page(client, site):
    text = client.get("/en/about/structure/?x=1").content.decode()
    assert 'href="/ar/about/structure/"' in text
    text = client.get("/fr/network/?country=KE").content.decode()
    assert 'href="/ar/network/?country=KE"' in text and 'hreflang="es"' in text


@pytest.mark.parametrize(
    "header, language", [("ar,en;q=0.5", "ar"), ("fr-FR,fr;q=0.9", "fr"), ("es", "es"), ("de", "en")]
)
def test_root_redirects_by_accept_language(client, site, header, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302 and response["Location"] == f"/{language}/"


def test_loader_is_idempotent_for_pages(site):
    before = Page.objects.count()
    load_demo_pages()
    assert Page.objects.count() == before
    assert HomePage.objects.count() == 4 and HubPage.objects.count() == 20


def test_not_found_page_is_translated(client, site):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert html_attrs(response.content.decode()) == ("es", "ltr")
    assert "Página no encontrada" in response.content.decode()
