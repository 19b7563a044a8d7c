"""gunicorn's configuration: `gunicorn -c config/gunicorn.py config.wsgi` (make serve, deploy/systemd).

Every value can be changed from the environment (docs/deploy.md):

- `GUNICORN_BIND` (127.0.0.1:8001): address the proxy in front sends requests to.
- `WEB_CONCURRENCY` (the number of cores): worker processes. The pages cost CPU in Python, which
  one process runs on one core at a time (the GIL), so one worker per core is what uses the machine:
  more workers than cores only share the same cores, each with its own copy of the directory index and
  the caches (about 250 MB at 100,000 authorities). Most reads never reach a worker (the caching proxy
  answers them), so the app server is sized for CPU, not for a connection per reader.
- `GUNICORN_THREADS` (4): threads per worker. They overlap what is not CPU: waiting for PostgreSQL or
  Redis, reading a file, a client slow to send its upload. Four keep a core busy while some wait,
  without many requests fighting for one GIL.
- `GUNICORN_TIMEOUT` (30 s): a request still running then is killed with its worker. Long work (exports,
  PDFs, machine translation) runs in the task worker, never in a request.
- `GUNICORN_MAX_REQUESTS` (2000, with up to 10 % random jitter so workers do not restart together): a
  worker is replaced after that many requests, so that slow growth of memory cannot build up.
- `GUNICORN_ACCESS_LOG` ("-": standard output; "" for none): method, path without its query string,
  status, size and duration. Never query strings, cookies or other headers; the secret part of
  invitation, application and password-reset addresses is masked (SafeLogger).

The application is loaded once before the workers are forked (`preload_app`), and `when_ready` warms
the state every worker reads (the directory index, translation catalogues, compiled templates), so the
workers share those pages of memory and no visitor waits for them. Warming never stops the start-up:
a failure is logged and the workers build what they need on first use.
"""

import logging
import os
import sys
import time
from pathlib import Path

from gunicorn.glogging import Logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")


def cpu_count() -> int:
    """Cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def workers_for(cores: int) -> int:
    """One worker per core, at least two (one can restart or wait while the other serves)."""
    return max(2, cores)


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",") if address.strip()]
workers = _int("WEB_CONCURRENCY", workers_for(cpu_count()))
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread"
preload_app = True
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# Keep idle connections from the proxy open longer than Varnish keeps them (backend_idle_timeout, 60 s),
# so Varnish never reuses a connection gunicorn has just closed.
keepalive = 75
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Request limits: no page takes more than a few fields in its headers.
limit_request_line = 8190
limit_request_fields = 100
# No control socket: several instances (make serve, tests, benchmarks) would otherwise share one path.
control_socket_disable = True
# The heartbeat files on a memory file system, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
proc_name = "strongcities"
# The client address in the log is the proxy's; Django reads the visitor's from X-Forwarded-For as far
# as TRUSTED_PROXY_COUNT allows (core/net.py). gunicorn itself trusts it from nowhere.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

# Addresses whose segments after these words are secrets (accounts/urls.py, memberships/urls.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, whatever the working folder
from core.logs import mask_path  # noqa: E402 (the same masking as the application's own log lines)


class SafeLogger(Logger):
    """gunicorn's logger with the secret parts of paths masked (the format never includes headers)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = mask_path(atoms.get("U", ""))
        return atoms


logger_class = SafeLogger


def warm_up() -> list[str]:
    """Build in this process what every worker reads; return what was warmed. Errors are logged, not raised."""
    log = logging.getLogger("gunicorn.error")
    warmed = []
    steps = [("directory index", _warm_directory_index), ("languages", _warm_languages), ("home pages", _warm_pages)]
    for name, step in steps:
        started = time.perf_counter()
        try:
            step()
        except Exception:  # noqa: BLE001 - a warm-up failure must never keep the site down
            log.warning("Warm-up of the %s failed; workers will build it on first use.", name, exc_info=True)
        else:
            warmed.append(name)
            log.info("Warmed the %s in %.2f s.", name, time.perf_counter() - started)
    _close_shared_connections()
    return warmed


def _warm_directory_index():
    from cities import directory_index

    # The project's own warm-up when it has one (it may build more than the index), else the index.
    warm = getattr(directory_index, "warm_up", None) or getattr(directory_index, "warm", None)
    if warm is not None:
        warm()
    else:
        directory_index.get_directory_index()


def _warm_languages():
    from django.conf import settings
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")  # loads the language's catalogue


def _warm_pages():
    """Render each language's home page once: compiled templates and URL resolvers are then shared."""
    from django.conf import settings
    from django.test import Client

    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*"] or ["localhost"]
    client = Client(HTTP_HOST=hosts[0])
    secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
    for code, _name in settings.LANGUAGES:
        client.get(f"/{code}/", secure=secure)


def _close_shared_connections():
    """Forked workers must not share the master's database or cache connections."""
    try:
        from django.core.cache import caches
        from django.db import connections

        connections.close_all()
        for cache in caches.all(initialized_only=True):
            cache.close()
    except Exception:  # noqa: BLE001
        logging.getLogger("gunicorn.error").warning("Closing connections after warm-up failed.", exc_info=True)


def when_ready(server):
    """Called in the master once the app is loaded (preload) and before any worker is forked."""
    if os.environ.get("GUNICORN_WARM_UP", "true").lower() in {"0", "false", "no", "off"}:
        return
    warm_up()
