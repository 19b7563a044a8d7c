"""Delete letters kept between two tries of a form that nobody used within a day.

Run it daily (cron or the platform's scheduler); keeping a new letter also sweeps a few old ones.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.storage import private_storage
from memberships.letters import KEPT_FOR, kept_letters_sweep
from memberships.models import KeptLetter


class Command(BaseCommand):
    help = "Delete kept letters (between two tries of the join or reply form) older than a day."

    def handle(self, *args, **options):
        total = 0
        while swept := kept_letters_sweep():
            total += swept
        total += self.sweep_unlisted()
        self.stdout.write(f"{total} kept letter(s) deleted.")

    def sweep_unlisted(self) -> int:
        """Files under pending/ that no kept letter names (left by an interrupted request), older than a day."""
        storage, cutoff = private_storage(), timezone.now() - KEPT_FOR
        try:
            names = storage.listdir("pending")[1]
        except (FileNotFoundError, NotImplementedError):
            return 0
        listed = set(KeptLetter.objects.values_list("file", flat=True))
        gone = 0
        for name in names:
            path = f"pending/{name}"
            if path not in listed and storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                gone += 1
        return gone
