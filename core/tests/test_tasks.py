"""E-mail delivery through a real SMTP stand-in on 127.0.0.1 (core/tests/smtp.py), and the outbox staff read."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from core.mail import email_queue
from core.models import EmailStatus, OutgoingEmail
from core.services import email_resend

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def queue_hello(**extra):
    email_queue(
        "accounts/email/invitation",
        {"user": {"name": "Nour"}, "url": "https://example.org/x", "days": 7},
        to=["focal@example.org"],
        language="ar",
        **extra,
    )
    return OutgoingEmail.objects.latest("pk")


def test_a_refused_email_is_retried_and_delivered(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_hello()
    assert smtp_server.attempts == 2
    assert len(smtp_server.delivered) == 1 and "focal@example.org" in smtp_server.delivered[0]
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2 and email.sent_at is not None
    assert email.language == "ar" and email.template == "accounts/email/invitation"
    assert email.body == "" and email.html == ""  # nothing kept once the server took it


def test_a_failed_first_attempt_is_not_recorded_as_sent(smtp_server, django_capture_on_commit_callbacks, monkeypatch):
    """The worker runs the first attempt; the retry waits a minute: the outbox says so, truthfully."""
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker closes connections that are not in autocommit between tasks; inside the test's
    # transaction that would close PostgreSQL's connection (SQLite's in-memory one survives it).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    with override_settings(TASKS=DB_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            email = queue_hello()
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
        first = DBTaskResult.objects.order_by("enqueued_at").first()
        assert first.status == "FAILED"  # the attempt's own result, not "successful"
        assert "focal@example.org" not in first.traceback
        assert DBTaskResult.objects.filter(status="READY").count() == 1  # the retry, deferred
    email.refresh_from_db()
    assert smtp_server.delivered == []
    assert email.status == EmailStatus.QUEUED and email.sent_at is None
    assert email.attempts == 1 and "451" in email.last_error


def test_it_gives_up_after_the_last_attempt_and_records_the_failure(
    smtp_server, caplog, django_capture_on_commit_callbacks
):
    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue("accounts/email/invitation", {"url": "u", "days": 7}, to=["focal@example.org"])
    assert smtp_server.attempts == 8 and smtp_server.delivered == []
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.attempts == 8 and email.sent_at is None
    assert "SMTPDataError" in email.last_error and "451" in email.last_error
    assert email.body  # kept, for a resend
    assert "not sent after 8 attempts" in caplog.text
    assert "focal@example.org" not in caplog.text  # addresses never go to the log
    assert "https://" not in caplog.text and "u\n" not in caplog.text  # nor bodies


def test_a_permanent_refusal_is_not_retried(smtp_server, django_capture_on_commit_callbacks):
    smtp_server.down()
    smtp_server.code = "550 5.1.1 no such mailbox"
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_hello()
    email.refresh_from_db()
    assert smtp_server.attempts == 1 and email.status == EmailStatus.FAILED and "550" in email.last_error


def test_a_failed_email_is_resent_once_the_server_is_back(smtp_server, staff_user, django_capture_on_commit_callbacks):
    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue("memberships/email/received", {"application": {}}, to=["focal@example.org"])
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    smtp_server.up()
    with django_capture_on_commit_callbacks(execute=True):
        email_resend(email=email, actor=staff_user)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.last_error == "" and email.attempts == 1
    assert len(smtp_server.delivered) == 1
    with pytest.raises(ValidationError):  # sent: nothing to resend
        email_resend(email=email, actor=staff_user)


def test_only_the_management_unit_resends(smtp_server, esa_hub_staff, django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_hello()
    with pytest.raises(PermissionDenied):
        email_resend(email=email, actor=esa_hub_staff)


def test_a_mail_with_a_sign_in_link_keeps_no_body_once_failed_and_is_not_resent_as_is(
    smtp_server, staff_user, django_capture_on_commit_callbacks
):
    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_hello(secret_link=True)
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.body == "" and email.html == ""
    with pytest.raises(ValidationError):
        email_resend(email=email, actor=staff_user)


def test_with_email_switched_off_every_mail_is_recorded_as_failed_at_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "core.mail_backends.DisabledBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_hello()
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED and email.attempts == 1 and "switched off" in email.last_error
