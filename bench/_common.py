"""Shared set-up for the benchmarks: Django on the 100,000-authority database."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(label, url, *, runs=40, cold=False, client=None):
    """Time `runs` requests of `url` in-process (server-side time, rendering included)."""
    client = client or Client()
    client.get(url)  # warm imports and connections
    timings, cpu = [], []
    size = 0
    for _ in range(runs):
        if cold:
            cache.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(body)
    print(
        f"{label:<58} {'cold' if cold else 'warm'}  p50 {statistics.median(timings):7.1f} ms"
        f"  p95 {percentile(timings, 0.95):7.1f} ms  max {max(timings):7.1f} ms  {size / 1024:8.1f} KiB"
        f"  CPU p50 {statistics.median(cpu):7.1f} ms"
    )
    return timings


def staff_client(email: str, *, role, hub=None):
    """A client signed in as a staff member with `role` (and `hub`), the second factor confirmed as after the
    code page (the admin asks for it first); made once and reused by later runs. Returns (client, user)."""
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.services import role_grant

    user, _ = get_user_model().objects.get_or_create(email=email, defaults={"name": "Bench"})
    if not user.roles.filter(role=role).exists():
        role_grant(user=user, role=role, hub=hub)
    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "bench"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client, user
