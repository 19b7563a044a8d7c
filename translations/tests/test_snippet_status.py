"""Status of translated snippets (docs/translation.md): a translatable snippet (`Testimonial`) gets a
status per language like a page, when wagtail-localize saves its translation and when its original
is saved; the dashboard counts snippets apart from pages."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from core import models as core_models
from translations import dashboard
from translations.models import TranslationStatus

from .pages import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "ar", "fr", "es")}


def _translated_testimonial(locales, code, *, kind="machine", quote="We learnt from our peers."):
    original = core_models.Testimonial.objects.create(quote=quote, speaker_role="Mayor", locale=locales["en"])
    source, _ = TranslationSource.get_or_create_from_instance(original)
    translation = Translation.objects.create(source=source, target_locale=locales[code])
    fill(translation, kind=kind)
    translation.save_target(publish=True)
    return original, translation


def statuses(original) -> dict:
    return {
        row.locale.language_code: row.status
        for row in TranslationStatus.objects.filter(translation_key=original.translation_key).select_related("locale")
    }


def test_a_machine_translated_snippet_is_machine_and_its_source_original(locales):
    original, _ = _translated_testimonial(locales, "ar")
    assert statuses(original) == {"en": "original", "ar": "machine"}
    assert core_models.Testimonial.objects.get(
        translation_key=original.translation_key, locale=locales["ar"]
    ).quote.startswith("[ar]")


def test_a_snippet_a_person_translated_is_reviewed(locales):
    original, _ = _translated_testimonial(locales, "fr", kind="manual")
    assert statuses(original) == {"en": "original", "fr": "reviewed"}


def test_changing_the_original_snippet_makes_its_translations_out_of_date(locales):
    original, _ = _translated_testimonial(locales, "ar")
    original.quote = "We learnt a great deal from our peers."
    original.save()
    assert statuses(original)["ar"] == "out_of_date"


def test_saving_the_original_unchanged_changes_nothing(locales):
    original, _ = _translated_testimonial(locales, "ar")
    before = TranslationStatus.objects.get(translation_key=original.translation_key, locale=locales["ar"]).updated_at
    original.save()
    row = TranslationStatus.objects.get(translation_key=original.translation_key, locale=locales["ar"])
    assert (row.status, row.updated_at) == ("machine", before)


def test_a_snippet_wagtail_localize_never_saw_has_no_status(locales):
    lone = core_models.Testimonial.objects.create(quote="Written once.", speaker_role="Mayor", locale=locales["en"])
    assert not TranslationStatus.objects.filter(translation_key=lone.translation_key).exists()


def test_the_dashboard_counts_snippets_apart_from_pages(client, staff_user, locales, monkeypatch):
    monkeypatch.setattr(dashboard, "open_report_counts", lambda: None)
    original, _ = _translated_testimonial(locales, "ar")
    core_models.Testimonial.objects.create(quote="Only in Spanish.", speaker_role="Alcaldesa", locale=locales["es"])
    client.force_login(staff_user)
    response = client.get("/admin/translation-dashboard/")
    pages = response.context["pages_table"]
    testimonials = next(table for table in response.context["snippet_tables"] if table.label == "Testimonials")
    counts = {row.language: row.counts for row in testimonials.rows}
    assert testimonials.groups == 2
    assert counts["en"] == {"original": 1, "missing": 1}
    assert counts["ar"] == {"machine": 1, "missing": 1}
    assert counts["es"] == {"original": 1, "missing": 1}
    assert all(row.counts.get("machine", 0) == 0 for row in pages.rows)  # the snippet is not a page
    html = response.content.decode()
    assert "<h2" in html and "Snippets" in html and "Testimonials: 2 in all" in html


def test_the_work_list_goes_through_snippets_too(client, staff_user, locales, monkeypatch):
    """The work list's "Content: Testimonials" lists the snippets to review (to wagtail-localize's editor for snippets)
    and the groups missing a language (to its "Translate" for snippets); pages stay the default."""
    monkeypatch.setattr(dashboard, "open_report_counts", lambda: None)
    original, translation = _translated_testimonial(locales, "ar")
    arabic = translation.get_target_instance()
    spanish_only = core_models.Testimonial.objects.create(
        quote="Solo en español.", speaker_role="Alcaldesa", locale=locales["es"]
    )
    client.force_login(staff_user)
    url = "/admin/translation-dashboard/"
    html = client.get(url).content.decode()
    assert 'name="what"' in html and 'value="core.testimonial"' in html
    assert f"/admin/snippets/core/testimonial/edit/{arabic.pk}/" not in html.split('id="work"')[1]  # pages first
    work = client.get(url, {"what": "core.testimonial"}).content.decode().split('id="work"')[1]
    assert f'href="/admin/snippets/core/testimonial/edit/{arabic.pk}/"' in work and ">Review<" in work
    missing = client.get(url, {"what": "core.testimonial", "status": "missing", "language": "fr"}).content.decode()
    missing = missing.split('id="work"')[1]
    assert f"/admin/localize/submit/snippet/core/testimonial/{spanish_only.pk}/" in missing
    assert f"/admin/localize/submit/snippet/core/testimonial/{original.pk}/" in missing
    assert "Solo en español." in missing
    # Reviewed by a person: off the default list.
    fill(translation, kind="manual")
    translation.save_target(publish=True)
    work = client.get(url, {"what": "core.testimonial"}).content.decode().split('id="work"')[1]
    assert f"/admin/snippets/core/testimonial/edit/{arabic.pk}/" not in work and "Nothing with this status." in work
    assert client.get(url, {"what": "core.nothing"}).status_code == 200  # unknown: pages
