from django.core.management.base import BaseCommand

from resources.legacy import legacy_drafts_convert


class Command(BaseCommand):
    help = (
        "Turn the old generic drafts (unpublished content pages under a 'resources' page, made from learning "
        "notes and help-desk answers) into draft case studies under the Resource Hub. Migration "
        "resources.0003 runs it once; running it again changes nothing."
    )

    def handle(self, *args, **options):
        count = legacy_drafts_convert()
        self.stdout.write(self.style.SUCCESS(f"Converted {count} old draft(s) into draft case studies."))
