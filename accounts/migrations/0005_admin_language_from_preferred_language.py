"""The admin reads Wagtail's profile for its language: copy each person's preferred language there."""

from django.db import migrations


def copy_languages(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    for user_id, language in User.objects.values_list("pk", "preferred_language").iterator():
        UserProfile.objects.update_or_create(user_id=user_id, defaults={"preferred_language": language})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_invitations"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
    ]

    operations = [migrations.RunPython(copy_languages, migrations.RunPython.noop)]
