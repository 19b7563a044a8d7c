"""/healthz (the process answers) and /readyz (the database answers, the task queue moves)."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def no_cookies(response):
    return "Cookie" not in response.get("Vary", "") and not response.cookies


def test_healthz_answers_without_touching_the_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and no_cookies(response)


def task(*, waiting_minutes: int, status: str = "READY", finished_minutes_ago: int | None = None):
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    row = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="core.tasks.send_email",
        backend_name="default",
        run_after=now - timedelta(minutes=waiting_minutes),
        status=status,
    )
    finished = None if finished_minutes_ago is None else now - timedelta(minutes=finished_minutes_ago)
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=now - timedelta(minutes=waiting_minutes), finished_at=finished
    )


@override_settings(TASKS=DB_TASKS)
def test_readyz_is_ready_with_an_empty_or_moving_queue(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert response.json()["checks"] == {"database": "ok", "tasks": "ok", "deferred": "ok", "periodic": "ok"}
    assert no_cookies(response)
    task(waiting_minutes=1)  # just queued
    task(waiting_minutes=60)  # waiting long, but the worker finished something a minute ago
    task(waiting_minutes=3, status="SUCCESSFUL", finished_minutes_ago=1)
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["checks"]["tasks"] == "ok"


@override_settings(TASKS=DB_TASKS, READYZ_TASK_STALL_MINUTES=15)
def test_readyz_reports_a_task_backlog_that_is_not_moving(client):
    task(waiting_minutes=120, status="SUCCESSFUL", finished_minutes_ago=100)
    task(waiting_minutes=30)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and "tasks" in body["problems"]
    assert "the oldest for 30 minutes" in body["checks"]["tasks"]
    assert no_cookies(response)


@override_settings(TASKS=DB_TASKS)
def test_a_task_deferred_to_later_is_not_a_backlog(client):
    from django_tasks_db.models import DBTaskResult

    task(waiting_minutes=60)
    DBTaskResult.objects.update(run_after=timezone.now() + timedelta(minutes=30))
    assert client.get("/readyz").status_code == 200
