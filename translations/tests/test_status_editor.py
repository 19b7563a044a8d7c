"""The status follows what people do in wagtail-localize's editor: machine translate and publish
(machine), then correct every segment and publish (reviewed)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail_localize.models import StringSegment

from translations.models import TranslationStatus

from .pages import make_page, translation_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    user = get_user_model().objects.create_superuser(email="editor@example.org", name="Editor", password="pw")
    client.force_login(user)
    return client


def status(page, code):
    return TranslationStatus.objects.get(translation_key=page.translation_key, locale__language_code=code).status


def test_machine_translated_in_the_editor_then_reviewed_segment_by_segment(
    editor, homes, django_capture_on_commit_callbacks
):
    page = make_page(homes["en"], "About us", ["The Management Unit answers.", "Cities help each other."])
    translation = translation_for(page, "ar")
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)  # "Translate this page": a copy to translate
    arabic = page.get_translation(translation.target_locale)
    edit_url = reverse("wagtailadmin_pages:edit", args=[arabic.pk])

    response = editor.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": edit_url})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(edit_url, {"action": "publish"})
    assert response.status_code == 302
    assert status(page, "ar") == "machine"

    segments = StringSegment.objects.filter(source=translation.source).order_by("order")
    for number, segment in enumerate(segments):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        # As the editor's script sends it: a form-encoded PUT.
        response = editor.put(url, f"value=Reviewed+{number}", content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201)
        if number == 0:
            with django_capture_on_commit_callbacks(execute=True):
                editor.post(edit_url, {"action": "publish"})
            assert status(page, "ar") == "machine"  # one segment still the machine's
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(edit_url, {"action": "publish"})
    assert status(page, "ar") == "reviewed"
