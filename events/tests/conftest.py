"""A small events site built directly: home and the events index in four languages."""

import datetime

import pytest
from wagtail.models import Locale, Page, Site

from conftest import kept_for_module
from core.models import HomePage
from events import times
from events.models import EventIndexPage, EventPage

LANGUAGES = ["en", "ar", "fr", "es"]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def build_events_index() -> dict:
    """{code: EventIndexPage} under a home page in each language."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locales["en"]))
    home = HomePage(title="Home", slug="home-test", hero_heading="Welcome", locale=locales["en"])
    root.add_child(instance=home)
    publish(home)
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    for code in LANGUAGES[1:]:
        publish(home.copy_for_translation(locales[code]))
    page = EventIndexPage(title="Events", slug="events", locale=locales["en"])
    home.add_child(instance=page)
    indexes = {"en": publish(page)}
    for code in LANGUAGES[1:]:
        translated = page.copy_for_translation(locales[code])
        translated.title = {"ar": "الفعاليات", "fr": "Événements", "es": "Eventos"}[code]
        indexes[code] = publish(translated)
    return indexes


@pytest.fixture(scope="module")
def _events_index_ids(request, django_db_setup, django_db_blocker):
    with kept_for_module(request, django_db_blocker):
        yield {code: page.pk for code, page in build_events_index().items()}


@pytest.fixture
def events_index(_events_index_ids, db):
    """{code: EventIndexPage} under a home page in each language, made once per module (a transactional
    test calls `build_events_index()` itself)."""
    pages = EventIndexPage.objects.in_bulk(_events_index_ids.values())
    return {code: pages[pk] for code, pk in _events_index_ids.items()}


def make_event(parent, *, title, start, hours=2, zone="UTC", live=True, **fields):
    """An event starting at `start` (naive: the clock where it happens, in `zone`) lasting `hours`."""
    relations = {name: fields.pop(name) for name in ("topics", "cities") if name in fields}
    begin = times.to_utc(start, zone)
    defaults = {"summary": f"About {title}", "venue_name": "City Hall", "format": "in_person"}
    defaults.update(fields)
    page = EventPage(
        title=title,
        locale=parent.locale,
        start=begin,
        end=begin + datetime.timedelta(hours=hours),
        time_zone=zone,
        live=live,
        **defaults,
    )
    for name, values in relations.items():
        setattr(page, name, values)
    parent.add_child(instance=page)
    if live:
        return publish(page)
    page.save_revision()
    return page


def translate(page, index, *, title, **fields):
    translated = page.copy_for_translation(index.locale).specific
    translated.title = title
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)


def days_from_now(days: int, hour: int = 9) -> datetime.datetime:
    """A naive wall-clock time `days` from today at `hour`."""
    today = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    return today.replace(hour=hour, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)
