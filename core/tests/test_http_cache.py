"""What a caching proxy may keep (core/http_cache.py) and what it is told to drop (core/frontend_cache.py).

A reader notices two things: pages come fast (anonymous pages are `public` with `s-maxage`, and nothing
makes them depend on a cookie), and nobody ever sees somebody else's page or an old one (personal pages
are `private, no-store`; every change purges). The real Varnish: tests/browser/test_proxy_cache.py."""

import pytest
from django.conf import settings
from django.test import TestCase, override_settings
from wagtail.models import Page

from cities.demo import build_demo_network
from cities.models import City
from core.demo import load_demo_pages
from core.frontend_cache import VarnishBackend
from resources.demo import load_resources_demo
from resources.models import NewsArticlePage, ResourcePage

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def assert_public(url, response):
    cc = directives(response)
    assert response.status_code in (200, 404), (url, response.status_code)
    assert "public" in cc and f"s-maxage={settings.CACHE_PUBLIC_S_MAXAGE}" in cc, (url, cc)
    assert not cc & {"private", "no-store", "no-cache"}, (url, cc)
    assert not response.cookies, (url, list(response.cookies))
    assert not vary(response) & {"cookie", "accept-language", "*"}, (url, response.get("Vary"))


def assert_private(url, response):
    cc = directives(response)
    assert {"private", "no-store"} <= cc, (url, cc)
    assert "public" not in cc and not any(d.startswith("s-maxage") for d in cc), (url, cc)


@pytest.fixture
def site_pages():
    """The demo network, pages and Resource Hub; the addresses of every public page kind."""
    build_demo_network(count=12, seed=7)
    load_demo_pages()
    load_resources_demo(count=4)
    city = City.objects.public().first()
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        key = (type(page).__name__, page.locale.language_code in ("en", "ar") and page.locale.language_code)
        if key[1] and key not in pages and page.url:
            pages[key] = page.url
    article = NewsArticlePage.objects.live().first()
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()
    urls = sorted(pages.values()) + [
        "/en/network/",
        "/ar/network/",
        "/en/network/?hub=esa&page=1",
        "/en/network/map/",
        "/en/network/map/data.json",
        "/en/network/export.csv",
        "/en/network/export.geojson",
        f"/en/network/{city.slug}/",
        f"/ar/network/{city.slug}/",
        "/api/v1/members",
        f"/api/v1/members/{city.slug}",
        "/api/v1/hubs",
        "/api/v1/taxonomy",
        "/en/resources/?q=guide",
        "/en/resources/feed/",
        "/en/news/feed/",
        article.url,
        resource.url,
        "/sitemap.xml",
        "/en/search/",
        "/en/search/?q=network",
        "/en/no-such-page/",
    ]
    return {"urls": urls, "city": city}


def test_every_page_kind_is_public_for_an_anonymous_visitor_and_private_for_a_signed_in_person(
    client, site_pages, member_user
):
    assert len(site_pages["urls"]) >= 30  # home, content, hub pages, Resource Hub, news, network, API, search, feeds
    for url in site_pages["urls"]:
        assert_public(url, client.get(url))
    client.force_login(member_user)
    for url in site_pages["urls"]:
        response = client.get(url)
        assert_private(url, response)
        assert "ETag" not in response, url  # a member's variant is never matched against the public one


def test_forms_with_a_csrf_token_are_private(client, db):
    for url in ("/en/join/", "/en/account/sign-in/", "/en/account/password-reset/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(url, response)
        assert "csrfmiddlewaretoken" in response.content.decode(), url


def test_a_visitor_with_a_session_but_not_signed_in_gets_private_pages(client, world):
    """A session without a person (a message waiting after a form): what they see may be theirs."""
    assert_public("/en/network/", client.get("/en/network/"))
    session = client.session
    session["anything"] = 1
    session.save()
    assert_private("/en/network/", client.get("/en/network/"))


def test_the_unprefixed_address_sends_each_visitor_to_their_language_and_is_never_shared(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302 and response["Location"] == "/ar/"
    assert "accept-language" in vary(response)
    assert_private("/", response)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar")["Location"] == "/fr/"


def test_health_checks_posts_and_errors_in_the_browsers_language_are_never_cached(client, db):
    assert directives(client.get("/healthz")) == {"no-store"}
    assert directives(client.get("/readyz")) == {"no-store"}
    assert_private("/en/search/", client.post("/en/search/"))
    # The API's "Not found." follows Accept-Language, which its address does not carry.
    assert_private("/api/v1/members/nobody", client.get("/api/v1/members/nobody", HTTP_ACCEPT_LANGUAGE="ar"))
    assert_public("/en/no-such-page/", client.get("/en/no-such-page/"))  # the language is in the address


def test_responses_are_tagged_with_what_they_were_built_from(client, world):
    assert "network" in client.get("/en/network/map/data.json")["X-Cache-Tags"].split(",")
    assert "network" in client.get("/api/v1/hubs")["X-Cache-Tags"].split(",")
    assert "html" in client.get("/en/network/")["X-Cache-Tags"].split(",")


# Purges -------------------------------------------------------------------------------------------


class RecordingBackend(VarnishBackend):
    sent: list = []

    def _send(self, method, url, headers):
        RecordingBackend.sent.append((method, url.split("://", 1)[1].split("/", 1)[1], headers.get("X-Cache-Tag")))


PROXY = {"proxy": {"BACKEND": "core.tests.test_http_cache.RecordingBackend", "LOCATION": "http://127.0.0.1:6081"}}


@pytest.fixture
def proxy():
    RecordingBackend.sent = []
    with override_settings(WAGTAILFRONTENDCACHE=PROXY, CACHE_PURGE_REPEAT_SECONDS=0):
        yield RecordingBackend.sent


def purged(sent) -> set[str]:
    return {"/" + path for method, path, _tag in sent if method == "PURGE"}


def banned(sent) -> set[str]:
    return {tag for method, _path, tag in sent if method == "BAN"}


def test_publishing_a_resource_purges_it_in_every_language_with_its_lists_and_nothing_else(proxy):
    load_demo_pages()
    load_resources_demo(count=4)
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()
    proxy.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        resource.title = "A new title"
        resource.save_revision().publish()
        assert proxy == []  # nothing before the commit: a reader could put the old page back
    paths = purged(proxy)
    path = resource.url
    for code, _name in settings.LANGUAGES:
        assert path.replace("/en/", f"/{code}/", 1) in paths
        assert f"/{code}/resources/" in paths and f"/{code}/resources/feed/" in paths
        assert f"/{code}/search/" in paths
    assert "/sitemap.xml" in paths
    assert "html" not in banned(proxy)  # every other page stays in the cache

    proxy.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        resource.unpublish()
    assert {path, "/en/resources/", "/ar/resources/"} <= purged(proxy)

    other = ResourcePage.objects.live().filter(locale__language_code="en").first()
    other_path = other.url
    proxy.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        other.delete()  # Wagtail unpublishes a live page before deleting it
    assert {other_path, "/en/resources/"} <= purged(proxy)


def test_publishing_a_page_of_the_menu_drops_every_page(proxy):
    home = load_demo_pages()
    about = home.get_children().live().in_menu().first().specific
    proxy.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        about.save_revision().publish()
    assert "html" in banned(proxy)
    assert about.url in purged(proxy)


def test_purges_are_sent_again_a_moment_later(proxy, settings):
    settings.CACHE_PURGE_REPEAT_SECONDS = 0.05
    from core.frontend_cache import ban_tag

    with TestCase.captureOnCommitCallbacks(execute=True):
        ban_tag("network")
    import time

    time.sleep(0.3)
    assert [tag for _m, _p, tag in proxy] == ["network", "network"]


def test_no_proxy_configured_sends_nothing(settings, db):
    settings.WAGTAILFRONTENDCACHE = None
    RecordingBackend.sent = []
    home = load_demo_pages()
    with TestCase.captureOnCommitCallbacks(execute=True):
        home.save_revision().publish()
    assert RecordingBackend.sent == []


def test_the_backend_speaks_the_proxys_language(monkeypatch):
    """What goes on the wire: PURGE <path> with the site's Host, BAN with the tag."""
    requests = []

    def fake_urlopen(request, timeout):
        requests.append((request.get_method(), request.full_url, dict(request.header_items()), timeout))

        class Done:
            def close(self):
                pass

        return Done()

    monkeypatch.setattr("core.frontend_cache.urlopen", fake_urlopen)
    backend = VarnishBackend({"LOCATION": "http://127.0.0.1:6081", "TIMEOUT": 1})
    backend.purge("https://cities.example.org/en/about/?x=1")
    backend.ban_tag("network")
    (m1, u1, h1, t1), (m2, u2, h2, _t2) = requests
    assert (m1, u1, h1["Host"], t1) == ("PURGE", "http://127.0.0.1:6081/en/about/?x=1", "cities.example.org", 1.0)
    assert (m2, u2, h2["X-cache-tag"]) == ("BAN", "http://127.0.0.1:6081/", "network")


def test_an_unreachable_proxy_is_logged_not_raised(caplog):
    backend = VarnishBackend({"LOCATION": "http://127.0.0.1:9", "TIMEOUT": 0.5})
    backend.ban_tag("network")
    assert "Proxy not reached" in caplog.text


# Member data: a ban after the commit, and 304s from the data version ---------------------------------


COMMITTED = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def committed(transactional_db, django_db_serialized_rollback):
    """Changes commit (the data version moves on only then); the migrations' rows are put back after."""
    from cities.selectors import forget_local_state

    forget_local_state()
    yield
    forget_local_state()


@COMMITTED
def test_a_member_change_bans_the_network_pages_after_its_commit_only(committed, proxy):
    from django.db import transaction

    from cities.tests.factories import CityFactory

    city = CityFactory(slug="banned-city", name="Banned City")
    proxy.clear()

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        city.name = "Never Saved"
        city.save()
        raise Rollback
    assert proxy == []
    with transaction.atomic():
        city.name = "Renamed City"
        city.save()
        assert proxy == []
    assert banned(proxy) == {"network"}


@COMMITTED
@pytest.mark.parametrize(
    "url", ["/en/network/map/data.json", "/en/network/export.csv", "/en/network/export.geojson", "/api/v1/members"]
)
def test_open_data_answers_304_until_the_data_changes(committed, client, url):
    from cities.tests.factories import CityFactory

    city = CityFactory(slug="etag-city", name="ETag City")
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('W/"')
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified["ETag"] == etag
    assert "public" in directives(not_modified)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag.removeprefix("W/")).status_code == 304  # weak comparison
    city.name = "ETag City, renamed"
    city.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@COMMITTED
def test_open_data_etags_differ_by_query_and_language_and_not_for_members(committed, client, member_user):
    from cities.tests.factories import CityFactory

    CityFactory(slug="etag-city", name="ETag City")
    tags = {
        client.get(url)["ETag"]
        for url in ("/en/network/map/data.json", "/ar/network/map/data.json", "/en/network/map/data.json?hub=esa")
    }
    assert len(tags) == 3
    etag = client.get("/en/network/export.csv")["ETag"]
    client.force_login(member_user)
    response = client.get("/en/network/export.csv", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200  # never the public variant's 304 for a signed-in member
    assert "ETag" not in response
    assert_private("/en/network/export.csv", response)
