from django.core.management.base import BaseCommand

from activity.backfill import activity_backfill


class Command(BaseCommand):
    help = (
        "Build the member authorities' activity record from the existing rows (profile revisions, exchanges, "
        "help requests, attendance, endorsements, progress, Resource Hub items). Safe to run again."
    )

    def handle(self, *args, **options):
        counts = activity_backfill(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Activity recorded from {sum(counts.values())} rows."))
