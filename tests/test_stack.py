"""The production stack: gunicorn's configuration, and the home page through Varnish (deploy/stack.py).

The stack test starts real processes (gunicorn with config/gunicorn.py, varnishd with
deploy/varnish/default.vcl) on free ports, with production settings, on a copy of this test's database.
It needs transactional data, so it runs in the browser tests' process (`pytest -m browser`, or `-m serve`).
"""

import gzip
import os
import re
import runpy
import shutil
import sqlite3
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from deploy.stack import ROOT, VARNISHD, Stack, free_port, manage, production_env, static_is_fresh

GUNICORN_CONFIG = ROOT / "config" / "gunicorn.py"


def load_config(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.test")
    return runpy.run_path(str(GUNICORN_CONFIG))


def test_gunicorn_config_is_valid_for_gunicorn(monkeypatch):
    from gunicorn.config import Config

    config = Config()
    values = load_config(monkeypatch)
    settings = {name: value for name, value in values.items() if name in config.settings}
    for name, value in settings.items():
        config.set(name, value)  # gunicorn's own validation of each value
    assert config.worker_class_str == "gthread" and config.preload_app
    assert config.max_requests_jitter > 0 and config.timeout == 30
    assert config.address == [("127.0.0.1", 8001)]
    assert "when_ready" in settings and settings["control_socket_disable"] is True


def test_one_worker_per_core_at_least_two(monkeypatch):
    values = load_config(monkeypatch)
    assert [values["workers_for"](cores) for cores in (1, 2, 4, 16)] == [2, 2, 4, 16]
    assert values["workers"] == values["workers_for"](values["cpu_count"]())
    assert (
        load_config(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_THREADS="2", GUNICORN_BIND="0.0.0.0:9000")["workers"]
        == 3
    )
    values = load_config(monkeypatch, GUNICORN_THREADS="2", GUNICORN_BIND="127.0.0.1:9000,[::1]:9000")
    assert values["threads"] == 2 and values["bind"] == ["127.0.0.1:9000", "[::1]:9000"]


def test_access_log_shows_no_query_string_header_or_secret_token(monkeypatch):
    values = load_config(monkeypatch)
    log_format = values["access_log_format"]
    assert "%(q)s" not in log_format and "%(r)s" not in log_format and "}i" not in log_format
    assert "%(U)s" in log_format  # the path without its query string
    mask = values["mask_path"]
    assert mask("/en/account/invitation/AbC123secret/") == "/en/account/invitation/…"
    assert mask("/fr/account/password-reset/MQ/set-password/") == "/fr/account/password-reset/…"
    assert mask("/ar/join/application/tok3n/") == "/ar/join/application/…"
    assert mask("/en/event-registration/cancel/s3cretT0ken/") == "/en/event-registration/cancel/…"
    assert mask("/en/network/accra/") == "/en/network/accra/"


def test_every_address_with_a_secret_is_masked_in_the_logs():
    """Any route taking a `token` (an invitation, an application, a password reset, cancelling a
    registration): the token never reaches a log line, whatever app adds the route."""
    from django.urls import get_resolver
    from django.urls.resolvers import URLPattern, URLResolver

    from core.logs import mask_path

    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                yield route

    secret_routes = [route for route in walk(get_resolver().url_patterns) if "token>" in route]
    assert len(secret_routes) >= 4
    for route in secret_routes:
        path = "/en/" + route.replace("^", "").replace("en/", "")
        path = path.replace("<str:token>", "SECRETVALUE").replace("<token>", "SECRETVALUE").replace("<uidb64>", "MQ")
        assert "SECRETVALUE" not in mask_path(path), route


def test_warm_up_never_stops_the_start_up(monkeypatch, caplog):
    values = load_config(monkeypatch)

    def broken():
        raise RuntimeError("no database yet")

    monkeypatch.setitem(values["warm_up"].__globals__, "_warm_directory_index", broken)
    monkeypatch.setitem(values["warm_up"].__globals__, "_warm_pages", broken)
    warmed = values["warm_up"]()
    assert warmed == ["languages"]
    assert "Warm-up of the directory index failed" in caplog.text


# --- the stack, for real ---------------------------------------------------------------------------


def _database_url(tmp_path: Path) -> str:
    """This test's (committed) database, where a separate process can read it."""
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "sqlite":  # the test database is in memory: copy it to a file
        target = sqlite3.connect(tmp_path / "db.sqlite3")
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    pytest.skip(f"no copy for {connection.vendor}")


def _get(url: str, **headers) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}


@pytest.mark.browser
@pytest.mark.serve
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_home_page_through_varnish_with_production_settings(tmp_path):
    if not os.access(VARNISHD, os.X_OK) or not shutil.which("cc"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("varnishd missing (make serve-deps)", pytrace=False)
        pytest.skip("varnishd missing: make serve-deps")
    from cities.demo import build_demo_network
    from core.demo import load_demo_pages

    build_demo_network(count=12, seed=5)
    load_demo_pages()
    env = production_env(
        proxy_port=0,
        env_file=tmp_path / "env",
        DATABASE_URL=_database_url(tmp_path),
        GUNICORN_ACCESS_LOG="",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    if not static_is_fresh():  # the first run on a fresh clone compresses every static file (minutes)
        manage(env, "collectstatic", "--no-input", "-v", "0", quiet=True)
    stack = Stack(
        env=env, app_port=free_port(), proxy_port=free_port(), workdir=tmp_path / "serve", worker=False, quiet=True
    )
    stack.start(timeout=90)
    try:
        status, body, headers = _get(f"{stack.proxy_url}/en/")
        assert status == 200
        assert "varnish" in headers.get("via", "").lower()  # through the proxy
        assert b'<html lang="en"' in body

        status, body, _headers = _get(f"{stack.proxy_url}/en/no-such-page-here/")
        assert status == 404 and b"DEBUG = True" not in body and b"URLconf" not in body  # no debug page

        stylesheet = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body)
        assert stylesheet, "the stylesheet's address carries its hash"
        url = f"{stack.proxy_url}{stylesheet.group(1).decode()}"
        status, plain, headers = _get(url)
        assert status == 200 and "immutable" in headers["cache-control"]
        assert int(re.search(r"max-age=(\d+)", headers["cache-control"]).group(1)) >= 365 * 24 * 3600
        status, zipped, headers = _get(url, **{"Accept-Encoding": "gzip"})
        assert headers.get("content-encoding") == "gzip" and gzip.decompress(zipped) == plain
        # Varnish asks its backend for gzip only (http_gzip_support); Brotli comes straight from gunicorn.
        status, _brotli, headers = _get(f"{stack.app_url}{stylesheet.group(1).decode()}", **{"Accept-Encoding": "br"})
        assert status == 200 and headers.get("content-encoding") == "br"
    finally:
        stack.stop()
    assert stack.processes["gunicorn"].returncode is not None
    assert subprocess.run(["pgrep", "-f", str(tmp_path / "serve")], capture_output=True).stdout == b""
