"""Workflows kept honest by the database: a row holds its state and the one before it,
and a check constraint allows only the listed steps (memberships, exchanges, help desk)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def steps_allowed(*, first: str, transitions) -> models.Q:
    """The condition for a `CheckConstraint`: a new row is in `first`; every later row
    came by one of `transitions` ((from, to) pairs) from its `previous_state`."""
    condition = models.Q(previous_state="", state=first)
    for before, after in transitions:
        condition |= models.Q(previous_state=before, state=after)
    return condition


class AuditEvent(models.Model):
    """One step of a workflow's audit trail: who, when and why. Each app adds the record it is
    about and its `from_state` / `to_state` (with its own state choices)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or '-'} → {self.to_state}"
