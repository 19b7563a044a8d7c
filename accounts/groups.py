"""The admin groups' permissions, kept in step with the code after every migrate.

A data migration cannot grant them: on a fresh database the apps' permissions are
only created by `post_migrate`, after the migrations have run. So the groups are
synced here, from `post_migrate` (wiring, not domain flow), and idempotently.
"""

# group name -> (app labels whose every model permission it holds, extra "app.codename" permissions)
GROUP_PERMISSIONS = {
    "Management Unit": (
        ("cities", "core", "memberships", "matching", "exchanges", "helpdesk"),
        ("wagtailadmin.access_admin", "wagtaildocs.add_document", "wagtailimages.add_image"),
    ),
    "Regional Hub staff": ((), ("wagtailadmin.access_admin",)),
    "Translators": ((), ("wagtailadmin.access_admin",)),
}


def sync_group_permissions(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    for name, (app_labels, extra) in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = list(Permission.objects.filter(content_type__app_label__in=app_labels))
        for dotted in extra:
            app_label, codename = dotted.split(".")
            wanted += Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*wanted)
