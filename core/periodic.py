"""Work that runs on a clock (the daily backup, sweeping kept letters), through the task queue.

django-tasks has no clock of its own, so each job is a chain: `run_periodic` runs the job and queues
itself again for the job's next time (`run_after`, which the database backend and RQ's scheduler
honour). A row per job (`PeriodicJob`) says when it is next due, and only a task that finds its row due
runs the job: a second chain, a task queued twice or a worker restarted mid-way costs nothing more than a
task that returns at once. `manage.py schedule` starts a chain for every job that has none due (never
queued, or its time long past because the queue lost it); `make serve` and the worker's service run it
before the worker starts, and `/readyz` reports a job overdue (`core/health.py`).

Apps register their jobs in `AppConfig.ready()` with `register()`; times are UTC, from settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .queue import enqueue

logger = logging.getLogger(__name__)

# A task may run a little before its time (clocks of two machines); it still counts as due.
EARLY = timedelta(minutes=2)
# Overdue for `/readyz` and `schedule`: the chain has stopped (the queue lost its task, no worker).
OVERDUE = timedelta(hours=1)


@dataclass(frozen=True)
class Job:
    name: str
    func: str  # dotted path of a function without arguments, returning a short summary for the log
    at: time  # each day at this time (UTC)

    def next_after(self, moment: datetime) -> datetime:
        """The first time of this job strictly after `moment`."""
        moment = moment.astimezone(UTC)
        candidate = datetime.combine(moment.date(), self.at, tzinfo=UTC)
        return candidate if candidate > moment else candidate + timedelta(days=1)


JOBS: dict[str, Job] = {}


def register(name: str, func: str, *, at: str) -> Job:
    """A daily job `name` calling `func` (a dotted path) at `at` ("HH:MM", UTC)."""
    hours, minutes = (int(part) for part in at.split(":"))
    job = JOBS[name] = Job(name=name, func=func, at=time(hours, minutes))
    return job


def _enqueue(name: str, when: datetime) -> bool:
    """Queue the job's task for `when`; False when the backend cannot wait (it would run at once)."""
    if not run_periodic.get_backend().supports_defer:
        return False
    enqueue(run_periodic, run_after=when, name=name)
    return True


@task()
def run_periodic(*, name: str) -> str:
    """Run job `name` if it is due, after queuing its next run (a job that fails keeps its chain)."""
    from .models import PeriodicJob

    job = JOBS.get(name)
    if job is None:
        return f"no job {name!r}: not queued again"
    now = timezone.now()
    with transaction.atomic():
        row, _created = PeriodicJob.objects.select_for_update().get_or_create(name=name, defaults={"next_run_at": now})
        if row.next_run_at > now + EARLY:
            return f"{name}: not due before {row.next_run_at.isoformat()} (another task holds this run)"
        row.next_run_at = job.next_after(now)
        row.last_started_at = now
        row.save(update_fields=["next_run_at", "last_started_at"])
        when = row.next_run_at
        transaction.on_commit(lambda: _enqueue(name, when))
    try:
        summary = str(import_string(job.func)() or "done")
        ok = True
    except Exception:
        logger.exception("Periodic job %s failed", name)
        summary, ok = "failed (see the log)", False
    PeriodicJob.objects.filter(name=name).update(
        last_finished_at=timezone.now(), last_ok=ok, last_summary=summary[:200]
    )
    if not ok:
        raise RuntimeError(f"Periodic job {name} failed")  # the task's result says so too
    return f"{name}: {summary}"


def schedule(now: datetime | None = None) -> dict[str, str]:
    """Start a chain for each registered job that needs one: {name: what was done}."""
    from .models import PeriodicJob

    now = now or timezone.now()
    done = {}
    for name, job in sorted(JOBS.items()):
        row, created = PeriodicJob.objects.get_or_create(name=name, defaults={"next_run_at": job.next_after(now)})
        if created or row.next_run_at < now - OVERDUE:
            if not created:  # its task was lost: run it now, the chain goes on from there
                PeriodicJob.objects.filter(name=name).update(next_run_at=now)
                row.next_run_at = now
            queued = _enqueue(name, row.next_run_at)
            done[name] = f"queued for {row.next_run_at:%Y-%m-%d %H:%M} UTC" if queued else "not queued (no deferral)"
        else:
            done[name] = f"already due at {row.next_run_at:%Y-%m-%d %H:%M} UTC"
    return done


def overdue(now: datetime | None = None) -> list[str]:
    """Jobs whose time passed more than OVERDUE ago without a run: their chain has stopped."""
    from .models import PeriodicJob

    now = now or timezone.now()
    late = PeriodicJob.objects.filter(name__in=JOBS, next_run_at__lt=now - OVERDUE)
    return sorted(late.values_list("name", flat=True))
