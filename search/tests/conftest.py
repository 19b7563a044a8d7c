"""A small site in English, Arabic and French for the search tests (no demo loader: fast, and
the texts are the ones the tests look for)."""

import pytest
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.models import BodyBlock, ContentPage  # noqa: F401  (BodyBlock: the body's blocks)


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


@pytest.fixture
def make_page(db, django_capture_on_commit_callbacks):
    """`make_page(parent, title, body, live=True)`: a content page, saved and indexed."""

    def make(parent, title, body="", *, live=True, intro="", slug=None):
        page = ContentPage(title=title, intro=intro, body=paragraph(body) if body else [], live=live)
        if slug:
            page.slug = slug
        page.locale = parent.locale
        with django_capture_on_commit_callbacks(execute=True):
            parent.add_child(instance=page)
            if live:
                page.save_revision().publish()
            else:
                page.save_revision()
        return page

    return make


@pytest.fixture
def homes(db, django_capture_on_commit_callbacks):
    """{language: home page} for en, ar, fr, the English one the default site's root."""
    root = Page.get_first_root_node()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "ar", "fr", "es")}
    homes = {}
    with django_capture_on_commit_callbacks(execute=True):
        for code in ("en", "ar", "fr", "es"):
            if code == "en":
                home = ContentPage(title="Search test home", slug="search-home", locale=locales["en"])
                root.add_child(instance=home)
            else:
                home = homes["en"].copy_for_translation(locales[code])
            home.save_revision().publish()
            homes[code] = home
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=homes["en"], is_default_site=True)
    else:
        site.root_page = homes["en"]
        site.save()
    return homes


@pytest.fixture
def make_private(db):
    def make(page):
        return PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")

    return make
