"""Background tasks shared by the apps."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str], html: str | None = None) -> int:
    """Send one e-mail (rendered beforehand, in the reader's language)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
