"""Redis not answering loses no task: what the pages queue meanwhile is kept in the database
(`core/queue.py`, `DeferredTask`) and handed to the queue once Redis answers again.

A real refused Redis (nothing listens on 127.0.0.1:1), then a real Redis on 127.0.0.1:6379 (database 13,
this file's own), whose jobs an RQ worker runs in this process (it sees the test's transaction).
"""

import io
import socket

import pytest
from django.core import mail
from django.core.management import call_command

from core.mail import email_queue
from core.models import DeferredTask, EmailStatus, OutgoingEmail
from core.queue import deferred_push
from memberships.models import JoinApplication
from memberships.tests.test_join import pdf_bytes, upload, valid_data

pytestmark = pytest.mark.django_db

REDIS_DOWN = "redis://127.0.0.1:1/0"
REDIS_UP = "redis://127.0.0.1:6379/13"
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def redis_answers() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.fixture
def redis_down(settings):
    """The production settings with REDIS_URL set, and Redis refusing: queue, cache and rate limits."""
    from config.settings.base import redis_cache

    settings.TASKS = RQ_TASKS
    settings.RQ_QUEUES = {"default": {"URL": REDIS_DOWN}}
    settings.CACHES = {
        **settings.CACHES,
        "default": redis_cache(REDIS_DOWN, "down"),
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_DOWN,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
    }
    return settings


@pytest.fixture
def redis_back(redis_down):
    """Then Redis answers again (a database of this file's own, emptied)."""

    def back():
        if not redis_answers():
            pytest.skip("Redis does not answer on 127.0.0.1:6379: the delivery half needs it")
        import django_rq

        redis_down.RQ_QUEUES = {"default": {"URL": REDIS_UP}}
        django_rq.get_connection("default").flushdb()
        used.append(django_rq.get_connection("default"))
        return django_rq.get_queue("default")

    used = []
    yield back
    for connection in used:
        connection.flushdb()


def run_worker(queue) -> None:
    """An RQ worker that runs every job waiting, in this process, then stops (django-tasks' Job class)."""
    from django_tasks_rq import Job
    from rq import SimpleWorker

    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


def queue_email():
    return email_queue("accounts/email/invitation", {"url": "https://example.org/x", "days": 7}, to=["a@example.org"])


def test_an_email_queued_while_redis_refuses_is_kept_and_readyz_says_so(
    client, redis_down, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email()  # enqueued after the commit: Redis refuses, nothing raises
    kept = DeferredTask.objects.get()
    assert kept.task_path == "core.tasks.send_email" and kept.kwargs == {"email_id": email.pk}
    assert kept.queue_name == "default" and kept.last_error == "ConnectionError"
    assert "a@example.org" not in caplog.text

    response = client.get("/readyz")
    assert response.status_code == 200  # still serving: a load balancer keeps sending visitors
    checks = response.json()["checks"]
    assert checks["deferred"].startswith("1 task(s) kept in the database")
    assert "Redis unreachable" in checks["tasks"]

    assert deferred_push() == (0, 1)  # still refused: kept, the attempt counted
    kept.refresh_from_db()
    assert kept.attempts == 1


def test_a_redis_that_hangs_holds_the_page_for_seconds_not_for_ever(redis_down, django_capture_on_commit_callbacks):
    """A Redis that accepts the connection and never answers (a hung server, a half-open link): the
    queue's connection gives up within its socket timeout and the task is kept, as when Redis refuses."""
    import time

    from config.settings.base import rq_queue_url

    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen()  # the kernel completes the handshake; nothing ever reads or answers
        redis_down.RQ_QUEUES = {"default": {"URL": rq_queue_url(f"redis://127.0.0.1:{hung.getsockname()[1]}/0")}}
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            queue_email()
        assert time.monotonic() - started < 10
    assert DeferredTask.objects.get().last_error in ("TimeoutError", "ConnectionError")


def test_an_email_kept_while_redis_was_down_is_sent_once_it_is_back(redis_back, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email()
    assert DeferredTask.objects.count() == 1 and mail.outbox == []
    queue = redis_back()
    assert deferred_push() == (1, 0)
    assert deferred_push() == (0, 0)  # handed over once
    assert queue.count == 1
    run_worker(queue)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.org"]


def test_a_join_application_while_redis_is_down_is_stored_and_its_email_sent_once_it_is_back(
    client, redis_back, django_capture_on_commit_callbacks
):
    """The join form counts posts in Redis (rate limit) and queues its e-mail there: neither stops it."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/join/", {**valid_data(), "letter": upload(pdf_bytes())})
    assert response.status_code == 302 and response["Location"] == "/en/join/thanks/"
    application = JoinApplication.objects.get()
    email = OutgoingEmail.objects.get()
    assert email.to == [application.focal_email] and email.status == EmailStatus.QUEUED
    assert DeferredTask.objects.count() == 1

    queue = redis_back()
    call_command("schedule", stdout=io.StringIO())  # what the worker's start runs (make serve, systemd)
    run_worker(queue)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and mail.outbox[0].to == ["moussa@example.org"]
    assert not DeferredTask.objects.exists()


def test_the_rq_worker_runs_a_job_found_abandoned_again_but_not_for_ever(redis_back):
    """A job whose worker and horse died stays "started" until its heartbeat lapses; the next worker's
    maintenance finds it (RQ's StartedJobRegistry cleanup) and `core.queue.RQWorker` gives it one more
    try through RQ's retry, at most MAX_RERUNS times (a job that kills its worker each time)."""
    import time

    from rq.job import JobStatus
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    from core.queue import MAX_RERUNS, RQWorker
    from core.tasks import send_email

    queue = redis_back()
    result = send_email.enqueue(email_id=0)
    worker = RQWorker([queue], connection=queue.connection, job_class=queue.job_class)
    started = StartedJobRegistry(queue=queue)
    for run in range(MAX_RERUNS + 1):
        job = queue.job_class.fetch(result.id, connection=queue.connection)
        queue.remove(job)
        job.set_status(JobStatus.STARTED)
        queue.connection.zadd(started.key, {f"{job.id}:run{run}": time.time() - 1})  # its heartbeat lapsed
        worker.clean_registries()
        job = queue.job_class.fetch(result.id, connection=queue.connection)
        if run < MAX_RERUNS:
            assert job.get_status() == JobStatus.QUEUED and job.meta["reruns"] == run + 1
    assert job.get_status() == JobStatus.FAILED and job.id in FailedJobRegistry(queue=queue)


def test_the_database_worker_runs_again_only_tasks_running_past_the_bound(settings):
    """django-tasks-db leaves a dead worker's task RUNNING for ever; `reclaim_abandoned` (the worker, at
    start and every minute) makes it READY once it has run longer than TASK_ABANDONED_AFTER_SECONDS,
    and gives up on one whose worker died MAX_RERUNS + 1 times."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from core.queue import reclaim_abandoned
    from core.tasks import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.TASK_ABANDONED_AFTER_SECONDS = 600
    now = timezone.now()
    rows = {
        "running": (now - timedelta(minutes=1), ["w1"]),
        "abandoned": (now - timedelta(minutes=20), ["w1"]),
        "kills its worker": (now - timedelta(minutes=20), ["w1", "w2", "w3", "w4"]),
    }
    ids = {}
    for name, (started_at, workers) in rows.items():
        ids[name] = send_email.enqueue(email_id=0).id
        DBTaskResult.objects.filter(pk=ids[name]).update(status="RUNNING", started_at=started_at, worker_ids=workers)
    assert reclaim_abandoned() == 1
    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("id", "status")}
    assert status[ids["running"]] == "RUNNING"  # its worker may well be alive
    assert status[ids["abandoned"]] == "READY"  # any worker takes it again
    assert status[ids["kills its worker"]] == "FAILED"
    assert "TaskAbandoned" in DBTaskResult.objects.get(pk=ids["kills its worker"]).exception_class_path


def test_the_email_task_run_a_second_time_sends_nothing_more():
    """A task may run twice (its worker died after the work was done): the e-mail reads the outbox first."""
    from core.tasks import send_email

    email = OutgoingEmail.objects.create(to=["a@example.org"], subject="Hello", body="Hello", template="t")
    assert send_email.call(email_id=email.pk) == "sent"
    assert send_email.call(email_id=email.pk) == "nothing to send"
    assert len(mail.outbox) == 1
