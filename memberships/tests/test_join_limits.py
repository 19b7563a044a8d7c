"""The join form's limit per visitor: behind the reverse proxy and across processes."""

import pytest

from core import ratelimit
from core.tests.memory import forget_process_memory
from memberships.models import JoinApplication
from memberships.tests.test_join import valid_data

pytestmark = pytest.mark.django_db

JOIN = "/en/join/"
LIMIT = ratelimit.JOIN.count


def post(client, **address):
    return client.post(JOIN, valid_data(focal_email="bad"), **address).status_code


def test_the_limit_holds_when_every_post_goes_to_another_process(client):
    statuses = []
    for _ in range(LIMIT + 2):
        forget_process_memory()
        statuses.append(post(client, REMOTE_ADDR="198.51.100.7"))
    assert statuses == [400] * LIMIT + [429, 429]


def test_a_forged_forwarded_address_does_not_buy_more_posts(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [post(client, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}") for n in range(12)]
    assert statuses == [400] * LIMIT + [429, 429]


def test_behind_the_proxy_one_visitor_does_not_use_up_everyone_s_quota(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    greedy = [post(client, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.7") for _ in range(LIMIT + 1)]
    assert greedy[-1] == 429
    assert post(client, **proxy, HTTP_X_FORWARDED_FOR="203.0.113.9") == 400  # another visitor: heard


def test_over_the_limit_the_form_comes_back_with_what_was_typed(client):
    for _ in range(LIMIT):
        post(client)
    response = client.post(JOIN, valid_data(authority_name="Ville de démonstration"))
    text = response.content.decode()
    assert response.status_code == 429
    assert "Please wait ten minutes" in text and 'value="Ville de démonstration"' in text
    assert not JoinApplication.objects.exists()
