"""Background recomputation of the stored suggestions (never inside a request)."""

import logging

from django.core.cache import caches
from django.db import transaction
from django_tasks import task

from core import queue

from .services import suggestions_recompute

logger = logging.getLogger(__name__)
PENDING_KEY = "matching:network-recompute-pending"
PENDING_SECONDS = 30 * 60  # a lost worker cannot block the next network run for longer
# In the store every process shares: the web processes set the flag, the worker clears it.
PENDING_CACHE = "shared"


@task()
def recompute_suggestions(slugs: list[str] | None = None) -> int:
    """Recompute the lists of `slugs`, or of the whole network when None."""
    if slugs is None:
        caches[PENDING_CACHE].delete(PENDING_KEY)  # changes from now on ask for another run
    written = suggestions_recompute(slugs=slugs)
    logger.info("Recomputed %s suggestion lists", written)
    return written


def suggestions_schedule(*, city=None) -> None:
    """After a profile change: `city`'s own lists at once, then the whole network's, queued only
    once however many changes come in meanwhile (other cities may now list `city`, or no longer)."""

    def enqueue():
        if city is not None:
            queue.enqueue(recompute_suggestions, slugs=[city.slug])
        if caches[PENDING_CACHE].add(PENDING_KEY, True, PENDING_SECONDS):
            queue.enqueue(recompute_suggestions, slugs=None)

    transaction.on_commit(enqueue)
