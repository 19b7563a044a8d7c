"""E-mails to people: rendered in the reader's language, then sent by the task queue.

Every e-mail the platform writes goes through `email_queue`: the templates are
`<name>_subject.txt`, `<name>.txt` and (optional) `<name>.html`. Each one is a row
of the outbox (`core.models.OutgoingEmail`), which the task reads and updates, and
which the Management Unit reads in the admin (`core/admin_views.py`) to see and
resend failed e-mails.
"""

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutgoingEmail
from .queue import enqueue
from .tasks import send_email
from .text import isolates_as_markers, markers_to_isolates, strip_unsafe_characters


def email_render(name: str, context: dict, *, language: str | None = None) -> dict:
    """Subject, plain text and HTML (None when there is no HTML template) of e-mail `name`.

    Control characters (but tab and line breaks) and bidi overrides are dropped from all three,
    whatever the context holds: a name with U+202E must not turn an e-mail's text around. Only the
    isolates the templates' `isolate` filter put around a cleaned name are kept (`core/text.py`)."""
    with translation.override(language or translation.get_language()), isolates_as_markers() as markers:
        subject = " ".join(strip_unsafe_characters(render_to_string(f"{name}_subject.txt", context)).split())
        body = strip_unsafe_characters(render_to_string(f"{name}.txt", context))
        try:
            html = strip_unsafe_characters(render_to_string(f"{name}.html", context))
        except TemplateDoesNotExist:
            html = None
    return {
        "subject": markers_to_isolates(subject, markers),
        "body": markers_to_isolates(body, markers),
        "html": markers_to_isolates(html, markers),
    }


def email_queue(
    name: str,
    context: dict,
    *,
    to: list[str],
    language: str | None = None,
    secret_link: bool = False,
    attachments: list[dict] | None = None,
) -> OutgoingEmail:
    """Render now, record in the outbox, enqueue once the current transaction commits (at once outside one).

    `secret_link`: the text holds a link that signs someone in (invitation, password reset); it is
    not kept once the e-mail has failed, and staff send a fresh link instead of resending it.
    `attachments`: text files sent with it, [{"filename", "mimetype", "content"}] (an event's calendar file).
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    message = email_render(name, context, language=language)
    email = OutgoingEmail(
        to=list(to),
        subject=message["subject"],
        body=message["body"],
        html=message["html"] or "",
        template=name,
        language=language,
        secret_link=secret_link,
        attachments=list(attachments or []),
    )
    email.full_clean()
    email.save()
    transaction.on_commit(lambda: enqueue(send_email, email_id=email.pk))
    return email
