"""Benchmarks (`make bench`): development settings with DEBUG off, on the scale database."""

import dj_database_url

from .dev import *  # noqa: F403
from .dev import BASE_DIR, os

DEBUG = False
DATABASES["default"]["NAME"] = str(BASE_DIR / "bench" / "data" / "scale.sqlite3")  # noqa: F405
if os.environ.get("BENCH_DATABASE_URL"):  # a benchmark on PostgreSQL (bench/search.py --postgres)
    DATABASES["default"] = dj_database_url.parse(os.environ["BENCH_DATABASE_URL"])  # noqa: F405
