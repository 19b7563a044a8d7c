"""Benchmarks (`make bench`): development settings with DEBUG off, on the scale database."""

from .dev import *  # noqa: F403
from .dev import BASE_DIR

DEBUG = False
DATABASES["default"]["NAME"] = str(BASE_DIR / "bench" / "data" / "scale.sqlite3")  # noqa: F405
