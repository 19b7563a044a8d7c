"""Background tasks shared by the apps."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from .mail_backends import EmailDisabled
from .queue import enqueue

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8  # about 2 hours of back-off in all: 1, 2, 4 ... 64 minutes


class EmailNotSent(Exception):
    """One attempt failed. The message names the error's class and SMTP code only: no address, no text."""


def _summary(error: BaseException) -> str:
    """What went wrong, fit for the log: the error's class and the server's reply code."""
    if isinstance(error, EmailDisabled):
        return str(error)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _reply in error.recipients.values()})
        return f"{type(error).__name__} ({', '.join(map(str, codes))})"
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__} ({code})" if code else type(error).__name__


def _detail(error: BaseException) -> str:
    """The summary and the server's own words, for the outbox (Management Unit only), never the log."""
    reply = getattr(error, "smtp_error", b"")
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    reply = " ".join(str(reply).split())
    return (f"{_summary(error)}: {reply}" if reply else _summary(error))[:300]


def _permanent(error: BaseException) -> bool:
    """Retrying cannot help: e-mail switched off, or the server refused for good (5xx)."""
    if isinstance(error, EmailDisabled):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in error.recipients.values())
    return 500 <= (getattr(error, "smtp_code", 0) or 0) < 600


@task()
def send_email(*, email_id: int, attempt: int = 1) -> str:
    """Send one e-mail of the outbox (`core.models.OutgoingEmail`, rendered beforehand in the reader's language).

    When the mail server fails, the attempt is recorded (and its task result is a
    failure) and the task enqueues itself again with a growing delay, so a message
    is not lost to a short outage; after the last attempt, or a permanent refusal,
    the outbox says "failed" for staff to see and resend. Addresses and texts never
    go to the log.
    """
    from .models import EmailStatus, OutgoingEmail
    from .services import email_record_failure, email_record_sent

    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or email.status != EmailStatus.QUEUED:
        return "nothing to send"
    message = EmailMultiAlternatives(subject=email.subject, body=email.body, to=email.to)
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        message.send()
    except (smtplib.SMTPException, OSError, EmailDisabled) as error:
        summary = _summary(error)
        final = attempt >= MAX_ATTEMPTS or _permanent(error)
        email_record_failure(email=email, attempt=attempt, error=_detail(error), final=final)
        if final:
            logger.error("E-mail %s not sent after %s attempts: %s", email_id, attempt, summary)
        else:
            logger.warning("E-mail %s attempt %s failed (%s); retrying", email_id, attempt, summary)
            retry = send_email
            if retry.get_backend().supports_defer:
                retry = retry.using(run_after=timezone.now() + timedelta(minutes=2 ** (attempt - 1)))
            enqueue(retry, email_id=email_id, attempt=attempt + 1)
        raise EmailNotSent(f"attempt {attempt}: {summary}") from None
    email_record_sent(email=email, attempt=attempt)
    return "sent"
