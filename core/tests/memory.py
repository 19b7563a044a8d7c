"""Helpers for tests of what several processes must share."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends import locmem


def forget_process_memory() -> None:
    """Act as if the next request went to another worker: a new connection to every cache,
    and nothing left of what this process kept in its own memory (local-memory caches)."""
    locmem._caches.clear()
    locmem._expire_info.clear()
    locmem._locks.clear()
    for alias in settings.CACHES:
        try:
            del caches[alias]
        except AttributeError:  # not opened yet
            pass
