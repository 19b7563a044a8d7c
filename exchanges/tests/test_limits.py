"""Messages in exchange threads are limited per person, in counters every process shares."""

import pytest

from core import ratelimit
from core.tests.memory import forget_process_memory
from exchanges.models import ExchangeMessage

pytestmark = pytest.mark.django_db

LIMIT = ratelimit.EXCHANGE_MESSAGE.count


def test_a_person_over_the_limit_is_asked_to_wait_and_keeps_the_message(client, exchange, people):
    url = f"/en/exchanges/{exchange.pk}/messages/"
    client.force_login(people["focal point of B"])
    for n in range(LIMIT):
        forget_process_memory()
        assert client.post(url, {"body": f"Message {n} (demo)"}).status_code == 302
    forget_process_memory()
    response = client.post(url, {"body": "One more message (demo)"})
    text = response.content.decode()
    assert response.status_code == 429
    assert "many messages" in text and "One more message (demo)" in text
    assert ExchangeMessage.objects.count() == LIMIT
    # Someone else in the thread is not held back.
    client.force_login(people["focal point of A"])
    assert client.post(url, {"body": "Reply from A (demo)"}).status_code == 302
