"""Jobs on a clock (core/periodic.py): each run queues the next, a duplicate does nothing, a lost chain is
started again by `manage.py schedule`, and /readyz says when one is overdue."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from core import periodic
from core.models import PeriodicJob

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RUNS = []


def record_run():
    RUNS.append(timezone.now())
    return "recorded"


def fail_run():
    raise ValueError("the job broke")


@pytest.fixture
def job():
    RUNS.clear()
    periodic.register("test-job", "core.tests.test_periodic.record_run", at="02:30")
    yield periodic.JOBS["test-job"]
    periodic.JOBS.pop("test-job", None)


def queued(name="test-job"):
    from django_tasks_db.models import DBTaskResult

    return [
        row.run_after
        for row in DBTaskResult.objects.filter(task_path="core.periodic.run_periodic").order_by("run_after")
        if row.args_kwargs["kwargs"] == {"name": name}
    ]


def test_next_time_is_the_next_occurrence_of_the_hour_in_utc(job):
    assert job.next_after(datetime(2026, 12, 2, 1, 0, tzinfo=UTC)) == datetime(2026, 12, 2, 2, 30, tzinfo=UTC)
    assert job.next_after(datetime(2026, 12, 2, 2, 30, tzinfo=UTC)) == datetime(2026, 12, 3, 2, 30, tzinfo=UTC)
    assert job.next_after(datetime(2026, 12, 31, 23, 0, tzinfo=UTC)) == datetime(2027, 1, 1, 2, 30, tzinfo=UTC)


def test_the_platform_registers_the_daily_backup_and_the_letters_sweep():
    assert {"backup", "sweep-kept-letters"} <= set(periodic.JOBS)
    assert periodic.JOBS["backup"].func == "operations.backup.backup_scheduled"


@override_settings(TASKS=DB_TASKS)
def test_a_due_run_does_the_job_and_queues_the_next_for_its_time(job, django_capture_on_commit_callbacks):
    PeriodicJob.objects.create(name="test-job", next_run_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        result = periodic.run_periodic.call(name="test-job")
    assert len(RUNS) == 1 and "recorded" in result
    row = PeriodicJob.objects.get(name="test-job")
    assert row.next_run_at == job.next_after(row.last_started_at)
    assert row.last_ok is True and row.last_summary == "recorded" and row.last_finished_at
    assert queued() == [row.next_run_at]


@override_settings(TASKS=DB_TASKS)
def test_a_second_task_for_the_same_run_does_nothing(job, django_capture_on_commit_callbacks):
    PeriodicJob.objects.create(name="test-job", next_run_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        periodic.run_periodic.call(name="test-job")
        result = periodic.run_periodic.call(name="test-job")  # e.g. `schedule` run twice
    assert len(RUNS) == 1 and "not due" in result
    assert len(queued()) == 1


@override_settings(TASKS=DB_TASKS)
def test_a_failing_job_is_recorded_and_keeps_its_chain(job, django_capture_on_commit_callbacks):
    periodic.register("test-job", "core.tests.test_periodic.fail_run", at="02:30")
    PeriodicJob.objects.create(name="test-job", next_run_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        periodic.run_periodic.call(name="test-job")
    row = PeriodicJob.objects.get(name="test-job")
    assert row.last_ok is False and "failed" in row.last_summary
    assert queued() == [row.next_run_at] and row.next_run_at > timezone.now()


@override_settings(TASKS=DB_TASKS)
def test_schedule_starts_each_chain_once_and_restarts_a_lost_one(job):
    call_command("schedule", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = queued()
    assert len(first) == 1 and first[0] > timezone.now()
    periodic.schedule()
    assert queued() == first  # already due: not queued again

    PeriodicJob.objects.filter(name="test-job").update(next_run_at=timezone.now() - timedelta(days=2))
    assert "test-job" in periodic.overdue()
    periodic.schedule()
    assert len(queued()) == 2 and queued()[0] <= timezone.now()  # the lost run, now
    assert PeriodicJob.objects.get(name="test-job").next_run_at <= timezone.now()


def test_without_a_backend_that_can_wait_nothing_loops(job):
    PeriodicJob.objects.create(name="test-job", next_run_at=timezone.now())
    periodic.run_periodic.enqueue(name="test-job")  # the immediate backend of the tests
    assert len(RUNS) == 1


def test_readyz_names_an_overdue_job_and_still_serves(job, client):
    PeriodicJob.objects.create(name="test-job", next_run_at=timezone.now() - timedelta(hours=3))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert "overdue: test-job" in response.json()["checks"]["periodic"]


def test_the_kept_letters_sweep_is_the_daily_job_and_the_command(settings):
    from django.core.files.base import ContentFile

    from core.storage import private_storage

    storage = private_storage()
    name = storage.save("pending/left-behind.pdf", ContentFile(b"%PDF-1.4"))
    old = (timezone.now() - timedelta(days=2)).timestamp()
    import os

    os.utime(storage.path(name), (old, old))
    from memberships.letters import kept_letters_sweep_daily

    assert kept_letters_sweep_daily() == "1 kept letter(s) deleted"
    assert not storage.exists(name)
