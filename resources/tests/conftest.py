"""A small Resource Hub built directly (the full demo is tested once, in test_demo.py)."""

from datetime import date

import pytest
from wagtail.models import Locale, Page, Site

from core.models import HomePage
from resources.models import NewsArticlePage, NewsIndexPage, ResourceIndexPage, ResourcePage

LANGUAGES = ["en", "ar", "fr", "es"]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def hub(db):
    """Home and index pages in four languages; returns {"resources": {code: index}, "news": {...}}."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    # (a test run with `transaction=True` empties the tables after it, Wagtail's root page with them)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locales["en"]))
    home = HomePage(title="Home", slug="home-test", hero_heading="Welcome", locale=locales["en"])
    root.add_child(instance=home)
    publish(home)
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    for code in LANGUAGES[1:]:
        publish(home.copy_for_translation(locales[code]))
    indexes = {}
    for key, model in (("resources", ResourceIndexPage), ("news", NewsIndexPage)):
        page = model(title=key.title(), slug=key, locale=locales["en"])
        home.add_child(instance=page)
        publish(page)
        indexes[key] = {"en": page}
        for code in LANGUAGES[1:]:
            translated = page.copy_for_translation(locales[code])
            translated.title = f"{key} ({code})"
            indexes[key][code] = publish(translated).specific
    return indexes


def make(parent, *, model=ResourcePage, title, language=None, live=True, **fields):
    defaults = {"summary": f"Summary of {title}", "publication_date": date(2024, 5, 1), "body": paragraph(title)}
    defaults.update(fields)
    relations = {
        name: defaults.pop(name)
        for name in ("topics", "practice_areas", "hubs", "regions", "cities")
        if name in defaults
    }
    page = model(title=title, locale=parent.locale, live=live, **defaults)
    for name, values in relations.items():
        setattr(page, name, values)
    parent.add_child(instance=page)
    if live:
        publish(page)
    else:
        page.save_revision()
    return page


def translate(page, parent_code, hub, *, title, key="resources", **fields):
    locale = hub[key][parent_code].locale
    translated = page.copy_for_translation(locale).specific
    translated.title = title
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated).specific


@pytest.fixture
def make_resource():
    return make


@pytest.fixture
def make_news():
    def _make(parent, **kwargs):
        return make(parent, model=NewsArticlePage, **kwargs)

    return _make
