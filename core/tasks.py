"""Background tasks shared by the apps."""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8  # about 4 hours of back-off in all: 1, 2, 4 ... 128 minutes


@task()
def send_email(*, subject: str, body: str, to: list[str], html: str | None = None, attempt: int = 1) -> int:
    """Send one e-mail (rendered beforehand, in the reader's language).

    When the mail server fails, the task enqueues itself again with a growing
    delay, so a message is not lost to a short outage. Addresses never go to the log.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= MAX_ATTEMPTS:
            logger.error("E-mail not sent after %s attempts: %s", attempt, type(error).__name__)
            raise
        logger.warning("E-mail attempt %s failed (%s); retrying", attempt, type(error).__name__)
        retry = send_email
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + timedelta(minutes=2 ** (attempt - 1)))
        retry.enqueue(subject=subject, body=body, to=to, html=html, attempt=attempt + 1)
        return 0
