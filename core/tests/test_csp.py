"""Content-Security-Policy (django-csp): a strict policy on the public site (nothing inline, nothing
from other hosts), a relaxed one in the Wagtail admin, which still needs inline scripts and styles."""

import re
from pathlib import Path

import pytest
from django.urls import path

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.parametrize("url", ["/en/network/", "/en/network/map/", "/en/network/city-a/", "/en/account/sign-in/"])
def test_public_pages_forbid_inline_script_and_other_hosts(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    rules = policy(response)
    assert rules["default-src"] == ["'self'"]
    assert rules["script-src"] == ["'self'"] and rules["style-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'none'"]
    assert rules["base-uri"] == ["'self'"] and rules["form-action"] == ["'self'"]
    assert rules["connect-src"] == ["'self'"]  # the map's points come from our own JSON


def test_the_map_page_loads_only_our_own_files(client, world):
    page = client.get("/en/network/map/").content.decode()
    sources = re.findall(r'<script[^>]+src="([^"]+)"', page) + re.findall(
        r'<link rel="stylesheet" href="([^"]+)"', page
    )
    assert len(sources) >= 5 and all(src.startswith("/static/") for src in sources), sources
    assert re.search(r'data-points-url="/en/network/map/data\.json', page)


def test_the_admin_keeps_a_policy_that_lets_wagtail_work(client, staff_user):
    login = client.get("/admin/login/")
    assert "'unsafe-inline'" in policy(login)["script-src"]
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    rules = policy(response)
    assert {"'self'", "'unsafe-inline'"} <= set(rules["script-src"]) and "'unsafe-inline'" in rules["style-src"]
    assert {"'self'", "data:", "blob:"} <= set(rules["img-src"])
    assert rules["frame-ancestors"] == ["'self'"] and rules["object-src"] == ["'none'"]


def broken(request):
    raise RuntimeError("a bug (test)")


urlpatterns = [path("broken/", broken)]
handler500 = "core.views.server_error"


@pytest.mark.urls("core.tests.test_csp")
def test_the_server_error_page_may_use_its_own_inline_style_and_nothing_else(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500 and "<style>" in response.content.decode()
    rules = policy(response)
    assert rules["style-src"] == ["'self'", "'unsafe-inline'"] and rules["script-src"] == ["'self'"]


def site_templates():
    for template in sorted(TEMPLATES.rglob("*.html")):
        relative = template.relative_to(TEMPLATES).as_posix()
        if "/email/" in relative or "/admin/" in relative or relative in ("500.html", "503.html"):
            continue  # e-mails are not pages; admin templates live under the admin's policy; see the test above
        yield relative, template.read_text(encoding="utf-8")


def test_site_templates_have_no_inline_script_style_or_event_handler():
    found = []
    for name, text in site_templates():
        found += [(name, "inline <script>") for tag in re.findall(r"<script\b[^>]*>", text) if " src=" not in tag]
        found += [(name, attribute) for attribute in re.findall(r"\s(on[a-z]+|style)=", text)]
        found += [(name, "<style>") for _ in re.findall(r"<style\b", text)]
        found += [(name, "javascript: URL") for _ in re.findall(r"javascript:", text)]
    assert found == []


def test_the_policy_follows_the_settings_and_a_views_own_changes(client, world, settings):
    """The headers are built once per process and per settings: a changed setting, or a view's own
    decorator, is still what the browser is told."""
    from csp.decorators import csp_update
    from django.test import RequestFactory

    from core.middleware import ContentSecurityPolicyMiddleware

    assert policy(client.get("/en/network/"))["img-src"][0] == "'self'"
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https://tiles.example"]}}
    assert policy(client.get("/en/network/"))["img-src"] == ["https://tiles.example"]
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    response = client.get("/en/network/")
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"

    @csp_update({"img-src": "https://maps.example"})
    def view(request):
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = RequestFactory().get("/en/x/")
    middleware = ContentSecurityPolicyMiddleware(view)
    middleware.process_request(request)
    assert policy(middleware.process_response(request, view(request)))["img-src"] == [
        "https://tiles.example",
        "https://maps.example",
    ]
