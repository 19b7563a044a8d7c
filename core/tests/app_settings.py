"""Settings of the app process the database fault test starts (core/tests/test_database_faults.py): the
test settings with production's database connections (kept a minute, checked before reuse)."""

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
