"""Settings of the process that reports an error to a local Sentry stand-in (core/tests/test_logs.py)."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "core.tests.sentry_urls"
MIDDLEWARE = ["core.logs.RequestIdMiddleware"]
