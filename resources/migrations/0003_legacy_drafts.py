"""Old generic drafts (unpublished `core.ContentPage` under a 'resources' page, made from learning notes
and help-desk answers before the Resource Hub) become draft case studies: see `resources/legacy.py`."""

from django.db import migrations

LEGACY_SLUG = "resources"


def convert(apps, schema_editor):
    # Asked of the historical models first: on a database without old drafts (every new one) nothing
    # else runs. The conversion itself needs Wagtail's tree and revisions, so the current models.
    ContentPage = apps.get_model("core", "ContentPage")
    ExchangeRequest = apps.get_model("exchanges", "ExchangeRequest")
    HelpRequest = apps.get_model("helpdesk", "HelpRequest")
    made = ExchangeRequest.objects.exclude(resource_page=None).values("resource_page_id")
    asked = HelpRequest.objects.exclude(resource_page=None).values("resource_page_id")
    legacy = (
        ContentPage.objects.filter(slug=LEGACY_SLUG, depth=3).exists()
        or ContentPage.objects.filter(pk__in=made).exists()
        or ContentPage.objects.filter(pk__in=asked).exists()
    )
    if legacy:
        from resources.legacy import legacy_drafts_convert

        legacy_drafts_convert()


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_listing_version"),
        ("core", "0003_face_images_footer"),
        ("exchanges", "0001_initial"),
        ("helpdesk", "0002_help_request_resources"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
