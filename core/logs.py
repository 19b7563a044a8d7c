"""What the logs say, and what they never say.

- Every request has an id: the proxy's `X-Request-ID` when it sends a plausible one, else a new one. It is
  sent back in the response's `X-Request-ID` and added to every log line written while the request runs
  (`RequestIdMiddleware`, `RequestIdFilter`), so one request's lines can be found among many processes'.
- In production the lines are JSON, one per line (python-json-logger): time, level, logger, message,
  request id and, for an error, the traceback (`LOG_FORMAT`, `config/settings/base.py`).
- Secrets in addresses (the token of an invitation, an application, a password reset, a cancelling link)
  are masked in every message (`mask_path`, also used by gunicorn's access log, `config/gunicorn.py`).
  Nothing else personal is logged: messages name ids, never names, e-mail addresses or contacts.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

# Segments after which the rest of a path is a secret: /invitation/<token>/, /application/<token>/,
# /password-reset/<uid>/<token>/ (and the admin's password_reset/confirm/), /cancel/<token>/ (tests/test_stack.py checks every route with a token).
_SECRET_PATH = re.compile(r"(/(?:invitation|application|password-reset|password_reset/confirm|cancel)/)[^?#\s\"']*")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

request_id: ContextVar[str] = ContextVar("request_id", default="-")


def mask_path(path: str) -> str:
    """The path as a log may show it: what follows a secret-bearing segment is replaced by `…`."""
    return _SECRET_PATH.sub(r"\1…", path)


class RequestIdMiddleware:
    """Gives the request an id for the logs (the proxy's, when plausible) and sends it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        current = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = current
        request_id.set(current)  # until the request is finished (`request_done`): Django logs a 4xx/5xx after us
        response = self.get_response(request)
        response["X-Request-ID"] = current
        return response


def request_done(**kwargs) -> None:
    request_id.set("-")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record and masks secrets in its message (and its traceback's text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        if record.args:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):
                return True
            record.msg, record.args = message, None
        if isinstance(record.msg, str):
            record.msg = mask_path(record.msg)
        return True


class JsonFormatter:
    """python-json-logger's formatter with the fields we keep; built lazily so settings import nothing."""

    def __new__(cls, *args, **kwargs):
        from pythonjsonlogger.json import JsonFormatter as Base

        class Masked(Base):
            def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
                return mask_path(super().formatException(ei))

            def add_fields(self, log_record, record, message_dict) -> None:
                super().add_fields(log_record, record, message_dict)
                log_record.pop("request", None)  # Django's extra: the request's repr, its whole address in it
                for key, value in log_record.items():
                    if isinstance(value, str):
                        log_record[key] = mask_path(value)

        return Masked(
            "{asctime}{levelname}{name}{message}{request_id}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
            json_ensure_ascii=False,
        )


# Errors reported to Sentry (sentry-sdk) when SENTRY_DSN is set: with no personal data in the payload.

_KEPT_HEADERS = {"user-agent", "accept-language", "x-request-id"}


def sentry_init(dsn: str, *, environment: str = "", release: str = "") -> None:
    """Report errors to Sentry (or a compatible server, e.g. GlitchTip) without personal data: no local
    variables, no request body, cookies, query string or user details, secrets masked in addresses.
    Called from the settings when SENTRY_DSN is set, as sentry-sdk asks."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment or None,
        release=release or None,
        send_default_pii=False,
        include_local_variables=False,
        include_source_context=False,  # file, function and line are enough; the code is in the repository
        max_request_body_size="never",
        traces_sample_rate=0.0,
        before_send=sentry_scrub,
        before_breadcrumb=_breadcrumb_scrub,
    )


def sentry_scrub(event: dict, hint: dict | None = None) -> dict:
    """The event as it may leave the server: the request's method, masked address and a few headers, the
    request id; no user, cookies, query string, body or environment."""
    request = event.pop("request", None) or {}
    if request.get("url"):
        headers = {k: v for k, v in (request.get("headers") or {}).items() if k.lower() in _KEPT_HEADERS}
        event["request"] = {
            "method": request.get("method"),
            "url": mask_path(str(request.get("url", "")).split("?", 1)[0]),
            "headers": headers,
        }
    event.pop("user", None)
    event.pop("server_name", None)
    event.setdefault("tags", {})["request_id"] = request_id.get()
    logentry = event.get("logentry")
    if isinstance(logentry, dict):  # a logged error: its format string, and only the numbers put in it (ids)
        params = logentry.get("params") or []
        logentry["params"] = (
            [p if isinstance(p, int | float) else "…" for p in params] if isinstance(params, list | tuple) else []
        )
        logentry.pop("formatted", None)
        if isinstance(logentry.get("message"), str):
            logentry["message"] = mask_path(logentry["message"])
    if isinstance(event.get("transaction"), str):
        event["transaction"] = mask_path(event["transaction"])
    for exception in (event.get("exception") or {}).get("values", []):
        if isinstance(exception.get("value"), str):
            exception["value"] = mask_path(exception["value"])
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            for key in ("vars", "pre_context", "context_line", "post_context"):
                frame.pop(key, None)
    event.pop("breadcrumbs", None)  # SQL with values, log lines of other requests' data
    return event


def _breadcrumb_scrub(crumb: dict, hint: dict | None = None) -> None:
    return None  # none are sent (see `sentry_scrub`): nothing of what led up to an error is personal-safe
