"""Cache invalidation only (STYLE.md: no signals for domain flow): a change to what the figures count
moves the insights version on at its commit (`figures.INSIGHTS_VERSION`), and then queues one
recompute of the figures (`tasks.recompute_figures`), once per transaction."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core.queue import enqueue


def watched_models() -> tuple:
    from cities.signals import WATCHED
    from events.models import CommitmentProgress, DeclarationPage, Endorsement, EventPage, Registration
    from exchanges.models import ExchangeRequest
    from helpdesk.models import HelpEvent, HelpRequest

    return (*WATCHED, ExchangeRequest, HelpRequest, HelpEvent, Registration, EventPage, DeclarationPage,
            Endorsement, CommitmentProgress)  # fmt: skip


_WATCHED: tuple = ()


def figures_changed(sender, **kwargs):
    if sender not in _WATCHED:
        return
    from .figures import INSIGHTS_VERSION

    using = kwargs.get("using") or "default"
    if INSIGHTS_VERSION.pending(using):
        return  # this transaction already moves it on and recomputes at its commit
    INSIGHTS_VERSION.bump(using)  # registered before the recompute below, so it runs first
    transaction.on_commit(schedule_recompute, using=using)


QUEUED_KEY = "insights:recompute-queued"
QUEUED_SECONDS = 60  # a lost task is forgotten after this long; the task clears it when it starts


def schedule_recompute() -> None:
    """Queue one recompute unless one is queued and not started yet (changes saved one by one
    outside a transaction queue one task, not one each)."""
    from .figures import shared_cache
    from .tasks import recompute_figures

    if shared_cache().add(QUEUED_KEY, 1, QUEUED_SECONDS):
        enqueue(recompute_figures)


def connect() -> None:
    global _WATCHED
    _WATCHED = watched_models()
    post_save.connect(figures_changed, dispatch_uid="insights-figures-changed-save")
    post_delete.connect(figures_changed, dispatch_uid="insights-figures-changed-delete")
