"""Checks behind `/readyz` (`core/views.py`): each returns (ok, a short message with no personal data)."""

from datetime import UTC, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone


def database_check() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return False, f"unreachable ({type(error).__name__})"
    return True, "ok"


def task_backlog_check() -> tuple[bool, str]:
    """Not moving: a task has waited longer than READYZ_TASK_STALL_MINUTES and no task started or finished since.

    Checked for the database backend (the embedded default); other backends are reported as not checked.
    """
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if type(backend).__name__ == "RQBackend":
        return _rq_backlog_check(backend)
    if not isinstance(backend, DatabaseBackend):
        return True, f"not checked for {type(backend).__name__}"
    from django_tasks_db.models import DBTaskResult, get_date_max

    minutes = settings.READYZ_TASK_STALL_MINUTES
    now = timezone.now()
    cutoff = now - timedelta(minutes=minutes)
    results = DBTaskResult.objects.filter(backend_name=backend.alias)
    waiting = results.ready().exclude(run_after=get_date_max(), enqueued_at__gt=cutoff)
    waiting = waiting.exclude(run_after__gt=cutoff, run_after__lt=get_date_max())
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", "run_after").first()
    if oldest is None:
        return True, "ok"
    moving = results.filter(finished_at__gte=cutoff).exists() or results.filter(started_at__gte=cutoff).exists()
    if moving:
        return True, "ok"
    since = oldest[0] if oldest[1] == get_date_max() else max(oldest[0], oldest[1])
    waited = int((now - since).total_seconds() // 60)
    return False, (
        f"{waiting.count()} task(s) waiting, the oldest for {waited} minutes, "
        f"and no task started or finished in the last {minutes} minutes: is the worker running?"
    )


def _rq_backlog_check(backend) -> tuple[bool, str]:
    """RQ (REDIS_URL set): the oldest job waiting in each queue has waited less than
    READYZ_TASK_STALL_MINUTES (RQ takes jobs first in, first out, so an older one means nothing moves)."""
    import django_rq
    from redis.exceptions import RedisError
    from rq import Worker

    minutes = settings.READYZ_TASK_STALL_MINUTES
    now = timezone.now()
    try:
        for name in backend.queues:
            queue = django_rq.get_queue(name)
            oldest = next(iter(queue.get_jobs(0, 1)), None)
            if oldest is None or oldest.enqueued_at is None:
                continue
            enqueued = (
                oldest.enqueued_at if timezone.is_aware(oldest.enqueued_at) else oldest.enqueued_at.replace(tzinfo=UTC)
            )
            waited = int((now - enqueued).total_seconds() // 60)
            if waited >= minutes:
                workers = Worker.count(queue=queue)
                return False, (
                    f"{queue.count} task(s) waiting in {name}, the oldest for {waited} minutes, "
                    f"{workers} worker(s) listening: is the worker running?"
                )
    except RedisError as error:
        # Reported, not a problem: pages are still served and new tasks wait in the database (core/queue.py);
        # a load balancer taking every app server out for it would stop the whole site.
        return True, f"Redis unreachable ({type(error).__name__}): new tasks are kept in the database meanwhile"
    return True, "ok"


def periodic_check() -> tuple[bool, str]:
    """Jobs on a clock (`core/periodic.py`: the daily backup) whose time passed an hour ago without a run.
    Reported, never a reason to stop sending visitors here: the site still serves."""
    from . import periodic

    late = periodic.overdue()
    return True, (f"overdue: {', '.join(late)} (run `manage.py schedule`; is the worker running?)" if late else "ok")


def deferred_check() -> tuple[bool, str]:
    """Tasks kept in the database while the queue (Redis) did not answer (`core/queue.py`), waiting to be
    handed to it. Reported, never a reason to stop sending visitors here: nothing is lost, the site serves."""
    from .queue import deferred_waiting

    count, oldest = deferred_waiting()
    if not count:
        return True, "ok"
    minutes = int((timezone.now() - oldest).total_seconds() // 60)
    return True, (
        f"{count} task(s) kept in the database while the queue did not answer, the oldest for {minutes} "
        "minutes: they are queued again once it answers (the worker, `manage.py schedule`)"
    )
