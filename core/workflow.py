"""Workflows kept honest by the database: a row holds its state and the one before it,
and a check constraint allows only the listed steps (memberships, exchanges, help desk)."""

from django.db import models


def steps_allowed(*, first: str, transitions) -> models.Q:
    """The condition for a `CheckConstraint`: a new row is in `first`; every later row
    came by one of `transitions` ((from, to) pairs) from its `previous_state`."""
    condition = models.Q(previous_state="", state=first)
    for before, after in transitions:
        condition |= models.Q(previous_state=before, state=after)
    return condition
