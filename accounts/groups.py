"""The admin groups' permissions, kept in step with the code after every migrate.

A data migration cannot grant them: on a fresh database the apps' permissions are
only created by `post_migrate`, after the migrations have run. So the groups are
synced here, from `post_migrate` (wiring, not domain flow), and idempotently.

Wagtail gives page rights per group and per page, and image and document rights per collection:
- the Management Unit adds, edits, publishes, locks and unlocks every page (rights on the tree's root, so
  every language's home page and all below it) and adds, edits and chooses images and documents (root
  collection); they are reviewers of the site-wide moderation workflow;
- each Regional Hub has its own group ("Hub staff: <code>") that may edit its hub's pages (`core.HubPage`,
  every language) and nothing else: they save drafts and submit them for moderation; the Management Unit
  publishes. `role_grant` / `role_revoke` keep hub staff in their hub's group; `hub_page_rights_sync` runs
  when a hub page is saved (created, translated, moved to another hub) and here after every migrate;
- translators edit every page (rights on the root: wagtail-localize's editor, where they correct a segment a
  reader reported) and save drafts or submit them; publishing stays with the Management Unit.
"""

# group name -> (app labels whose every model permission it holds, extra "app.codename" permissions)
GROUP_PERMISSIONS = {
    "Management Unit": (
        ("cities", "core", "memberships", "matching", "exchanges", "helpdesk", "translations"),
        ("wagtailadmin.access_admin",),
    ),
    "Regional Hub staff": ((), ("wagtailadmin.access_admin",)),
    "Translators": (
        (),
        (
            "wagtailadmin.access_admin",
            *(f"translations.{action}_glossaryterm" for action in ("add", "change", "delete", "view")),
        ),
    ),
}

MANAGEMENT_UNIT_PAGE_RIGHTS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MANAGEMENT_UNIT_MEDIA_RIGHTS = {"wagtailimages": "image", "wagtaildocs": "document"}  # app -> model
MEDIA_ACTIONS = ("add", "change", "choose")
# Hub staff edit (save drafts, submit for moderation); publishing stays with the Management Unit.
HUB_PAGE_RIGHTS = ("change_page",)
HUB_GROUP_PREFIX = "Hub staff: "
TRANSLATOR_PAGE_RIGHTS = ("change_page",)


def hub_group_name(hub) -> str:
    return f"{HUB_GROUP_PREFIX}{hub.code}"


def hub_group(hub):
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name=hub_group_name(hub))
    return group


def _page_permissions(codenames):
    from django.contrib.auth.models import Permission

    return list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))


def hub_page_rights_sync(*, page_id: int) -> None:
    """Give the page's hub group the hub-page rights on it, and take them from every other hub's group."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from cities.models import Hub
    from core.models import HubPage

    # Read from the database: an editor's unpublished draft does not move the page to another hub.
    hub_id = HubPage.objects.filter(pk=page_id).values_list("hub_id", flat=True).first()
    hub_groups = Group.objects.filter(name__startswith=HUB_GROUP_PREFIX)
    if hub_id is None:
        GroupPagePermission.objects.filter(page_id=page_id, group__in=hub_groups).delete()
        return
    group = hub_group(Hub.objects.get(pk=hub_id))
    GroupPagePermission.objects.filter(page_id=page_id, group__in=hub_groups).exclude(group=group).delete()
    for permission in _page_permissions(HUB_PAGE_RIGHTS):
        GroupPagePermission.objects.get_or_create(group=group, page_id=page_id, permission=permission)


def _sync_root_page_rights(group, codenames) -> None:
    """`codenames` on the tree's root for `group`: every page in every language."""
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is not None:
        for permission in _page_permissions(codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def _sync_management_unit_pages_and_media(group) -> None:
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission, Page

    _sync_root_page_rights(group, MANAGEMENT_UNIT_PAGE_RIGHTS)
    root = Page.get_first_root_node()
    if root is not None:
        # The site-wide moderation workflow (Wagtail's "Moderators approval" on the root): the Management Unit
        # reviews what hub staff submit; without this a page in moderation would be locked to them.
        from wagtail.models import GroupApprovalTask

        for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow__workflow_pages__page=root):
            task.groups.add(group)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, model in MANAGEMENT_UNIT_MEDIA_RIGHTS.items():
            codenames = [f"{action}_{model}" for action in MEDIA_ACTIONS]
            for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )


def _sync_hub_groups() -> None:
    from accounts.models import Role, RoleAssignment
    from cities.models import Hub
    from core.models import HubPage

    for hub in Hub.objects.all():
        group = hub_group(hub)
        people = RoleAssignment.objects.filter(role=Role.HUB_STAFF, hub=hub).values_list("user_id", flat=True)
        group.user_set.add(*people)
    for page_id in HubPage.objects.values_list("pk", flat=True):
        hub_page_rights_sync(page_id=page_id)


def hub_page_saved(sender, instance, **kwargs) -> None:
    """`post_save` of `core.HubPage` (wiring): every way a hub page is made or moved passes here."""
    hub_page_rights_sync(page_id=instance.pk)


def sync_group_permissions(app_config=None, **kwargs) -> None:
    """The groups' permissions and page rights. `post_migrate` is sent once per app with models, in
    INSTALLED_APPS order, and each app's permissions are made by its own signal: the sync runs on the
    last one's (called directly, with no app, it always runs)."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    if app_config is not None:
        with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
        if app_config is not with_models[-1]:
            return

    for name, (app_labels, extra) in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = list(Permission.objects.filter(content_type__app_label__in=app_labels))
        for dotted in extra:
            app_label, codename = dotted.split(".")
            wanted += Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*wanted)
        if name == "Management Unit":
            _sync_management_unit_pages_and_media(group)
        if name == "Translators":
            _sync_root_page_rights(group, TRANSLATOR_PAGE_RIGHTS)
    _sync_hub_groups()
