"""Questions to the help desk are limited per person, in counters every process shares."""

import pytest

from core import ratelimit
from core.tests.memory import forget_process_memory
from helpdesk.models import HelpRequest
from helpdesk.tests.test_pages import ask_data

pytestmark = pytest.mark.django_db

LIMIT = ratelimit.HELP_QUESTION.count


def test_a_person_over_the_limit_is_asked_to_wait_and_keeps_the_question(client, people):
    client.force_login(people["focal point of A"])
    for n in range(LIMIT):
        forget_process_memory()
        assert client.post("/en/help/ask/", ask_data(subject=f"Question {n}")).status_code == 302
    forget_process_memory()
    response = client.post("/en/help/ask/", ask_data(subject="Une question de plus", question="Encore ?"))
    text = response.content.decode()
    assert response.status_code == 429
    assert "many questions" in text and 'value="Une question de plus"' in text and "Encore ?" in text
    assert HelpRequest.objects.count() == LIMIT
    client.force_login(people["practitioner of A"])
    assert client.post("/en/help/ask/", ask_data()).status_code == 302
