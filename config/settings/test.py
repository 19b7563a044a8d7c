"""Fast settings for the test suite (see bakerydemo settings/test.py)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def _redis_url_for_worker(url: str, worker: str) -> str:
    """The suite runs in several processes (pytest-xdist): each takes its own Redis database, so one
    worker's cache.clear() or queue never touches another's. gw0 keeps the database it was given."""
    parts = urlsplit(url)
    index = int(worker.removeprefix("gw") or 0)
    database = (int(parts.path.strip("/") or 0) + index) % 16
    return urlunsplit(parts._replace(path=f"/{database}"))


# Before base reads it: the settings' Redis URL and every process a test starts share the worker's database.
if os.environ.get("REDIS_URL") and os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["REDIS_URL"] = _redis_url_for_worker(os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"])
# STORAGE=s3 (make test-shared): uploads, letters and backups in buckets of an S3-compatible stand-in (moto's
# server, tests/s3.py), through the storages base builds from AWS_STORAGE_BUCKET_NAME and BACKUP_BUCKET_NAME.
if os.environ.get("STORAGE") == "s3":
    from tests.s3 import use_s3

    use_s3()

from .base import *  # noqa: E402, F403
from .base import REDIS_URL  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if not REDIS_URL:
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# Uploads and image renditions of one test run go to a temporary folder, removed
# when the run ends (Wagtail writes a rendition file for every image shown).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="scn-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="scn-test-private-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
OPEN_DATA_ROOT = Path(tempfile.mkdtemp(prefix="scn-test-open-data-"))
atexit.register(shutil.rmtree, OPEN_DATA_ROOT, ignore_errors=True)
BACKUP_ROOT = Path(tempfile.mkdtemp(prefix="scn-test-backups-"))
atexit.register(shutil.rmtree, BACKUP_ROOT, ignore_errors=True)
# The immediate task backend would build eight files on every change: the tests that need it turn it on
OPEN_DATA_BUILD_ON_CHANGE = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django_tasks": {"level": "WARNING"}, "django.request": {"level": "CRITICAL"}},
}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Most tests sign staff in with force_login; the two-factor tests switch this on.
STAFF_TWO_FACTOR_REQUIRED = False

# SQLite: the test database is a file (in the temporary folder, one per process; Django removes it at
# the end), not Django's in-memory one: several connections must share it for the tests of concurrent
# requests (events/tests/test_concurrency.py). No fsync: nothing here needs to survive a power cut.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not os.environ.get("TEST_SQLITE_MEMORY"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"scn-test-{os.getpid()}.sqlite3")}  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"  # noqa: F405
