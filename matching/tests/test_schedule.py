"""After profile changes, one whole-network recompute is queued however many changes come in, whichever
process they come through: the flag lives in the store every process shares, not in one process's memory."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from matching import tasks

pytestmark = pytest.mark.django_db


def test_one_network_run_is_queued_for_many_changes_until_it_starts(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(tasks.queue, "enqueue", lambda task, **kwargs: queued.append(kwargs))
    caches[tasks.PENDING_CACHE].delete(tasks.PENDING_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.suggestions_schedule()
        tasks.suggestions_schedule()
    assert queued == [{"slugs": None}]
    monkeypatch.setattr(tasks, "suggestions_recompute", lambda slugs: 0)
    tasks.recompute_suggestions.call(slugs=None)  # the run starts: later changes ask for another
    with django_capture_on_commit_callbacks(execute=True):
        tasks.suggestions_schedule()
    assert queued == [{"slugs": None}, {"slugs": None}]


def test_the_flag_is_shared_by_every_process():
    assert not isinstance(caches[tasks.PENDING_CACHE], LocMemCache)
