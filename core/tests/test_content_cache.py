"""Pages' content kept rendered (`{% content_cache %}`): a page costs two queries once its content is
kept, and what it shows is never stale: a testimonial, an image, a member's new name or a published
edit shows at once, and a preview is never kept for readers.

These tests commit (transaction=True): the versions move on only after a commit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from cities.demo import build_demo_network
from cities.models import City
from conftest import restore_or_build
from core import chrome
from core import models as core_models
from core.demo import load_demo_pages
from core.models import HubPage

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


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def queries_for(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_home_page_costs_two_queries_once_its_content_is_kept(client, home, language):
    first = text(client, f"/{language}/")
    sql = queries_for(client, f"/{language}/")
    # the chrome's version and the network's data version (the page itself is kept with its route); 21 before
    assert len(sql) <= 2, sql
    assert not any("core_testimonial" in query or "wagtailimages" in query for query in sql)
    assert text(client, f"/{language}/") == first  # the same page, from the kept content


def test_a_hub_page_costs_two_queries_once_its_content_is_kept(client, home):
    url = HubPage.objects.live().filter(locale__language_code="en").first().url
    text(client, url)
    sql = queries_for(client, url)
    assert len(sql) <= 2, sql
    assert not any("cities_city" in query for query in sql)


def test_a_new_testimonial_shows_on_the_home_page_at_once(client, home):
    assert "A quote written for this test" not in text(client, "/en/")
    core_models.Testimonial.objects.create(
        quote="A quote written for this test",
        speaker_role="Mayor",
        locale=Locale.objects.get(language_code="en"),
        is_demo=True,
    )
    assert "A quote written for this test" in text(client, "/en/")


def test_a_members_new_name_shows_on_its_hub_page_at_once(client, home):
    hub_page, city = next(
        (page, City.objects.public().in_hub(page.hub_id).order_by("pk").first())
        for page in HubPage.objects.live().filter(locale__language_code="en")
        if City.objects.public().in_hub(page.hub_id).exists()
    )
    assert city.display_name in text(client, hub_page.url)
    city.name = city.name_en = "Renamed For This Test"
    city.save()
    assert "Renamed For This Test" in text(client, hub_page.url)


def test_a_published_edit_shows_at_once(client, home):
    about = Page.objects.get(slug="about", locale__language_code="en").specific
    assert "An intro published by this test" not in text(client, "/en/about/")
    about.intro = "An intro published by this test"
    about.save_revision().publish()
    assert "An intro published by this test" in text(client, "/en/about/")


def test_an_image_or_document_saved_moves_the_version_the_content_is_kept_under(home):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    image = get_image_model().objects.first()
    before = chrome.CHROME_VERSION.read()
    image.title = "A new description"
    image.save()
    assert chrome.CHROME_VERSION.read() == before + 1
    get_document_model().objects.create(title="Minutes", file="documents/minutes.pdf")
    assert chrome.CHROME_VERSION.read() == before + 2


def test_a_preview_is_never_kept_for_readers(client, home):
    about = Page.objects.get(slug="about", locale__language_code="en").specific
    text(client, "/en/about/")  # the live content is kept
    about.intro = "A draft only the editor previews"
    response = about.make_preview_request()
    preview = (response.render() if hasattr(response, "render") else response).content.decode()
    assert "A draft only the editor previews" in preview  # not the kept live content
    assert "A draft only the editor previews" not in text(client, "/en/about/")


def test_a_new_release_never_serves_what_the_last_one_kept(client, home, monkeypatch):
    from core.release import release

    text(client, "/en/about/")
    assert len(queries_for(client, "/en/about/")) <= 2  # kept
    monkeypatch.setenv("RELEASE", "a-later-release")
    release.cache_clear()
    try:
        assert len(queries_for(client, "/en/about/")) > 2  # new templates or code: built again
    finally:
        monkeypatch.delenv("RELEASE")
        release.cache_clear()


# --- the site header, kept for visitors who are not signed in (templates/base.html) -----------------------


def templates_of(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {template.name for template in response.templates}


def test_the_site_header_is_kept_for_visitors_and_rendered_for_each_signed_in_reader(client, home, member_user):
    text(client, "/en/about/")
    assert "includes/search_box.html" not in templates_of(client, "/en/about/")  # the kept header
    client.force_login(member_user)
    signed_in = text(client, "/en/about/")
    assert "Sign out" in signed_in and ">Member<" in signed_in and "My city" in signed_in
    assert "includes/search_box.html" in templates_of(client, "/en/about/")  # rendered for the reader
    client.logout()
    visitor = text(client, "/en/about/")
    assert "Sign in" in visitor and ">Member<" not in visitor and "Sign out" not in visitor
    assert "csrfmiddlewaretoken" not in visitor


def test_each_page_and_language_has_its_own_header(client, home):
    about = text(client, "/en/about/")
    assert 'aria-current="page">About us</a>' in about
    assert 'aria-current="page">About us</a>' not in text(client, "/en/")
    arabic = text(client, "/ar/about/")
    assert '<span aria-current="true" lang="ar">' in arabic and '<span aria-current="true" lang="en">' not in arabic
    assert 'href="/en/about/" hreflang="en"' in arabic


def test_a_renamed_menu_page_shows_in_every_kept_header_at_once(client, home):
    text(client, "/en/")
    about = Page.objects.live().get(slug="about", locale__language_code="en").specific
    about.title = "Who we are"
    about.save_revision().publish()
    assert ">Who we are</a>" in text(client, "/en/")


def test_the_header_of_a_view_outside_wagtail_is_kept_per_path(client, home):
    """The directory and the profiles (Django views) keep their header per path, like a page: each its
    own current link and language versions, and a renamed menu page at once."""
    text(client, "/en/network/")
    assert "includes/search_box.html" not in templates_of(client, "/en/network/")  # the kept header
    directory = text(client, "/en/network/")
    assert 'href="/en/network/" aria-current="page">' in directory and 'href="/ar/network/" hreflang="ar"' in directory
    join = text(client, "/en/join/")
    assert 'href="/en/network/" aria-current="page">' not in join and 'href="/fr/join/" hreflang="fr"' in join
    about = Page.objects.live().get(slug="about", locale__language_code="en").specific
    about.title = "Who we are"
    about.save_revision().publish()
    assert ">Who we are</a>" in text(client, "/en/network/")


def test_a_header_with_a_query_or_on_a_page_not_found_is_never_kept(client, home):
    """A query string is part of the language links (the same filters in another language), and a
    page not found could be any path: both are rendered each time, and keep nothing."""
    text(client, "/en/network/?hub=esa")
    filtered = templates_of(client, "/en/network/?hub=esa")
    assert "includes/search_box.html" in filtered
    assert 'href="/fr/network/?hub=esa" hreflang="fr"' in text(client, "/en/network/?hub=esa")
    for _ in range(2):
        missing = client.get("/en/network/no-such-town/")
        assert missing.status_code == 404
    assert "includes/search_box.html" in {template.name for template in missing.templates}


def test_a_block_inside_a_kept_fragment_is_refused_when_the_template_is_read():
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="No {% block %} inside"):
        Template('{% load content_cache %}{% content_cache "x" %}{% block a %}{% endblock %}{% endcontent_cache %}')


def test_a_header_at_an_address_with_a_secret_in_it_is_never_kept(client, home):
    """A password reset's or an invitation's address carries a secret: it goes into no cache key."""
    from django.urls import reverse

    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": "MQ", "token": "a-secret-token"})
    for _ in range(2):
        assert "includes/search_box.html" in templates_of(client, path)
