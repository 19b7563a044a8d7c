"""PostgreSQL going away and coming back, for real: a site process (gunicorn) reaches the test database
through a TCP proxy (`core/tests/tcp_proxy.py`); the proxy is stopped (new connections refused, live ones
dropped) and started again. Visitors get the 503 page in their language meanwhile, `/readyz` says the
database is unreachable while `/healthz` still answers, and the site serves again without a restart.

Runs on the PostgreSQL run of the suite (`DATABASE_URL=postgres://…`, `.ci/run`), with the transactional
tests (`-m browser`): the site process reads this test's committed database.
"""

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from core.tests.tcp_proxy import TcpProxy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.processes,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def get(url: str, **headers) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs the suite on PostgreSQL (DATABASE_URL=postgres://…, the second run of .ci/run)")
    return connection.settings_dict


def test_the_site_serves_a_503_while_postgresql_is_away_and_recovers_without_a_restart(postgres, tmp_path):
    proxy = TcpProxy((postgres["HOST"] or "127.0.0.1", int(postgres["PORT"] or 5432))).start()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_XDIST_WORKER", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="core.tests.app_settings",
        DATABASE_URL=f"postgres://{postgres['USER']}:{postgres['PASSWORD']}@127.0.0.1:{proxy.port}/{postgres['NAME']}",
    )
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115
    site = subprocess.Popen(
        [str(GUNICORN), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "2", "--timeout", "30"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _page = get(f"{base}/healthz")
                break
            except OSError:
                if time.monotonic() > deadline or site.poll() is not None:
                    pytest.fail("the site did not start:\n" + (tmp_path / "gunicorn.log").read_text()[-3000:])
                time.sleep(0.3)
        assert get(f"{base}/en/network/")[0] == 200
        assert get(f"{base}/readyz")[0] == 200

        proxy.stop()  # the database goes away: new connections refused, the site's open one dropped
        status, page = get(f"{base}/ar/network/")
        assert status == 503 and 'lang="ar"' in page and 'dir="rtl"' in page
        assert "Traceback" not in page and "OperationalError" not in page and str(proxy.port) not in page
        status, page = get(f"{base}/en/network/")
        assert status == 503 and "The site is briefly unavailable" in page
        status, page = get(f"{base}/fr/about/", **{"Accept-Language": "fr"})
        assert status == 503 and 'lang="fr"' in page
        status, page = get(f"{base}/readyz")
        assert status == 503 and '"database"' in page and "unreachable" in page
        assert get(f"{base}/healthz") == (200, "ok")  # alive: a supervisor must not restart it for this

        proxy.start()  # back, on the same port
        assert get(f"{base}/en/network/")[0] == 200  # the very next request, same process
        assert get(f"{base}/readyz")[0] == 200
        assert site.poll() is None
    finally:
        proxy.stop()
        os.killpg(site.pid, signal.SIGTERM)
        try:
            site.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(site.pid, signal.SIGKILL)
        log.close()
