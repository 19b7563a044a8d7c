"""The translation dashboard's speed (/admin/translation-dashboard/). Target: under 300 ms.

A throwaway database (a temporary SQLite file, removed at the end; or BENCH_DATABASE_URL, an empty
PostgreSQL database that is filled once and reused) with BENCH_GROUPS (default 10,000) content pages in
each of English, Arabic, French and Spanish (40,000 live pages sharing 10,000 translation keys, inserted
in bulk by `core.pagetree.bulk_add_children`) and their `TranslationStatus` rows: English originals;
Arabic, French and Spanish a mix of machine-translated, reviewed and out of date, with one group in
twenty written by hand (no rows), and one in ten missing in Spanish.

Each URL is requested BENCH_RUNS times (default 25) through the test client as a Management Unit
member (rendering included); wall and CPU time, median and p95, and the queries run.

    .venv/bin/python bench/translation_dashboard.py
    BENCH_SQLITE=/tmp/dashboard.sqlite3 .venv/bin/python bench/translation_dashboard.py   # kept for the next run
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> .venv/bin/python bench/translation_dashboard.py
"""

import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

GROUPS = int(os.environ.get("BENCH_GROUPS", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "25"))
URL = os.environ.get("BENCH_DATABASE_URL")
KEEP = os.environ.get("BENCH_SQLITE")  # a SQLite file to keep and reuse between runs (migrating takes minutes)
TEMP = None if URL or KEEP else Path(tempfile.mkdtemp(prefix="scn-bench-dashboard-")) / "db.sqlite3"

# Django on the bench settings, as bench/_common.py does, without the bench folder on the path
# (a script there named like a standard module, e.g. bench/http.py, would shadow it).
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

if TEMP or KEEP:
    settings.DATABASES["default"]["NAME"] = str(TEMP or KEEP)

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

LANGUAGES = ("en", "ar", "fr", "es")
PREFIX = "bench-td-"


def build():
    from core.models import ContentPage
    from core.pagetree import bulk_add_children
    from translations.models import TranslationStatus

    root = Page.get_first_root_node()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    homes = {}
    key = uuid.uuid4()
    for code in LANGUAGES:
        home = ContentPage(title=f"Home {code}", slug=f"{PREFIX}home-{code}", locale=locales[code], translation_key=key)
        homes[code] = root.add_child(instance=home)
    keys = [uuid.uuid4() for _ in range(GROUPS)]
    statuses = []
    kinds = ("machine", "reviewed", "machine", "out_of_date")
    for code in LANGUAGES:
        pages = []
        for number, key in enumerate(keys):
            if code == "es" and number % 10 == 3:
                continue  # missing in Spanish
            pages.append(
                ContentPage(
                    title=f"Page {number} ({code})",
                    slug=f"{PREFIX}{number}",
                    locale=locales[code],
                    translation_key=key,
                    live=True,
                    intro="",
                    body=[],
                )
            )
            if number % 20 == 7:
                continue  # written by hand: no status row
            if code == "en":
                statuses.append(TranslationStatus(translation_key=key, locale=locales[code], status="original"))
            else:
                statuses.append(
                    TranslationStatus(
                        translation_key=key,
                        locale=locales[code],
                        status=kinds[number % len(kinds)],
                        source_locale=locales["en"],
                    )
                )
        with transaction.atomic():
            bulk_add_children(homes[code], pages)
        print(f"  {len(pages):,} pages in {code}", flush=True)
    TranslationStatus.objects.bulk_create(statuses, batch_size=2000)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def measure(client, url, *, cold=False):
    """`cold`: the shared cache emptied before each request, as on the first view after a page or a
    status changed (the counts are kept under the chrome version, `translations/dashboard.py`)."""
    from django.core.cache import cache

    client.get(url)
    walls, cpus = [], []
    for _ in range(RUNS):
        if cold:
            cache.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(
        f"{'first view ' if cold else ''}{url:<58} wall p50 {statistics.median(walls):6.1f} p95 {percentile(walls, 0.95):6.1f} ms"
        f"   CPU p50 {statistics.median(cpus):6.1f} p95 {percentile(cpus, 0.95):6.1f} ms"
        f"   {len(queries)} queries  {len(response.content) / 1024:.0f} KiB"
    )


def main():
    from accounts.models import Role
    from accounts.services import role_grant
    from translations.models import TranslationStatus

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(
        f"Database: {connection.vendor}{' (temporary)' if TEMP else ''}; migrated in {time.perf_counter() - start:.0f} s"
    )
    if not Page.objects.filter(slug__startswith=PREFIX).exists():
        start, cpu = time.perf_counter(), time.process_time()
        print(f"Generating {GROUPS:,} groups × {len(LANGUAGES)} languages…", flush=True)
        build()
        print(f"  in {time.perf_counter() - start:.0f} s wall, {time.process_time() - cpu:.0f} s CPU")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{Page.objects.live().filter(depth__gt=1).count():,} live pages,"
        f" {TranslationStatus.objects.count():,} status rows"
    )
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(email="bench-mu@example.org", defaults={"name": "Bench"})
    role_grant(user=user, role=Role.MANAGEMENT_UNIT)
    client = Client()
    client.force_login(user)
    # The second factor confirmed, as after the code page (the admin asks for it first).
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "bench"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    for url in (
        "/admin/translation-dashboard/",
        "/admin/translation-dashboard/?language=ar&status=machine&page=40",
        "/admin/translation-dashboard/?status=missing",
        "/admin/translation-dashboard/?language=fr&status=untracked",
    ):
        measure(client, url)
    for url in ("/admin/translation-dashboard/", "/admin/translation-dashboard/?status=missing"):
        measure(client, url, cold=True)


try:
    main()
finally:
    if TEMP:
        connection.close()
        for path in TEMP.parent.iterdir():
            path.unlink()
        TEMP.parent.rmdir()
