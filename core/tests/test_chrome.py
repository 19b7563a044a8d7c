"""The menu and language switcher around every page: right pages, and a cost that does not grow
with the number of private pages or translations elsewhere on the site."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cities.demo import build_demo_network
from conftest import kept_for_module
from core.demo import load_demo_pages
from core.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _home_id(request, django_db_setup, django_db_blocker):
    with kept_for_module(request, django_db_blocker):
        build_demo_network(count=20, seed=3)
        yield load_demo_pages().pk


@pytest.fixture
def home(_home_id, db):
    """The demo site (made once for the module): its English home page."""
    return HomePage.objects.get(pk=_home_id)


def menu_titles(html: str) -> list[str]:
    nav = re.search(r'<nav[^>]*class="[^"]*site-nav[^"]*"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no site menu"
    return [re.sub(r"<[^>]+>", "", link).strip() for link in re.findall(r"<a [^>]*>(.*?)</a>", nav.group(1), re.S)]


def restrict(page):
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_the_menu_leaves_out_a_private_page(client, home):
    child = home.get_children().live().in_menu().first()
    assert child.title in menu_titles(client.get("/en/").content.decode())
    restrict(child)
    assert child.title not in menu_titles(client.get("/en/").content.decode())


def test_the_menu_leaves_out_an_unpublished_page(client, home):
    child = home.get_children().live().in_menu().first()
    child.specific.unpublish()
    assert child.title not in menu_titles(client.get("/en/").content.decode())


def test_a_private_home_has_no_public_menu(client, home):
    child = home.get_children().live().in_menu().first()
    restrict(Page.objects.get(pk=home.pk))
    html = client.get("/en/network/").content.decode()  # a directory page, still public
    assert child.title not in menu_titles(html)


def test_the_chrome_costs_the_same_whatever_the_private_pages_elsewhere(client, home):
    deep = list(Page.objects.filter(depth__gt=home.depth + 1)[:40])
    assert len(deep) >= 10
    restrict(deep[0])  # one private page, then many
    client.get("/en/")  # warm the caches every request may use
    with CaptureQueriesContext(connection) as before:
        assert client.get("/en/").status_code == 200
    for page in deep[1:]:
        restrict(page)
    with CaptureQueriesContext(connection) as after:
        assert client.get("/en/").status_code == 200
    assert len(after) == len(before)
    # nor one more condition per restricted page (Wagtail's `.public()` adds a LIKE for each)
    likes = [query["sql"].count(" LIKE ") for query in after.captured_queries]
    assert likes == [query["sql"].count(" LIKE ") for query in before.captured_queries]
