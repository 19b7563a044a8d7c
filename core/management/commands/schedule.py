"""Start the chain of every job that runs on a clock (`core/periodic.py`) and has none due.

Run before the task worker starts (`make serve`, the worker's systemd unit); running it again is harmless.
"""

from django.core.management.base import BaseCommand

from core import periodic
from core.queue import deferred_push


class Command(BaseCommand):
    help = "Queue every periodic job (daily backup, sweeps) that is not already queued."

    def handle(self, *args, **options):
        for name, what in periodic.schedule().items():
            self.stdout.write(f"{name}: {what}")
        pushed, waiting = deferred_push()  # tasks kept while Redis did not answer (core/queue.py)
        self.stdout.write(f"deferred tasks: {pushed} queued, {waiting} still waiting")
