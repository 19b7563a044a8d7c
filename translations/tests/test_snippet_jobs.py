"""Machine translation of translatable snippets (a testimonial) through the task queue, as for pages:
"Machine-translate" in the snippet listing, the languages chosen, one job per language run against
the stand-in engine, the status per language, who may ask, and jobs that go with a deleted snippet."""

import pytest
from wagtail.models import Locale

from conftest import as_role
from core import models as core_models
from translations.jobs import translation_jobs_request
from translations.models import TranslationJob, TranslationStatus

from .test_jobs import ROLES, drafter  # noqa: F401  (drafter: a fixture)

pytestmark = pytest.mark.django_db

State = TranslationJob.State
QUOTE = "The committee met in the city and our members learnt from their peers."


@pytest.fixture
def testimonial(homes):
    return core_models.Testimonial.objects.create(
        quote=QUOTE, speaker_role="Mayor", locale=Locale.objects.get(language_code="en")
    )


def url(snippet) -> str:
    return f"/admin/translation-jobs/snippet/core/testimonial/{snippet.pk}/"


def in_language(snippet, code: str) -> "core_models.Testimonial | None":
    return core_models.Testimonial.objects.filter(
        translation_key=snippet.translation_key, locale__language_code=code
    ).first()


def test_a_snippet_is_translated_in_the_queue(
    engines, standin, testimonial, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        jobs = translation_jobs_request(
            user=staff_user, original=testimonial, language_codes=["fr", "ar"], publish=False
        )
    assert {job.target_locale.language_code for job in jobs} == {"fr", "ar"}
    for job in TranslationJob.objects.all():
        assert job.state == State.DONE and job.page_id is None and job.original() == testimonial
        assert job.engine == "LibreTranslate" and job.segments_translated >= 2  # the quote and the role
    french = in_language(testimonial, "fr")
    assert "comité" in french.quote
    assert "اجتمعت" in in_language(testimonial, "ar").quote
    # A snippet has no drafts: saved, it is what readers see, marked machine-translated.
    status = TranslationStatus.objects.get(translation_key=testimonial.translation_key, locale__language_code="fr")
    assert status.status == TranslationStatus.Status.MACHINE


def test_from_the_listing_to_the_jobs(client, world, engines, standin, testimonial, django_capture_on_commit_callbacks):
    as_role(client, world, "staff")
    listing = client.get("/admin/snippets/core/testimonial/").content.decode()
    assert url(testimonial) in listing and "Machine-translate" in listing
    form = client.get(url(testimonial)).content.decode()
    assert "Machine-translate: " in form and 'value="es"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(testimonial), {"languages": ["es"], "outcome": "draft"})
    assert response.status_code == 302 and response["Location"] == url(testimonial)
    spanish = in_language(testimonial, "es")
    page = client.get(url(testimonial)).content.decode()
    assert f'href="/admin/snippets/core/testimonial/edit/{spanish.pk}/"' in page  # "Open the translation"
    jobs = client.get("/admin/translation-jobs/").content.decode()
    assert f'<a href="{url(testimonial)}"><bdi>{testimonial}</bdi></a>' in jobs
    # Asked again from the translation: pointed to the original, nothing queued.
    response = client.post(url(spanish), {"languages": ["fr"], "outcome": "draft"})
    assert "This page is a translation of the English page" in response.content.decode()
    assert TranslationJob.objects.count() == 1


def test_unknown_or_untranslatable_models_are_not_found(client, world, testimonial):
    as_role(client, world, "staff")
    assert client.get("/admin/translation-jobs/snippet/core/nothing/1/").status_code == 404
    assert client.get("/admin/translation-jobs/snippet/cities/city/1/").status_code == 404  # not translatable
    assert client.get(f"/admin/translation-jobs/snippet/core/testimonial/{testimonial.pk + 999}/").status_code == 404


def test_a_deleted_snippet_takes_its_jobs(
    engines, standin, testimonial, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translation_jobs_request(user=staff_user, original=testimonial, language_codes=["fr"], publish=False)
    assert TranslationJob.objects.count() == 1
    testimonial.delete()
    assert not TranslationJob.objects.exists()


@pytest.mark.usefixtures("two_factor_required")
@pytest.mark.parametrize("role", ROLES)
def test_who_may_machine_translate_a_snippet(
    client,
    world,
    drafter,  # noqa: F811  (the fixture imported above)
    engines,
    standin,
    testimonial,
    role,
    django_capture_on_commit_callbacks,
):
    """Whoever may change the snippet model (the Management Unit), second factor confirmed; hub staff who
    may edit pages may not touch testimonials."""
    as_role(client, world, role)
    form = client.get(url(testimonial))
    with django_capture_on_commit_callbacks(execute=True):
        post = client.post(url(testimonial), {"languages": ["fr"], "outcome": "draft"})
    listing = client.get("/admin/snippets/core/testimonial/")
    if role == "staff":
        assert form.status_code == 200 and post.status_code == 302
        assert TranslationJob.objects.get().state == State.DONE
        assert url(testimonial) in listing.content.decode()
    else:
        assert form.status_code in (302, 403) and post.status_code in (302, 403)
        assert not TranslationJob.objects.exists()
        assert url(testimonial) not in listing.content.decode()
