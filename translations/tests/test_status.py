"""Origin and status per translation: original, machine, reviewed, out of date, kept up to date
when pages are published (services.translation_status_refresh through `page_published`)."""

import pytest
from wagtail.models import Locale

from translations.models import TranslationStatus

from .pages import edit_original, fill, make_page, publish, translate, translation_for

pytestmark = pytest.mark.django_db

Status = TranslationStatus.Status


def status_of(page, code):
    row = TranslationStatus.objects.filter(translation_key=page.translation_key, locale__language_code=code).first()
    return row.status if row else None


def test_machine_translations_are_machine_and_the_source_is_the_original(homes):
    page = make_page(homes["en"], "About us", ["The International Steering Committee meets twice a year."])
    translate(page, "ar")
    translate(page, "fr")
    assert status_of(page, "en") == Status.ORIGINAL
    assert status_of(page, "ar") == status_of(page, "fr") == Status.MACHINE
    row = TranslationStatus.objects.get(translation_key=page.translation_key, locale__language_code="ar")
    assert row.source_locale.language_code == "en"


def test_a_translation_a_person_wrote_in_full_is_reviewed(homes):
    page = make_page(homes["en"], "About us", ["First paragraph.", "Second paragraph."])
    translate(page, "es", kind="manual")
    assert status_of(page, "es") == Status.REVIEWED


def test_one_machine_segment_left_keeps_the_page_machine_until_a_person_saves_it(homes):
    page = make_page(homes["en"], "About us", ["First paragraph.", "Second paragraph."])
    translation = translation_for(page, "ar")
    fill(translation, kind="machine")
    fill(translation, kind="manual", only=1)
    publish(translation)
    assert status_of(page, "ar") == Status.MACHINE

    fill(translation, kind="manual")
    publish(translation)
    assert status_of(page, "ar") == Status.REVIEWED


def test_changing_the_original_makes_every_translation_out_of_date(homes):
    page = make_page(homes["en"], "About us", ["First paragraph.", "Second paragraph."])
    translate(page, "ar", kind="manual")
    translate(page, "fr")
    edit_original(page, ["First paragraph.", "A new second paragraph."])
    assert status_of(page, "ar") == status_of(page, "fr") == Status.OUT_OF_DATE
    assert status_of(page, "en") == Status.ORIGINAL


def test_publishing_the_original_again_unchanged_changes_nothing(homes):
    page = make_page(homes["en"], "About us", ["First paragraph."])
    translate(page, "ar", kind="manual")
    translate(page, "fr")
    edit_original(page, ["First paragraph."])
    assert (status_of(page, "ar"), status_of(page, "fr")) == (Status.REVIEWED, Status.MACHINE)


def test_republishing_an_out_of_date_translation_without_the_new_text_keeps_it_out_of_date(homes):
    page = make_page(homes["en"], "About us", ["First paragraph."])
    translation = translation_for(page, "ar")
    fill(translation, kind="manual")
    publish(translation)
    edit_original(page, ["Changed paragraph."])
    publish(translation)  # the old text again
    assert status_of(page, "ar") == Status.OUT_OF_DATE

    # "Sync translated pages": the source takes the new text; the new segment has no translation yet.
    translation.source.update_from_db()
    publish(translation)
    assert status_of(page, "ar") == Status.OUT_OF_DATE

    fill(translation, kind="machine")  # machine-translated, then published
    publish(translation)
    assert status_of(page, "ar") == Status.MACHINE


def test_pages_written_by_hand_in_each_language_have_no_status(homes):
    page = make_page(homes["en"], "Written twice", ["Text."])
    copy = page.copy_for_translation(Locale.objects.get(language_code="ar"))
    copy.save_revision().publish()
    edit_original(page, ["Changed."])
    assert not TranslationStatus.objects.filter(translation_key=page.translation_key).exists()


def test_a_status_of_another_page_type_is_kept_the_same_way(homes):
    """Generic: any translatable page type (here the home page type of another app would do as well)."""
    from resources.models import NewsIndexPage

    index = NewsIndexPage(title="News", slug="news", locale=homes["en"].locale)
    homes["en"].add_child(instance=index)
    index.save_revision().publish()
    translate(index, "ar")
    assert status_of(index, "ar") == Status.MACHINE
