"""E-mails to people: rendered in the reader's language, then sent by the task queue.

Every e-mail the platform writes goes through `email_queue`: the templates are
`<name>_subject.txt`, `<name>.txt` and (optional) `<name>.html`.
"""

from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def email_render(name: str, context: dict, *, language: str | None = None) -> dict:
    """Subject, plain text and HTML (None when there is no HTML template) of e-mail `name`."""
    with translation.override(language or translation.get_language()):
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}.txt", context)
        try:
            html = render_to_string(f"{name}.html", context)
        except TemplateDoesNotExist:
            html = None
    return {"subject": subject, "body": body, "html": html}


def email_queue(name: str, context: dict, *, to: list[str], language: str | None = None) -> None:
    """Render now, enqueue once the current transaction commits (at once outside one)."""
    message = email_render(name, context, language=language)
    transaction.on_commit(lambda: send_email.enqueue(to=to, **message))
