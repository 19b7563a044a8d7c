"""Handing tasks to the queue so that none is lost: when the queue does not answer, and when a worker dies.

- `enqueue(task, ..., run_after=None, **kwargs)` is how every app queues a task. With Redis (RQ) not
  answering, the task is kept in the database instead (`core.models.DeferredTask`: its dotted path, JSON
  arguments, queue) and the page that asked goes on; `deferred_push()` hands those to the queue once it
  answers again. It runs in the RQ worker every minute (`RQWorker`), in the database worker at start and
  every minute (`core/management/commands/db_worker.py`), and in `manage.py schedule`; `/readyz` reports
  the tasks waiting (`core/health.py`).
- A task whose worker died mid-way runs again. RQ: a job whose work-horse was killed (the worker
  saw it die), or whose worker and horse both died (another worker finds it abandoned once its heartbeat
  lapses, about 90 seconds, at its next maintenance), gets one more try through RQ's own retry. The
  database backend: rows left RUNNING longer than TASK_ABANDONED_AFTER_SECONDS are made READY again
  (`reclaim_abandoned`). Either way a task that kills its worker every time is given up after
  MAX_RERUNS more runs. Tasks must therefore be safe to run twice (`core/tasks.py::send_email` reads the
  outbox first and sends nothing already sent).

Without Redis (the database backend), a database that does not answer fails the request anyway: there
is nowhere else to keep the task, so only Redis's errors are caught here.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# The queue not answering: Redis refused, timed out, or lost the connection.
QUEUE_ERRORS = (RedisError,)
# Runs of a task after its worker died, before it is given up (a task that kills its worker each time).
MAX_RERUNS = 3


def enqueue(task, *args, run_after: datetime | None = None, **kwargs):
    """Queue `task` (a django-tasks Task) with `args`/`kwargs`, at `run_after` if given (backends that
    cannot wait refuse it, as django-tasks does). The TaskResult, or the `DeferredTask` row kept when the
    queue does not answer: the caller's page is served either way and the task runs once it is back."""
    if run_after is not None:
        task = task.using(run_after=run_after)
    try:
        return task.enqueue(*args, **kwargs)
    except QUEUE_ERRORS as error:
        from .models import DeferredTask

        row = DeferredTask.objects.create(
            task_path=task.module_path,
            args=list(args),
            kwargs=kwargs,
            queue_name=task.queue_name,
            backend=task.backend,
            priority=task.priority,
            run_after=task.run_after,
            last_error=type(error).__name__,
        )
        logger.warning(
            "Task %s kept in the database (deferred task %s): the queue did not answer (%s)",
            task.module_path,
            row.pk,
            type(error).__name__,
        )
        return row


def deferred_push(*, limit: int = 1000) -> tuple[int, int]:
    """Hand the deferred tasks to the queue, oldest first, until it fails again: (pushed, still waiting).

    Each row is locked, queued and deleted in one transaction, so two processes pushing at once never
    queue one twice (PostgreSQL: rows another pusher holds are skipped; SQLite: one writer at a time).
    A task deferred for a time already past runs at once."""
    from .models import DeferredTask

    pushed, skipped = 0, []
    while pushed < limit:
        with transaction.atomic():
            rows = DeferredTask.objects.select_for_update(skip_locked=True).exclude(pk__in=skipped)
            row = rows.order_by("pk").first()
            if row is None:
                break
            try:
                _queue_again(row)
            except QUEUE_ERRORS as error:  # still not answering: try again next time
                DeferredTask.objects.filter(pk=row.pk).update(
                    attempts=row.attempts + 1, last_error=type(error).__name__
                )
                break
            except ImportError:  # the task is gone from the code (a release removed it): say so, drop it
                logger.error("Deferred task %s dropped: no task %s in this release", row.pk, row.task_path)
            except Exception as error:  # this one cannot be queued (a backend removed?): kept, the others go on
                logger.exception("Deferred task %s (%s) not queued", row.pk, row.task_path)
                DeferredTask.objects.filter(pk=row.pk).update(
                    attempts=row.attempts + 1, last_error=type(error).__name__[:200]
                )
                skipped.append(row.pk)
                continue
            row.delete()
            pushed += 1
    waiting = DeferredTask.objects.count()
    if pushed:
        logger.info("Deferred tasks handed to the queue: %s (%s still waiting)", pushed, waiting)
    return pushed, waiting


def _queue_again(row) -> None:
    task = import_string(row.task_path)
    task = task.using(queue_name=row.queue_name, priority=row.priority, backend=row.backend)
    if row.run_after is not None and row.run_after > timezone.now() and task.get_backend().supports_defer:
        task = task.using(run_after=row.run_after)
    task.enqueue(*row.args, **row.kwargs)


def deferred_waiting() -> tuple[int, datetime | None]:
    """How many tasks wait in the database for the queue, and since when the oldest."""
    from .models import DeferredTask

    oldest = DeferredTask.objects.order_by("pk").values_list("created_at", flat=True).first()
    return DeferredTask.objects.count(), oldest


# --- the database backend: rows a dead worker left RUNNING ------------------------------------------


class TaskAbandoned(Exception):
    """Recorded on a task given up after its worker died MAX_RERUNS times while running it."""


def reclaim_abandoned(*, now: datetime | None = None) -> int:
    """Rows of the database backend RUNNING for longer than TASK_ABANDONED_AFTER_SECONDS: their worker
    died (a live worker finishes or fails each task it claims), so they are READY again for any worker;
    a row already claimed more than MAX_RERUNS times is marked failed instead. Returns how many run again.

    The bound must exceed the longest task (a backup, a translation job); SIGTERM lets a worker finish."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_ABANDONED_AFTER_SECONDS)
    reclaimed = 0
    with transaction.atomic():
        for row in DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING, started_at__lt=cutoff
        ):
            if len(row.worker_ids) > MAX_RERUNS:
                row.set_failed(TaskAbandoned(f"its worker died {len(row.worker_ids)} times while running it"))
                logger.error(
                    "Task %s (%s) given up: its worker died while running it, %s times",
                    row.pk,
                    row.task_path,
                    len(row.worker_ids),
                )
                continue
            DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY
            )
            logger.warning("Task %s (%s) runs again: its worker stopped while running it", row.pk, row.task_path)
            reclaimed += 1
    return reclaimed


def housekeeping() -> str:
    """What every worker does at start and every minute: abandoned rows run again, deferred tasks queued."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    reclaimed = 0
    if any(isinstance(backend, DatabaseBackend) for backend in task_backends.all()):
        reclaimed = reclaim_abandoned()
    pushed, waiting = deferred_push()
    return f"{reclaimed} abandoned task(s) to run again, {pushed} deferred task(s) queued, {waiting} waiting"


# --- RQ: jobs whose work-horse or worker died --------------------------------------------------------


def _allow_rerun(job) -> bool:
    """Give the job one more try through RQ's own retry (at once), unless it already had MAX_RERUNS."""
    reruns = job.meta.get("reruns", 0)
    if reruns >= MAX_RERUNS:
        logger.error("Job %s given up: its worker died while running it, %s times", job.id, reruns + 1)
        return False
    job.meta["reruns"] = reruns + 1
    job.retries_left = max(job.retries_left or 0, 0) + 1
    job.retry_intervals = None  # queued again at once
    logger.warning("Job %s runs again: its worker stopped while running it", job.id)
    return True


def requeue_abandoned(job, exc_type, exc_value, traceback) -> bool:
    """RQ exception handler: a job found abandoned (its worker and horse died, its heartbeat lapsed) by
    another worker's maintenance runs again. RQ reads `retries_left` after calling the handlers."""
    from rq.exceptions import AbandonedJobError

    if exc_type is not None and issubclass(exc_type, AbandonedJobError):
        _allow_rerun(job)
    return True  # the other handlers still run


try:
    from rq import Worker as _Worker
except ImportError:  # pragma: no cover  (rq is a base requirement)
    _Worker = object


class RQWorker(_Worker):
    """RQ's worker (RQ["WORKER_CLASS"] with REDIS_URL) that runs again a job whose horse was killed or
    that a dead worker abandoned, and hands the deferred tasks to the queue at each maintenance (every
    RQ_MAINTENANCE_SECONDS, and when Redis answers again after an outage)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("maintenance_interval", settings.RQ_MAINTENANCE_SECONDS)
        super().__init__(*args, **kwargs)
        self.push_exc_handler(requeue_abandoned)

    @property
    def dequeue_timeout(self) -> int:
        """An idle worker waits for a job no longer than between two maintenances (RQ: 405 s)."""
        return max(1, min(super().dequeue_timeout, int(self.maintenance_interval)))

    def handle_work_horse_killed(self, job, retpid, ret_val, rusage):
        super().handle_work_horse_killed(job, retpid, ret_val, rusage)
        _allow_rerun(job)  # RQ's handle_job_failure, next, retries it

    def run_maintenance_tasks(self):
        super().run_maintenance_tasks()
        try:
            deferred_push()
        except Exception:  # the database may be the one failing: the worker goes on
            logger.exception("Deferred tasks not handed to the queue")
