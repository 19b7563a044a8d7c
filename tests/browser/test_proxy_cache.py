"""The real caching proxy: Debian's Varnish with deploy/varnish/default.vcl in front of the live server.

What a reader notices: a page comes from the cache the second time; an editor's publish and a member's
change show through the cache within 5 seconds; a signed-in person never gets a cached page, and nobody
gets theirs. Runs in the browser-test process (a live server needs committed data); needs `varnishd`
(`make serve-deps`), skipped without it locally and failing under CI=true, like Chromium.
"""

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from .conftest import REPO_ROOT, _missing

pytestmark = pytest.mark.browser

VCL = REPO_ROOT / "deploy" / "varnish" / "default.vcl"
VISIBLE_WITHIN = 5.0  # seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Proxy:
    def __init__(self, port: int, workdir: Path):
        self.url = f"http://127.0.0.1:{port}"
        self.workdir = workdir

    def send(self, method: str, path: str, headers: dict) -> int:
        request = urllib.request.Request(self.url + path, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def get(self, path: str, cookies: dict | None = None):
        request = urllib.request.Request(self.url + path)
        if cookies:
            request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items()))

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")


@pytest.fixture
def varnish(live_server, tmp_path):
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        _missing("varnishd not found: install Debian's varnish package (make serve-deps)")
    backend_port = live_server.url.rsplit(":", 1)[1].rstrip("/")
    vcl = tmp_path / "default.vcl"
    text, count = re.subn(r'\.port = "\d+";', f'.port = "{backend_port}";', VCL.read_text(), count=1)
    assert count == 1, "the VCL's backend port was not found"
    vcl.write_text(text)
    port = _free_port()
    workdir = tmp_path / "varnish"
    pidfile = tmp_path / "varnishd.pid"
    subprocess.run(
        [varnishd, "-j", "none", "-n", str(workdir), "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,64m",
         "-P", str(pidfile), "-p", "ban_lurker_sleep=0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield Proxy(port, workdir)
    finally:
        if pidfile.exists():
            pid = int(pidfile.read_text().strip())
            subprocess.run(["kill", str(pid)], check=False)


@pytest.fixture
def network(varnish, live_server, transactional_db, django_db_serialized_rollback, settings):
    """The demo network and pages, with Django purging this Varnish."""
    from cities.demo import build_demo_network
    from core.demo import load_demo_pages

    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "core.frontend_cache.VarnishBackend", "LOCATION": varnish.url},
    }
    settings.CACHE_PURGE_REPEAT_SECONDS = 0
    build_demo_network(count=12, seed=7)
    load_demo_pages()
    from django.core.cache import cache

    cache.clear()
    return varnish


def _until(check, what: str) -> float:
    """Seconds until `check()` is true, failing after VISIBLE_WITHIN."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > VISIBLE_WITHIN:
            raise AssertionError(f"{what}: not visible through the proxy within {VISIBLE_WITHIN} s")
        time.sleep(0.1)
    return time.monotonic() - start


def test_pages_come_from_the_cache_and_a_publish_shows_within_5_seconds(network):
    from wagtail.models import Page

    from core.models import HubPage

    proxy = network
    status, first, body = proxy.get("/en/about/")
    assert status == 200 and first["X-Cache"] == "MISS"
    status, second, again = proxy.get("/en/about/")
    assert second["X-Cache"] == "HIT" and len(second["X-Varnish"].split()) == 2 and "Age" in second
    assert again == body
    assert "no-store" not in second["Cache-Control"] and "X-Cache-Tags" not in second
    assert "X-Request-ID" in first and "X-Request-ID" not in second  # the filling request's id is not this one's
    # Other cookies (analytics) do not make a page uncacheable; the CSRF or language cookie alone neither.
    assert proxy.get("/en/about/", cookies={"_ga": "GA1.1.1", "csrftoken": "x" * 32})[1]["X-Cache"] == "HIT"
    # A purge relayed by the TLS proxy in front (from the Internet) is refused.
    assert proxy.send("PURGE", "/en/about/", {"X-Forwarded-Proto": "https"}) == 405
    assert proxy.send("BAN", "/", {"X-Cache-Tag": "html", "X-Forwarded-For": "203.0.113.9"}) == 405
    assert proxy.get("/en/about/")[1]["X-Cache"] == "HIT"

    # An editor publishes a change deep in the site: it shows within 5 s, the other pages stay cached.
    hub_page = HubPage.objects.live().filter(locale__language_code="en").first()
    for path in (hub_page.url, "/en/privacy/"):
        proxy.get(path)
        assert proxy.get(path)[1]["X-Cache"] == "HIT", path
    hub_page.title = "A renamed hub page"
    hub_page.save_revision().publish()
    seconds = _until(lambda: "A renamed hub page" in proxy.get(hub_page.url)[2], "the published title")
    print(f"publish visible through Varnish after {seconds:.2f} s")
    assert proxy.get("/en/privacy/")[1]["X-Cache"] == "HIT"  # every other reader still served from the cache

    # The About page is in the menu of every page: publishing it drops every page, and it shows at once.
    about = Page.objects.filter(url_path__endswith="/about/", locale__language_code="en").first().specific
    about.title = "About the network, edited"
    about.save_revision().publish()
    _until(lambda: "About the network, edited" in proxy.get("/en/about/")[2], "the About page's new title")
    _until(lambda: "About the network, edited" in proxy.get("/en/privacy/")[2], "the menu on another page")


def test_a_member_change_shows_on_the_directory_within_5_seconds(network):
    from cities.models import City

    proxy = network
    city = City.objects.public().order_by("name").first()
    for path in ("/en/network/", f"/en/network/{city.slug}/", "/en/network/map/data.json"):
        proxy.get(path)
        status, headers, _body = proxy.get(path)
        assert status == 200 and headers["X-Cache"] == "HIT", path
    etag = proxy.get("/en/network/map/data.json")[1]["ETag"]
    city.name = city.name_en = "Aaaa Renamed Member"  # first in the directory's order by name
    city.save()
    seconds = _until(lambda: "Aaaa Renamed Member" in proxy.get("/en/network/")[2], "the renamed member")
    print(f"member change visible through Varnish after {seconds:.2f} s")
    assert "Aaaa Renamed Member" in proxy.get(f"/en/network/{city.slug}/")[2]
    headers = proxy.get("/en/network/map/data.json")[1]
    assert headers["ETag"] != etag


def test_a_signed_in_person_is_never_served_from_the_cache_and_nobody_gets_their_page(network, member_user):
    from django.test import Client

    proxy = network
    member_user.name = "Zoë Signed-In-Reader"
    member_user.save()
    client = Client()
    client.force_login(member_user)
    session = {django_settings.SESSION_COOKIE_NAME: client.cookies[django_settings.SESSION_COOKIE_NAME].value}

    proxy.get("/en/about/")
    assert proxy.get("/en/about/")[1]["X-Cache"] == "HIT"
    for _ in range(2):
        status, headers, body = proxy.get("/en/about/", cookies={**session, "_ga": "1"})
        assert status == 200 and headers["X-Cache"] == "PASS"
        assert "private" in headers["Cache-Control"] and "no-store" in headers["Cache-Control"]
        assert member_user.name in body
    status, headers, body = proxy.get("/en/about/")
    assert headers["X-Cache"] == "HIT" and member_user.name not in body

    # A page that sets a cookie (a form with a CSRF token) is never stored, so never shared.
    first = proxy.get("/en/join/")[1]
    second = proxy.get("/en/join/")[1]
    assert second["X-Cache"] != "HIT" and "csrftoken" in (second["Set-Cookie"] or "")
    assert first["Set-Cookie"] != second["Set-Cookie"]


def test_a_client_without_gzip_gets_its_own_stored_copy(network):
    """Browsers take gzip and get the copy Varnish compressed once; a client that does not (a script) gets
    a plain copy of its own from the cache, not the gzipped one unzipped for each request. A purge drops
    both."""
    import gzip

    from wagtail.models import Page

    proxy = network

    def fetch(encoding=None):
        request = urllib.request.Request(proxy.url + "/en/privacy/")
        if encoding:
            request.add_header("Accept-Encoding", encoding)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.headers, response.read()

    plain_first, plain = fetch()
    plain_again, _body = fetch()
    assert plain_first["X-Cache"] == "MISS" and plain_again["X-Cache"] == "HIT"
    assert "Content-Encoding" not in plain_again and b"</html>" in plain
    zipped_first, zipped = fetch("gzip, br")
    assert zipped_first["X-Cache"] == "MISS"  # a copy of its own, not the plain one
    zipped_again, zipped = fetch("gzip")
    assert zipped_again["X-Cache"] == "HIT" and zipped_again["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped) == plain
    privacy = Page.objects.filter(url_path__endswith="/privacy/", locale__language_code="en").first().specific
    privacy.title = "Privacy, edited"
    privacy.save_revision().publish()
    _until(lambda: b"Privacy, edited" in fetch()[1], "the plain copy")
    _until(lambda: b"Privacy, edited" in gzip.decompress(fetch("gzip")[1]), "the gzipped copy")
