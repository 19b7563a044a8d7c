"""Staff roles get the admin rights their job needs: the Management Unit edits and publishes every page,
hub staff edit (not publish) their own hub's page in every language, and nobody else edits pages."""

import pytest
from django.urls import reverse
from wagtail.models import Collection, Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.models import Role
from accounts.services import role_grant, role_revoke
from cities.models import Hub
from conftest import as_role, confirm_second_factor, kept_for_module, make_person
from core.demo import load_demo_pages
from core.models import ContentPage, HubPage

# As in production: staff privileges need a code confirmed in the session (`as_role` confirms one).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


@pytest.fixture(scope="module")
def _demo_site(request, django_db_setup, django_db_blocker):
    with kept_for_module(request, django_db_blocker):
        yield load_demo_pages()


@pytest.fixture
def pages(_demo_site, world):
    """The demo site (made once for the module, before the people: their rights follow their roles)."""
    about = ContentPage.objects.get(locale__language_code="en", slug="about")
    esa = HubPage.objects.get(locale__language_code="en", hub__code="esa")
    mena = HubPage.objects.get(locale__language_code="en", hub__code="mena")
    return {"about": about, "esa": esa, "mena": mena}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def content_post(page, **extra):
    return nested_form_data(
        {
            "title": page.title + " (edited)",
            "slug": page.slug,
            "intro": "Edited through the admin.",
            "body": streamfield([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def hub_post(page, **extra):
    return nested_form_data(
        {
            "title": page.title + " (edited)",
            "slug": page.slug,
            "hub": page.hub_id,
            "intro": "Edited through the admin.",
            "needs_and_priorities": rich_text("<p>Water.</p>"),
            "team": streamfield([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_the_management_unit_edits_and_publishes_the_about_page(client, world, pages):
    about = pages["about"]
    as_role(client, world, "staff")
    assert client.get(edit_url(about)).status_code == 200
    response = client.post(edit_url(about), content_post(about, **{"action-publish": "action-publish"}))
    assert response.status_code == 302, response.context and response.context["form"].errors
    about.refresh_from_db()
    assert about.title.endswith("(edited)") and about.live and not about.has_unpublished_changes


def test_the_management_unit_edits_pages_in_every_language(client, world, pages):
    as_role(client, world, "staff")
    arabic = pages["mena"].get_translation(Locale.objects.get(language_code="ar"))
    assert client.get(edit_url(arabic)).status_code == 200


def test_the_management_unit_can_upload_and_choose_images_and_documents(world, pages):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    staff, root = world["staff"], Collection.get_first_root_node()
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        for action in ("add", "change", "choose"):
            assert policy.user_has_permission(staff, action), (policy.model, action)
        assert root in policy.collections_user_has_permission_for(staff, "add")


@pytest.mark.parametrize(
    "role", ["practitioner", "focal point of A", "hub staff of A's hub", "hub staff of another hub"]
)
def test_no_one_else_publishes_or_edits_the_about_page(client, world, pages, role):
    about, title = pages["about"], pages["about"].title
    as_role(client, world, role)
    assert client.get(edit_url(about)).status_code in (302, 403)
    client.post(edit_url(about), content_post(about, **{"action-publish": "action-publish"}))
    about.refresh_from_db()
    assert about.title == title and not about.has_unpublished_changes


def test_hub_staff_edit_their_hub_page_as_a_draft(client, world, pages):
    esa = pages["esa"]
    as_role(client, world, "hub staff of A's hub")
    assert client.get(edit_url(esa)).status_code == 200
    response = client.post(edit_url(esa), hub_post(esa))
    assert response.status_code == 302, response.context and response.context["form"].errors
    esa.refresh_from_db()
    assert esa.has_unpublished_changes
    assert esa.get_latest_revision_as_object().title.endswith("(edited)")
    # A draft, not published: the Management Unit publishes.
    assert not esa.title.endswith("(edited)")
    assert not esa.permissions_for_user(world["hub staff of A's hub"]).can_publish()


def test_a_hub_page_made_after_its_staff_exist_is_theirs_to_edit(client, world, pages):
    for page in pages["esa"].get_translations(inclusive=True):
        page.delete()
    load_demo_pages()  # makes the hub's page again, now that its staff exist
    esa = HubPage.objects.get(locale__language_code="en", hub__code="esa")
    as_role(client, world, "hub staff of A's hub")
    assert client.get(edit_url(esa)).status_code == 200
    assert esa.permissions_for_user(world["hub staff of A's hub"]).can_edit()
    assert not esa.permissions_for_user(world["hub staff of another hub"]).can_edit()


def test_hub_staff_cannot_publish_their_hub_page(client, world, pages):
    esa, title = pages["esa"], pages["esa"].title
    as_role(client, world, "hub staff of A's hub")
    client.post(edit_url(esa), hub_post(esa, **{"action-publish": "action-publish"}))
    esa.refresh_from_db()
    assert esa.title == title


def test_hub_staff_edit_their_hub_page_in_every_language(client, world, pages):
    as_role(client, world, "hub staff of A's hub")
    translations = HubPage.objects.filter(translation_key=pages["esa"].translation_key)
    assert translations.count() == 4
    for page in translations:
        assert client.get(edit_url(page)).status_code == 200, page.locale


@pytest.mark.parametrize("page", ["mena", "about"])
def test_hub_staff_are_refused_other_pages(client, world, pages, page):
    target = pages[page]
    as_role(client, world, "hub staff of A's hub")
    assert client.get(edit_url(target)).status_code in (302, 403)
    post = hub_post(target) if page == "mena" else content_post(target)
    client.post(edit_url(target), post)
    target.refresh_from_db()
    assert not target.has_unpublished_changes


def test_hub_staff_without_a_second_factor_cannot_edit_their_hub_page(client, world, pages):
    as_role(client, world, "hub staff of A's hub without a second factor")
    response = client.get(edit_url(pages["esa"]))
    assert response.status_code == 302 and "two-factor" in response["Location"]


def fresh(user):
    """The user as the next request loads them (Wagtail caches page rights on the user object)."""
    return type(user).objects.get(pk=user.pk)


def test_hub_rights_follow_the_role(world, pages):
    person = make_person("new-hub@example.org")
    esa = pages["esa"]
    assert not esa.permissions_for_user(fresh(person)).can_edit()
    assignment = role_grant(user=person, role=Role.HUB_STAFF, hub=Hub.objects.get(code="esa"))
    assert esa.permissions_for_user(fresh(person)).can_edit()
    assert not pages["mena"].permissions_for_user(fresh(person)).can_edit()
    role_revoke(assignment=assignment)
    assert not esa.permissions_for_user(fresh(person)).can_edit()


def test_a_hub_page_moved_to_another_hub_moves_its_editors(world, pages):
    esa_staff = world["hub staff of A's hub"]
    page = pages["esa"]
    page.hub = Hub.objects.get(code="mena")
    page.save()
    assert not Page.objects.get(pk=page.pk).specific.permissions_for_user(esa_staff).can_edit()
    assert page.permissions_for_user(world["hub staff of another hub"]).can_edit()


def test_the_sync_is_idempotent(world, pages):
    from wagtail.models import GroupPagePermission

    from accounts.groups import sync_group_permissions

    sync_group_permissions()
    before = GroupPagePermission.objects.count()
    sync_group_permissions()
    assert GroupPagePermission.objects.count() == before


def test_hub_staff_submit_their_page_and_the_management_unit_publishes_it(client, world, pages):
    esa = pages["esa"]
    as_role(client, world, "hub staff of A's hub")
    response = client.post(edit_url(esa), hub_post(esa, **{"action-submit": "action-submit"}))
    assert response.status_code == 302
    esa.refresh_from_db()
    assert esa.workflow_in_progress and not esa.title.endswith("(edited)")

    as_role(client, world, "staff")
    draft = esa.get_latest_revision_as_object()
    response = client.post(edit_url(esa), hub_post(esa, title=draft.title, **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    esa.refresh_from_db()
    assert esa.title == draft.title and esa.title.endswith("(edited)")
    assert not esa.workflow_in_progress


def test_the_sync_runs_once_per_migrate_after_every_app_has_its_permissions(monkeypatch, db):
    """`post_migrate` is sent once per app: the groups are synced once, after the last app's permissions exist."""
    from django.core.management.sql import emit_post_migrate_signal

    from accounts import groups

    calls = []
    monkeypatch.setattr(groups, "_sync_hub_groups", lambda: calls.append(1))
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert calls == [1]


def test_translators_edit_every_page_in_every_language_and_do_not_publish(client, world, pages):
    """They correct what readers report in wagtail-localize's editor; publishing stays with the Management Unit."""
    translator = make_person("translator@example.org")
    role_grant(user=translator, role=Role.TRANSLATOR)
    arabic = pages["about"].get_translation(Locale.objects.get(language_code="ar"))
    for page in (pages["about"], arabic, pages["esa"]):
        rights = Page.objects.get(pk=page.pk).permissions_for_user(translator)
        assert rights.can_edit() and not rights.can_publish() and not rights.can_delete()
    client.force_login(translator)
    confirm_second_factor(client, translator)
    assert client.get(edit_url(arabic)).status_code == 200
