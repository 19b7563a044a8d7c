"""django-tasks-db's `db_worker`, which also runs again the tasks a dead worker left "running" and hands
to the queue the tasks kept while Redis did not answer: at start, then every minute (`core/queue.py`).

Same name and options as the library's (this app comes first in INSTALLED_APPS), so `make serve`,
the systemd unit and the docs start it unchanged.
"""

import logging
import threading
import time

from django.db import connections
from django_tasks_db.management.commands import db_worker

from core.queue import housekeeping

logger = logging.getLogger("core.queue")
EVERY_SECONDS = 60


def _housekeeping_once() -> None:
    try:
        logger.info("Worker housekeeping: %s", housekeeping())
    except Exception:  # the database may be the one failing: the worker goes on, and so does this
        logger.exception("Worker housekeeping failed")


def _housekeeping_loop() -> None:
    while True:
        time.sleep(EVERY_SECONDS)
        _housekeeping_once()
        connections.close_all()  # this thread's own connections: a fresh one next time


class Command(db_worker.Command):
    help = db_worker.Command.help + " (tasks left running by a dead worker run again; deferred tasks are queued)"

    def handle(self, *args, **options):
        _housekeeping_once()
        if not options.get("batch"):
            threading.Thread(target=_housekeeping_loop, name="task-housekeeping", daemon=True).start()
        return super().handle(*args, **options)
