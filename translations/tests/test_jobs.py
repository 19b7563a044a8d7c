"""Machine translation in the task queue: an editor presses "Machine-translate this page", chooses the
languages and publish-or-draft; one job per language runs in the task queue against the stand-in
engine (or Apertium for real), keeps what a person wrote, and says in the admin what went wrong."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from accounts.models import Role
from accounts.services import role_grant
from cities.models import Hub
from conftest import as_role, make_person
from translations.jobs import translation_jobs_request
from translations.models import TranslationJob, TranslationStatus

from .pages import fill, make_page, translate, translation_for

pytestmark = pytest.mark.django_db

State = TranslationJob.State
PARAGRAPHS = ["The committee met in the city.", "Our members and the network of strong cities."]


def notice(html: str) -> str | None:
    match = re.search(r'<aside class="notice translation-notice".*?</aside>', html, re.S)
    return match.group(0) if match else None


@pytest.fixture
def article(homes):
    return make_page(homes["en"], "Our network", PARAGRAPHS, slug="our-network")


@pytest.fixture
def drafter(world, homes):
    """Hub staff who may edit (save drafts of) the English pages, not publish them."""
    user = make_person("drafter@example.org")
    role_grant(user=user, role=Role.HUB_STAFF, hub=Hub.objects.get(code="esa"))
    group = user.groups.get(name__startswith="Hub staff")
    GroupPagePermission.objects.create(group=group, page=homes["en"], permission_type="change")
    world["drafter"] = user
    return user


def run(django_capture_on_commit_callbacks, *, user, page, languages, publish=False):
    with django_capture_on_commit_callbacks(execute=True):
        jobs = translation_jobs_request(user=user, original=page, language_codes=languages, publish=publish)
    return {job.target_locale.language_code: TranslationJob.objects.get(pk=job.pk) for job in jobs}


def post_translate(client, page, languages, outcome="draft", django_capture_on_commit_callbacks=None):
    data = {"languages": languages, "outcome": outcome}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/admin/translation-jobs/page/{page.pk}/", data)


def body_text(page) -> str:
    page = Page.objects.get(pk=page.pk).specific
    revision = page.get_latest_revision_as_object()
    return " ".join(str(block.value) for block in revision.body)


# The work itself -------------------------------------------------------------------------------


def test_drafts_in_three_languages_from_the_stand_in(
    engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["ar", "fr", "es"])
    assert {code: job.state for code, job in jobs.items()} == {"ar": State.DONE, "fr": State.DONE, "es": State.DONE}
    for code in ("ar", "fr", "es"):
        target = article.get_translation(Locale.objects.get(language_code=code))
        assert not target.live  # kept as a draft for review
        assert jobs[code].attempts == 1 and jobs[code].finished_at and jobs[code].engine == "LibreTranslate"
        assert jobs[code].segments_translated > 0
    assert "comité s'est réuni à le ville" in body_text(article.get_translation(Locale.objects.get(language_code="fr")))
    assert "اجتمعت" in body_text(article.get_translation(Locale.objects.get(language_code="ar")))
    types = set(StringTranslation.objects.filter(locale__language_code="fr").values_list("translation_type", flat=True))
    assert types == {"machine"}
    # nothing live, so readers see nothing and no status is recorded yet
    assert not TranslationStatus.objects.filter(translation_key=article.translation_key, locale__language_code="fr")


def test_publish_at_once_shows_readers_the_notice(
    client, engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["fr"], publish=True)
    assert jobs["fr"].state == State.DONE
    french = article.get_translation(Locale.objects.get(language_code="fr"))
    assert french.live and not french.has_unpublished_changes
    status = TranslationStatus.objects.get(translation_key=article.translation_key, locale=french.locale)
    assert status.status == TranslationStatus.Status.MACHINE
    client.logout()
    html = client.get(french.url).content.decode()
    assert notice(html) and "comité" in html


def test_what_a_person_wrote_is_never_overwritten(
    engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    translation = translation_for(article, "fr")
    fill(translation, kind="manual", text="Écrit par une personne : {data}", only=3)  # title, slug, first paragraph
    written = dict(
        StringTranslation.objects.filter(locale__language_code="fr", translation_type="manual").values_list(
            "pk", "data"
        )
    )
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["fr"])
    assert jobs["fr"].state == State.DONE and jobs["fr"].segments_kept == 3
    assert dict(StringTranslation.objects.filter(pk__in=written).values_list("pk", "data")) == written
    sent = [text for request in standin.requests() for text in request["texts"]]
    assert not any("The committee met" in text for text in sent)  # the person's paragraph was not even sent
    text = body_text(article.get_translation(Locale.objects.get(language_code="fr")))
    assert "Écrit par une personne" in text and "nos membres et le réseau" in text.lower()


def test_asking_again_retranslates_machine_segments_only(
    engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["es"])
    first = StringTranslation.objects.filter(locale__language_code="es").order_by("pk").first()
    first.data, first.translation_type = "Corregido por una persona.", "manual"
    first.save()
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["es"])
    assert jobs["es"].state == State.DONE and jobs["es"].attempts == 1
    first.refresh_from_db()
    assert first.data == "Corregido por una persona." and first.translation_type == "manual"


def test_engine_failing_after_its_retries_fails_the_job_and_keeps_the_translation(
    client, world, engines, standin, pauses, article, staff_user, django_capture_on_commit_callbacks
):
    french = translate(article, "fr", kind="manual")  # a person's translation, published
    before = (french.specific.get_latest_revision().pk, body_text(french))
    # The original changes; the translation is asked again and the engine keeps failing.
    page = article.specific
    page.body = [("paragraph", "<p>A new paragraph for our members.</p>")]
    page.save_revision().publish()
    standin.control(mode="500", times=50)
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["fr"])
    job = jobs["fr"]
    assert job.state == State.FAILED and job.problem == TranslationJob.Problem.ENGINE
    assert job.error == "LibreTranslate could not translate en→fr after 4 attempts: HTTP 500"
    assert len(pauses) == 3  # the engine's own retries
    french = Page.objects.get(pk=french.pk).specific
    assert (french.get_latest_revision().pk, body_text(french)) == before
    # shown in the admin, with "try again"
    as_role(client, world, "staff")
    html = client.get(f"/admin/translation-jobs/page/{article.pk}/").content.decode()
    assert "HTTP 500" in html and "Try again" in html and "Traceback" not in html
    standin.control(reset=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/translation-jobs/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == State.DONE and job.attempts == 2 and job.error == ""


def test_a_slow_answer_is_waited_for_then_retried(
    engines, standin, pauses, article, staff_user, django_capture_on_commit_callbacks
):
    standin.control(mode="slow", delay=3, times=1)  # the engines' timeout is 2 s
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["es"])
    assert jobs["es"].state == State.DONE and pauses == [0.5]


def test_a_pair_with_no_engine_waits_for_a_person(
    engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    engines.TRANSLATION_ENGINE = ["apertium"]  # Debian has no en→ar pair
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["ar"])
    job = jobs["ar"]
    assert job.state == State.NEEDS_PERSON and job.problem == TranslationJob.Problem.NO_ENGINE
    arabic = article.get_translation(Locale.objects.get(language_code="ar"))
    assert not arabic.live  # a draft a translator opens in wagtail-localize's editor
    assert Translation.objects.filter(source__object_id=article.translation_key, target_locale=arabic.locale).exists()


def test_no_engine_never_touches_an_existing_draft(engines, article, staff_user, django_capture_on_commit_callbacks):
    engines.TRANSLATION_ENGINE = []
    arabic = translate(article, "ar", kind="manual", publish=False)
    revision = Page.objects.get(pk=arabic.pk).latest_revision_id
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["ar"])
    assert jobs["ar"].state == State.NEEDS_PERSON
    assert Page.objects.get(pk=arabic.pk).latest_revision_id == revision


def test_apertium_for_real_en_to_es(settings, engines, article, staff_user, django_capture_on_commit_callbacks):
    settings.TRANSLATION_ENGINE = ["apertium"]
    jobs = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["es"])
    assert jobs["es"].state == State.DONE and jobs["es"].engine == "Apertium"
    text = body_text(article.get_translation(Locale.objects.get(language_code="es"))).lower()
    assert "comité" in text and "ciudad" in text


def test_a_persons_own_page_is_not_offered_nor_replaced(
    client, world, engines, article, staff_user, django_capture_on_commit_callbacks
):
    spanish = translate(article, "es", kind="manual")
    Translation.objects.filter(target_locale=spanish.locale).update(enabled=False)  # "Stop synced translation"
    as_role(client, world, "staff")
    response = post_translate(
        client, article, ["es"], django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    assert "a person&#x27;s own translation" in response.content.decode()
    assert not TranslationJob.objects.exists()


# The admin ---------------------------------------------------------------------------------------


def test_the_form_offers_the_missing_languages_by_default(client, world, engines, article):
    translate(article, "fr")
    as_role(client, world, "staff")
    response = client.get(f"/admin/translation-jobs/page/{article.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    checked = set(re.findall(r'name="languages" value="(\w+)"[^>]*checked', html))
    offered = set(re.findall(r'name="languages" value="(\w+)"', html))
    assert checked == {"ar", "es"} and offered == {"ar", "es", "fr"}
    assert "Publish at once" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"outcome": "draft"}, "Choose at least one language."),
        ({"languages": ["xx"], "outcome": "draft"}, "Choose among the languages listed."),
        ({"languages": ["en"], "outcome": "draft"}, "Choose among the languages listed."),
        ({"languages": ["fr"], "outcome": "sideways"}, "Choose to publish at once or to keep drafts."),
    ],
)
def test_bad_input_gets_a_clear_message(client, world, engines, article, data, message):
    as_role(client, world, "staff")
    response = client.post(f"/admin/translation-jobs/page/{article.pk}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not TranslationJob.objects.exists()


def test_a_translation_page_points_to_its_original(client, world, engines, article):
    french = translate(article, "fr")
    as_role(client, world, "staff")
    html = client.get(f"/admin/translation-jobs/page/{french.pk}/").content.decode()
    assert "This page is a translation of the English page" in html
    response = client.post(f"/admin/translation-jobs/page/{french.pk}/", {"languages": ["es"], "outcome": "draft"})
    assert response.status_code == 200 and not TranslationJob.objects.exists()


def test_the_button_is_on_the_page_header_and_the_edit_view_tells_about_jobs(
    client, world, engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    as_role(client, world, "staff")
    edit = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/translation-jobs/page/{article.pk}/" in edit and "Machine-translate this page" in edit
    standin.control(mode="500", times=50)
    run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["ar"])
    edit = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Machine translation stopped: Arabic (Failed)" in edit


def test_a_queued_job_is_not_queued_twice(engines, article, staff_user, django_capture_on_commit_callbacks):
    translation_jobs_request(
        user=staff_user, original=article, language_codes=["fr"], publish=False
    )  # not committed yet
    again = translation_jobs_request(user=staff_user, original=article, language_codes=["fr"], publish=False)
    assert again[0].state == State.QUEUED and TranslationJob.objects.count() == 1


# Who may -----------------------------------------------------------------------------------------

CAN_TRANSLATE = {"staff": "publish", "drafter": "draft"}
ROLES = [
    "anonymous",
    "practitioner",
    "focal point of A",
    "hub staff of another hub",
    "staff without a second factor",
    "drafter",
    "staff",
]


@pytest.mark.usefixtures("two_factor_required")
@pytest.mark.parametrize("role", ROLES)
def test_who_may_machine_translate(
    client, world, drafter, engines, standin, article, role, django_capture_on_commit_callbacks
):
    as_role(client, world, role)
    url = f"/admin/translation-jobs/page/{article.pk}/"
    page_response = client.get(url)
    post = post_translate(client, article, ["fr"], "publish", django_capture_on_commit_callbacks)
    may = CAN_TRANSLATE.get(role)
    if may is None:
        assert page_response.status_code in (302, 403) and post.status_code in (302, 403)
        assert not TranslationJob.objects.exists()
        return
    assert page_response.status_code == 200
    html = page_response.content.decode()
    assert ("Publish at once" in html) == (may == "publish")
    if may == "draft":  # publishing is refused, with a message; drafts are fine
        assert post.status_code == 400 and not TranslationJob.objects.exists()
        post = post_translate(client, article, ["fr"], "draft", django_capture_on_commit_callbacks)
    assert post.status_code == 302
    job = TranslationJob.objects.get()
    assert job.state == State.DONE and job.publish == (may == "publish") and job.requested_by == world[role]


@pytest.mark.usefixtures("two_factor_required")
@pytest.mark.parametrize("role", ROLES)
def test_who_may_try_again_and_see_the_list(
    client, world, drafter, engines, standin, article, staff_user, role, django_capture_on_commit_callbacks
):
    standin.control(mode="500", times=50)
    job = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["es"])["es"]
    standin.control(reset=True)
    as_role(client, world, role)
    with django_capture_on_commit_callbacks(execute=True):
        retry = client.post(f"/admin/translation-jobs/{job.pk}/retry/")
    job.refresh_from_db()
    listing = client.get("/admin/translation-jobs/")
    if role in CAN_TRANSLATE:
        assert retry.status_code == 302 and job.state == State.DONE
    else:
        assert retry.status_code in (302, 403) and job.state == State.FAILED
    if role == "staff":
        assert listing.status_code == 200 and "Our network" in listing.content.decode()
    else:
        assert listing.status_code in (302, 403) and "Our network" not in listing.content.decode()


def test_the_list_filters_by_state_in_a_bounded_number_of_queries(
    client, world, engines, standin, homes, staff_user, django_capture_on_commit_callbacks
):
    pages = [make_page(homes["en"], f"Page {n}", PARAGRAPHS) for n in range(6)]
    standin.control(mode="500", times=1000)
    for page in pages[:3]:
        run(django_capture_on_commit_callbacks, user=staff_user, page=page, languages=["fr", "es"])
    standin.control(reset=True)
    for page in pages[3:]:
        run(django_capture_on_commit_callbacks, user=staff_user, page=page, languages=["ar"])
    as_role(client, world, "staff")
    client.get("/admin/translation-jobs/")  # warm
    with CaptureQueriesContext(connection) as few:
        small = client.get("/admin/translation-jobs/?state=done")
    assert small.status_code == 200 and small.content.decode().count("data-job=") == 3
    with CaptureQueriesContext(connection) as many:
        failed = client.get("/admin/translation-jobs/?state=failed")
    html = failed.content.decode()
    assert html.count("data-job=") == 6 and html.count("Try again") == 6 and "HTTP 500" in html
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert client.get("/admin/translation-jobs/?state=nonsense").status_code == 200


def test_the_button_is_in_the_page_listing_more_menu(client, world, engines, article, homes):
    as_role(client, world, "staff")
    html = client.get(f"/admin/pages/{homes['en'].pk}/").content.decode()
    assert f"/admin/translation-jobs/page/{article.pk}/" in html


def test_the_translation_editor_tells_about_its_job(
    client, world, engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    french = translate(article, "fr")  # a synced translation: wagtail-localize's editor opens
    standin.control(mode="500", times=50)
    run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["fr", "es"])
    as_role(client, world, "staff")
    html = client.get(f"/admin/pages/{french.pk}/edit/").content.decode()
    assert "Machine translation stopped: French (Failed)" in html and "Spanish" not in html.split("stopped:")[1][:80]


def test_a_queue_that_cannot_be_reached_fails_the_job(
    monkeypatch, engines, article, staff_user, django_capture_on_commit_callbacks
):
    from django_tasks.backends.immediate import ImmediateBackend

    def down(self, task, args, kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(ImmediateBackend, "enqueue", down)
    job = run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["fr"])["fr"]
    assert job.state == State.FAILED and job.problem == TranslationJob.Problem.QUEUE


def test_a_job_whose_worker_was_lost_can_be_tried_again(
    engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from translations.jobs import translation_job_retry

    translation_jobs_request(user=staff_user, original=article, language_codes=["es"], publish=False)  # not run
    job = TranslationJob.objects.get()
    TranslationJob.objects.filter(pk=job.pk).update(state=State.RUNNING, started_at=timezone.now() - timedelta(hours=1))
    job.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation_job_retry(user=staff_user, job=job)
    job.refresh_from_db()
    assert job.state == State.DONE


def test_the_page_view_in_arabic(
    client, world, engines, standin, article, staff_user, django_capture_on_commit_callbacks
):
    standin.control(mode="500", times=50)
    run(django_capture_on_commit_callbacks, user=staff_user, page=article, languages=["ar"])
    as_role(client, world, "staff")
    staff_user.wagtail_userprofile.preferred_language = "ar"
    staff_user.wagtail_userprofile.save()
    response = client.get(f"/admin/translation-jobs/page/{article.pk}/")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
