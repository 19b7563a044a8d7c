"""Logs and error reports (core/logs.py): every line has its request's id, production writes JSON lines, and
neither a log line nor an error sent to Sentry carries a secret or personal data."""

import gzip
import io
import json
import logging
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest

from core.logs import JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_each_response_names_its_request_id_and_keeps_the_proxys(client):
    own = client.get("/healthz")["X-Request-ID"]
    assert len(own) == 32 and own != client.get("/healthz")["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="varnish-12345678")["X-Request-ID"] == "varnish-12345678"
    # Not something a visitor could use to write into the logs.
    assert client.get("/healthz", HTTP_X_REQUEST_ID='a" injected\n{')["X-Request-ID"] != 'a" injected\n{'


@pytest.fixture
def json_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    level, disabled = logger.level, logger.disabled
    logger.setLevel(logging.WARNING)  # the test settings silence it (and another test may have disabled it)
    logger.disabled = False
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(level)
    logger.disabled = disabled


@pytest.mark.django_db
def test_a_log_line_is_json_with_the_request_id_and_no_secret(client, json_lines):
    response = client.get("/en/account/invitation/SECRETTOKEN123/nothing-here/", HTTP_X_REQUEST_ID="proxy-abcdef12")
    assert response.status_code == 404
    [line] = [line for line in json_lines() if line["logger"] == "django.request"]
    assert line["level"] == "WARNING" and line["request_id"] == "proxy-abcdef12"
    assert "/en/account/invitation/…" in line["message"] and "SECRETTOKEN123" not in json.dumps(line)
    assert set(line) >= {"time", "level", "logger", "message", "request_id"}


def test_production_writes_json_lines():
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.LOGGING['handlers']['console']['formatter'])",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "example.org",
            "EMAIL_DISABLED": "true",
            "LOG_FORMAT": "",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "json"


class SentryStandIn(BaseHTTPRequestHandler):
    """What a Sentry server does with an error report: takes the envelope (compressed or not) and says 200."""

    received: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        self.received.append((self.path, body.decode()))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_an_error_reaches_sentry_without_personal_data():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SentryStandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    SentryStandIn.received = []
    # Through Django's WSGI handler, as gunicorn calls it (sentry-sdk reads the request there).
    script = (
        "import io, sentry_sdk, wsgiref.util\n"
        "from django.core.wsgi import get_wsgi_application\n"
        "app = get_wsgi_application()\n"
        "environ = {'PATH_INFO': '/en/account/invitation/SECRETTOKEN123/', 'QUERY_STRING': 'email=focal.person@example.org',\n"
        "           'HTTP_COOKIE': 'sessionid=SESSIONSECRET', 'HTTP_X_REQUEST_ID': 'proxy-abcdef12',\n"
        "           'HTTP_USER_AGENT': 'Test browser', 'HTTP_HOST': 'localhost', 'wsgi.input': io.BytesIO()}\n"
        "wsgiref.util.setup_testing_defaults(environ)\n"
        "statuses = []\n"
        "b''.join(app(environ, lambda status, headers, exc_info=None: statuses.append(status)))\n"
        "assert statuses[0].startswith('500'), statuses\n"
        "sentry_sdk.flush(10)\n"
    )
    try:
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "core.tests.sentry_settings",
                "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/7",
            },
            check=True,
            capture_output=True,
            timeout=120,
        )
    finally:
        server.shutdown()
    # An envelope is lines of JSON: read back with their text as it is (not \u-escaped).
    sent = "\n".join(
        json.dumps(json.loads(line), ensure_ascii=False)
        for _path, body in SentryStandIn.received
        for line in body.splitlines()
        if line.startswith("{")
    )
    assert all(path == "/api/7/envelope/" for path, _body in SentryStandIn.received)
    assert "RuntimeError" in sent and "Could not reach %s about city %s" in sent  # the error and the logged one
    assert "proxy-abcdef12" in sent and "/en/account/invitation/…" in sent and "Test browser" in sent
    for secret in ("SECRETTOKEN123", "focal.person@example.org", "SESSIONSECRET", "sessionid"):
        assert secret not in sent, secret
