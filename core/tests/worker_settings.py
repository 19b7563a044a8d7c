"""Settings of the task workers the fault tests start (core/tests/test_worker_faults.py): the test settings
with the real task backends instead of the immediate one: RQ when REDIS_URL is set, else the database's."""

from config.settings.test import *  # noqa: F403
from config.settings.test import REDIS_URL

if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
