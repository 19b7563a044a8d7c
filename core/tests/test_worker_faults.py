"""A worker killed during a task: the task runs again, once, to completion (`core/queue.py`).

Real worker processes (`manage.py db_worker`; `manage.py rqworker default --with-scheduler` when Redis
answers on 127.0.0.1:6379, database 14) run a task that writes a line when it starts, waits for a file,
then sends an e-mail of the outbox (`core/tests/worker_tasks.py`). The worker is SIGKILLed while the task
waits; the e-mail must end up "sent" by exactly one more run. They share this test's committed database,
so they run with the transactional tests, in a pytest run of their own (`-m processes`, make suite).
"""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from core.models import EmailStatus, OutgoingEmail
from core.tests.worker_tasks import send_when_released

pytestmark = [
    pytest.mark.browser,
    pytest.mark.processes,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
REDIS = "redis://127.0.0.1:6379/14"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
DB_WORKER = ["db_worker", "--queue-name", "default", "--interval", "0.1", "--no-startup-delay"]
RQ_WORKER = ["rqworker", "default", "--with-scheduler"]


def database_url() -> str:
    from django.db import connection

    connection.ensure_connection()
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        if s["NAME"] == ":memory:" or "mode=memory" in str(s["NAME"]):
            pytest.skip("the SQLite test database is in memory: a worker process cannot share it")
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def redis_answers() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


class Workers:
    """Worker processes, each in its own session (with the RQ scheduler it forks), logged under tmp_path."""

    def __init__(self, tmp_path: Path, **env: str):
        self.tmp_path, self.processes = tmp_path, []
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_XDIST_WORKER", "REDIS_URL")}
        self.env.update(DJANGO_SETTINGS_MODULE="core.tests.worker_settings", DATABASE_URL=database_url(), **env)

    def start(self, command: list[str], **env: str) -> subprocess.Popen:
        log = open(self.tmp_path / f"worker-{len(self.processes)}.log", "wb")  # noqa: SIM115 (closed by stop)
        process = subprocess.Popen(
            [str(PYTHON), "manage.py", *command],
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = log
        self.processes.append(process)
        return process

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        """SIGKILL, the worker and what it forked in its session: nothing is left to clean up."""
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.kill(process)
            process.log.close()

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace")[-3000:] for path in sorted(self.tmp_path.glob("worker-*")))


def wait_for(condition, what: str, workers: Workers, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout} s\n{workers.logs()}")
        time.sleep(0.1)


def runs(started: Path) -> list[int]:
    return [int(line) for line in started.read_text().split()] if started.exists() else []


def outbox_email() -> OutgoingEmail:
    return OutgoingEmail.objects.create(to=["focal@example.org"], subject="Hello", body="Hello", template="t")


def is_sent(email) -> bool:
    return OutgoingEmail.objects.get(pk=email.pk).status == EmailStatus.SENT


def test_a_task_whose_database_worker_is_killed_runs_again_once(tmp_path, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    email, started, release = outbox_email(), tmp_path / "started", tmp_path / "release"
    result = send_when_released.enqueue(email_id=email.pk, started=str(started), release=str(release))
    workers = Workers(tmp_path)
    try:
        first = workers.start(DB_WORKER, TASK_ABANDONED_AFTER_SECONDS="3600")
        wait_for(lambda: len(runs(started)) == 1, "the first worker starts the task", workers)
        workers.kill(first)
        row = DBTaskResult.objects.get(pk=result.id)
        assert row.status == "RUNNING"  # what the library leaves: no worker would take it again
        release.touch()
        time.sleep(max(0.0, 1.5 - (time.time() - row.started_at.timestamp())))  # older than the bound (1 s)
        workers.start(DB_WORKER, TASK_ABANDONED_AFTER_SECONDS="1")
        wait_for(lambda: is_sent(email), "the new worker runs it again", workers)
        wait_for(lambda: DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL", "its result", workers)
    finally:
        workers.stop_all()
    first_run, second_run = runs(started)
    assert first_run != second_run  # two processes, one run each
    email.refresh_from_db()
    assert email.attempts == 1 and email.sent_at is not None
    assert len(DBTaskResult.objects.get(pk=result.id).worker_ids) == 2


@pytest.mark.parametrize("killed", ["worker", "horse"])
def test_a_task_whose_rq_worker_is_killed_runs_again_once(tmp_path, settings, killed):
    """`worker`: the worker and its work-horse die (a machine lost); a new worker finds the job abandoned.
    `horse`: only the process running the task dies (the kernel's OOM killer); its worker runs it again."""
    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    import django_rq
    from rq.job import JobStatus
    from rq.registry import StartedJobRegistry

    settings.TASKS = RQ_TASKS
    settings.RQ_QUEUES = {"default": {"URL": REDIS}}
    queue = django_rq.get_queue("default")
    queue.connection.flushdb()
    email, started, release = outbox_email(), tmp_path / "started", tmp_path / "release"
    result = send_when_released.enqueue(email_id=email.pk, started=str(started), release=str(release))
    workers = Workers(tmp_path, REDIS_URL=REDIS)
    try:
        first = workers.start(RQ_WORKER)
        wait_for(lambda: len(runs(started)) == 1, "the first worker starts the task", workers)
        horse = runs(started)[0]
        os.kill(horse, signal.SIGKILL)
        if killed == "worker":
            workers.kill(first)
            registry = StartedJobRegistry(queue=queue)
            entries = queue.connection.zrange(registry.key, 0, -1)
            assert [entry.decode().split(":")[0] for entry in entries] == [result.id]  # left "started"
            # RQ takes a job for abandoned once its heartbeat lapses (about 90 s): the test moves that
            # moment to now instead of waiting.
            queue.connection.zadd(registry.key, {entry: time.time() - 1 for entry in entries})
            release.touch()
            workers.start(RQ_WORKER)
        else:
            release.touch()
        wait_for(lambda: is_sent(email), "the task runs again", workers)
        job = queue.job_class.fetch(result.id, connection=queue.connection)
        wait_for(lambda: job.get_status() == JobStatus.FINISHED, "the job finishes", workers)
    finally:
        workers.stop_all()
        queue.connection.flushdb()
    first_run, second_run = runs(started)
    assert first_run != second_run
    email.refresh_from_db()
    assert email.attempts == 1 and email.sent_at is not None
    assert job.meta["reruns"] == 1
