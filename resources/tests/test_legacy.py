"""Old generic drafts (before the Resource Hub) become draft case studies: migration 0003 and
`resources/legacy.py`. The drafts are built as the old `core/resources.py` (commit 00d39cb^) built them:
an unpublished `ContentPage` under an unpublished `ContentPage` with the slug "resources"."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils.html import escape, linebreaks
from wagtail.models import Locale, Page, Site

from cities.models import PracticeArea
from core.models import ContentPage, HomePage
from exchanges.models import ExchangeRequest
from exchanges.services import exchange_request
from resources.models import ResourceIndexPage, ResourceKind, ResourcePage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("resources.migrations.0003_legacy_drafts")


def old_draft(home, *, title, intro, paragraphs, actor):
    """What `core.resources.resource_draft_create` made before the Resource Hub."""
    container = ContentPage.objects.filter(slug="resources", locale=home.locale).first()
    if container is None:
        container = ContentPage(title="Resource Hub", slug="resources", locale=home.locale, live=False)
        home.add_child(instance=container)
        container.save_revision()
    page = ContentPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        intro=intro,
        body=[("paragraph", linebreaks(escape(text))) for text in paragraphs],
        live=False,
        owner=actor,
    )
    container.add_child(instance=page)
    page.save_revision(user=actor)
    return page


@pytest.fixture
def old_site(world):
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "ar")}
    home = HomePage(title="Home", slug="home-old", hero_heading="Welcome", locale=locales["en"])
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    home_ar = home.copy_for_translation(locales["ar"])
    home_ar.save_revision().publish()
    staff = world["staff"]
    note = old_draft(
        home,
        title="Youth councils in two cities",
        intro="What two member cities learned.",
        paragraphs=["We met every month.", "Young people chose the topics."],
        actor=staff,
    )
    # The editor changed the draft afterwards: a later revision, the page row unchanged.
    edited = note.get_latest_revision_as_object()
    edited.title = "Youth councils: what two cities learned"
    edited.save_revision(user=staff)
    exchange = exchange_request(
        requester=world["city A"],
        partner=world["city B"],
        areas=[PracticeArea.objects.first()],
        message="Shall we?",
        actor=staff,
    )
    ExchangeRequest.objects.filter(pk=exchange.pk).update(resource_page=note)
    answer = old_draft(
        Page.objects.get(pk=home_ar.pk),
        title="Answer",
        intro="سؤال طرحته سلطة عضو على مكتب المساعدة.",
        paragraphs=["السؤال", "الجواب"],
        actor=staff,
    )
    return {"home": home, "note": note, "answer": answer, "exchange": exchange, "world": world}


def test_old_drafts_become_draft_case_studies_in_place(old_site):
    note, answer, world = old_site["note"], old_site["answer"], old_site["world"]
    revisions_before = note.revisions.count()

    migration.convert(apps, None)

    case = ResourcePage.objects.get(pk=note.pk)  # the same page: the exchange still points to it
    assert ExchangeRequest.objects.get(pk=old_site["exchange"].pk).resource_page_id == case.pk
    assert not ContentPage.objects.filter(pk=note.pk).exists()
    assert case.kind == ResourceKind.CASE_STUDY and not case.live
    assert case.title == "Youth councils: what two cities learned"  # the editor's last draft
    assert case.summary == "What two member cities learned."
    assert [block.block_type for block in case.body] == ["paragraph", "paragraph"]
    assert "Young people chose the topics." in case.body[1].value.source
    assert set(case.cities.all()) == {world["city A"], world["city B"]}
    assert case.owner == world["staff"]
    assert case.reading_minutes >= 1

    # Under the Resource Hub of its language, which now has the address /en/resources/.
    hub = case.get_parent().specific
    assert isinstance(hub, ResourceIndexPage) and hub.slug == "resources"
    assert hub.get_parent().pk == old_site["home"].pk
    # The old container is gone (it held nothing else and was never published).
    assert not ContentPage.objects.filter(slug__startswith="resources").exists()

    # The history is kept, every revision opens as a case study, and the conversion adds one.
    assert case.revisions.count() == revisions_before + 1
    for revision in case.revisions.all():
        opened = revision.as_object()
        assert isinstance(opened, ResourcePage) and opened.kind == ResourceKind.CASE_STUDY
    oldest = case.revisions.order_by("created_at", "pk").first().as_object()
    assert oldest.title == "Youth councils in two cities" and oldest.summary == "What two member cities learned."
    latest = case.get_latest_revision_as_object()
    assert latest.title == case.title and {c.pk for c in latest.cities.all()} == {
        world["city A"].pk,
        world["city B"].pk,
    }

    arabic = ResourcePage.objects.get(pk=answer.pk)
    assert arabic.locale.language_code == "ar" and arabic.get_parent().locale.language_code == "ar"
    assert arabic.summary.startswith("سؤال") and arabic.reading_minutes >= 1


def test_a_container_holding_other_pages_is_renamed_not_deleted_and_a_second_run_changes_nothing(old_site):
    container = old_site["note"].get_parent()
    kept = ContentPage(title="A page an editor put there", slug="kept", live=True)
    container.add_child(instance=kept)
    kept.save_revision().publish()

    call_command("convert_legacy_drafts", verbosity=0)
    container.refresh_from_db()
    assert container.slug == "resources-old-drafts"
    assert ContentPage.objects.get(pk=kept.pk).live  # a published page is left as it was
    assert ResourceIndexPage.objects.filter(slug="resources", locale__language_code="en").exists()
    counts = (ResourcePage.objects.count(), ContentPage.objects.count(), Page.objects.count())

    call_command("convert_legacy_drafts", verbosity=0)
    assert (ResourcePage.objects.count(), ContentPage.objects.count(), Page.objects.count()) == counts


def test_a_database_without_old_drafts_is_left_alone(world):
    before = Page.objects.count()
    migration.convert(apps, None)
    assert Page.objects.count() == before
