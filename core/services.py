"""Writes of the shared pieces: the e-mail outbox."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import EmailStatus, OutgoingEmail
from .queue import enqueue
from .visibility import is_management_unit

logger = logging.getLogger(__name__)


@transaction.atomic
def email_record_sent(*, email: OutgoingEmail, attempt: int) -> OutgoingEmail:
    """The server accepted it: "sent", and the text is no longer kept."""
    email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
    email.status, email.sent_at, email.attempts = EmailStatus.SENT, timezone.now(), attempt
    email.last_error = email.body = email.html = ""
    email.attachments = []
    email.full_clean()
    email.save()
    return email


@transaction.atomic
def email_record_failure(*, email: OutgoingEmail, attempt: int, error: str, final: bool) -> OutgoingEmail:
    """One attempt failed; after the last one the e-mail is "failed" (a sign-in link is not kept)."""
    email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
    email.attempts, email.last_error = attempt, error[:300]
    if final:
        email.status = EmailStatus.FAILED
        if email.secret_link:
            email.body = email.html = ""
            email.attachments = []
    email.full_clean()
    email.save()
    return email


@transaction.atomic
def email_resend(*, email: OutgoingEmail, actor) -> OutgoingEmail:
    """Queue a failed e-mail again, as it was written (Management Unit only)."""
    from .tasks import send_email

    if not is_management_unit(actor):
        raise PermissionDenied
    email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
    if email.status != EmailStatus.FAILED:
        raise ValidationError(_("Only an e-mail that failed can be sent again."))
    if not email.body:
        raise ValidationError(
            _(
                "This e-mail carried a sign-in link, which is not kept: send the person a new invitation, "
                "or ask them to request a new password link."
            )
        )
    email.status, email.attempts, email.last_error = EmailStatus.QUEUED, 0, ""
    email.full_clean()
    email.save()
    logger.info("E-mail %s queued again by person %s", email.pk, actor.pk)
    transaction.on_commit(lambda: enqueue(send_email, email_id=email.pk))
    return email
