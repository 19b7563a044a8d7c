"""E-mail backends of our own.

`DisabledBackend` is production's explicit opt-out (`EMAIL_DISABLED=true`): it sends
nothing and prints nothing (the console backend would put live reset links into the
log); every e-mail is recorded as failed in the outbox, where staff see it.
"""

from django.core.mail.backends.base import BaseEmailBackend


class EmailDisabled(Exception):
    """E-mail is switched off on this installation: retrying cannot help."""


class DisabledBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        if email_messages:
            raise EmailDisabled("E-mail is switched off (EMAIL_DISABLED)")
        return 0
