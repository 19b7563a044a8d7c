"""Groups that give admin roles their Wagtail permissions."""

from django.db import migrations


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    wagtailadmin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=wagtailadmin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    management_unit, _ = Group.objects.get_or_create(name="Management Unit")
    management_unit.permissions.add(access_admin)
    for app_label in ("cities", "core"):
        management_unit.permissions.add(*Permission.objects.filter(content_type__app_label=app_label))
    for name in ("Regional Hub staff", "Translators"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("cities", "0002_load_vocabulary"),
        ("core", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
