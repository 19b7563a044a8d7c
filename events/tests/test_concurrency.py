"""30 people asking at the same moment for the last 5 places: exactly 5 get one, 25 wait. Real
concurrent transactions (threads, each with its own database connection), on SQLite and PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from events import services
from events.models import Registration

from .conftest import build_events_index, days_from_now, make_event

PEOPLE = 30


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as the suite's other transactional tests
def test_thirty_at_once_for_the_last_five_places():
    events_index = build_events_index()
    event = make_event(events_index["en"], title="Popular", start=days_from_now(10), registration="anyone", capacity=8)
    for n in range(3):  # three places taken already: five left
        services.registration_create(event=event, name=f"Early {n}", email=f"early{n}@example.org", language="en")
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("an in-memory SQLite test database cannot be shared by several connections")  # see conftest

    start = threading.Barrier(PEOPLE)
    errors = []

    def ask(n):
        try:
            start.wait()
            services.registration_create(event=event, name=f"Person {n}", email=f"p{n}@example.org", language="en")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    late = Registration.objects.filter(email__startswith="p")
    assert late.filter(status="registered").count() == 5
    assert late.filter(status="waiting").count() == 25
    assert Registration.objects.filter(status="registered").count() == 8
