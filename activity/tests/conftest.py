from events.tests.conftest import _events_index_ids, events_index  # noqa: F401 (fixtures: the events' pages)
