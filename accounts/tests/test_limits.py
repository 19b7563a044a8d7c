"""Sign-in lockouts and password-reset limits, behind a reverse proxy and across processes."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from core import ratelimit
from core.tests.memory import forget_process_memory

pytestmark = pytest.mark.django_db

SIGN_IN = "/en/account/sign-in/"
RESET = "/en/account/password-reset/"
PROXY = "10.0.0.2"


@pytest.fixture
def person():
    return get_user_model().objects.create_user(email="nour@example.org", name="Nour", password="correct-horse-9")


def sign_in(client, password, **address):
    return client.post(SIGN_IN, {"username": "nour@example.org", "password": password}, **address)


def via_proxy(visitor: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": visitor}


def test_a_lockout_holds_for_the_address_it_came_from_only(client, person):
    attacker, owner = {"REMOTE_ADDR": "198.51.100.7"}, {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(5):
        sign_in(client, "guess", **attacker)
    assert sign_in(client, "correct-horse-9", **attacker).status_code == 429
    assert sign_in(client, "correct-horse-9", **owner).status_code == 302


def test_behind_the_proxy_one_visitor_cannot_lock_the_owner_out(client, person, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        sign_in(client, "guess", **via_proxy("198.51.100.7"))
    assert sign_in(client, "correct-horse-9", **via_proxy("198.51.100.7")).status_code == 429
    assert sign_in(client, "correct-horse-9", **via_proxy("203.0.113.9")).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, person, settings):
    settings.TRUSTED_PROXY_COUNT = 0  # nothing in front of Django: the header is the visitor's own
    for n in range(5):
        sign_in(client, "guess", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = sign_in(client, "correct-horse-9", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


def reset(client, email="nour@example.org", **address):
    return client.post(RESET, {"email": email}, **address)


def test_thirty_resets_for_one_person_queue_at_most_the_limit(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers = {reset(client, REMOTE_ADDR=f"198.51.100.{n}")["Location"] for n in range(30)}
    assert answers == {"/en/account/password-reset/sent/"}  # the same neutral answer every time
    assert len(mail.outbox) == ratelimit.RESET_TO_EMAIL.count == 3


def test_the_reset_limit_holds_across_processes(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            forget_process_memory()
            reset(client, email="NOUR@example.org", REMOTE_ADDR=f"198.51.100.{n}")
    assert len(mail.outbox) == 3


def test_one_address_cannot_send_resets_to_everyone(client, django_capture_on_commit_callbacks):
    people = [
        get_user_model().objects.create_user(email=f"p{n}@example.org", name=f"P{n}", password="correct-horse-9")
        for n in range(15)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        statuses = {reset(client, email=p.email, REMOTE_ADDR="198.51.100.7").status_code for p in people}
    assert statuses == {302}
    assert len(mail.outbox) == ratelimit.RESET_FROM_ADDRESS.count == 10


def test_behind_the_proxy_each_visitor_has_their_own_reset_quota(client, settings, django_capture_on_commit_callbacks):
    settings.TRUSTED_PROXY_COUNT = 1
    people = [
        get_user_model().objects.create_user(email=f"p{n}@example.org", name=f"P{n}", password="correct-horse-9")
        for n in range(12)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for n, p in enumerate(people):
            reset(client, email=p.email, **via_proxy(f"198.51.100.{n}"))
    assert len(mail.outbox) == 12
