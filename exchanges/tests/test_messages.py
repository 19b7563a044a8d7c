"""Messages after a step look like what they are: a success as a success (role="status"), a refusal as
an error (role="alert"), each shown once on the page."""

import re

import pytest

pytestmark = pytest.mark.django_db


def messages_of(html: str) -> list[tuple[str, str, str]]:
    return [
        (level, role, re.sub(r"\s+", " ", text).strip())
        for level, role, text in re.findall(
            r'<div class="message message--(\w+)" role="(\w+)">\s*<p>(.*?)</p>', html, re.S
        )
    ]


def test_a_sent_request_says_so_as_a_success_once(client, people):
    client.force_login(people["focal point of A"])
    response = client.post(
        "/en/exchanges/new/",
        {"partner": "city-b", "areas": ["youth-engagement"], "message": "We would like to learn (demo)."},
        follow=True,
    )
    html = response.content.decode()
    found = messages_of(html)
    assert len(found) == 1
    level, role, text = found[0]
    assert (level, role) == ("success", "status")
    assert "Done:" in text and "Your request is sent." in text
    assert html.count("Your request is sent.") == 1


def test_a_refused_step_says_so_as_an_error(client, people, exchange):
    client.force_login(people["staff"])
    # Only a completed exchange can become a Resource Hub draft: refused, as an error.
    html = client.post(f"/en/exchanges/{exchange.pk}/resource/", follow=True).content.decode()
    found = messages_of(html)
    assert len(found) == 1 and found[0][:2] == ("error", "alert")
    assert "Not done:" in found[0][2]
