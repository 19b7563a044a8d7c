"""Delete letters kept between two tries of a form that nobody used within a day.

It runs daily through the task queue (`core/periodic.py`, registered in `memberships/apps.py`); keeping a
new letter also sweeps a few old ones. This command runs the same sweep by hand.
"""

from django.core.management.base import BaseCommand

from memberships.letters import kept_letters_sweep_all


class Command(BaseCommand):
    help = "Delete kept letters (between two tries of the join or reply form) older than a day."

    def handle(self, *args, **options):
        self.stdout.write(f"{kept_letters_sweep_all()} kept letter(s) deleted.")
