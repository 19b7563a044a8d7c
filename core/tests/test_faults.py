"""When the database does not answer: a 503 page in the visitor's language, without a traceback, and the
site back at the next request once it answers again (no restart)."""

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)
    return monkeypatch


@pytest.mark.parametrize(
    ("path", "lang", "words"),
    [
        ("/en/network/", "en", "The site is briefly unavailable"),
        ("/ar/network/", "ar", 'dir="rtl"'),
        ("/fr/about/", "fr", 'lang="fr"'),
        ("/es/", "es", 'lang="es"'),
    ],
)
def test_a_database_that_does_not_answer_gives_a_503_in_the_visitors_language(database_down, path, lang, words):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert words in page and f'href="/{lang}/"' in page
    assert "Traceback" not in page and "5432" not in page and "OperationalError" not in page
    assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]  # its own <style> shows


def test_the_visitors_browser_language_without_one_in_the_address(database_down):
    response = Client(raise_request_exception=False).get("/healthz-nope", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 503 and 'lang="ar"' in response.content.decode()


def test_the_site_answers_again_when_the_database_does(client, database_down):
    assert Client(raise_request_exception=False).get("/en/network/").status_code == 503
    database_down.undo()
    assert client.get("/en/network/").status_code == 200


# Redis not answering (a real connection refused: nothing listens on port 1).
REDIS_DOWN = "redis://127.0.0.1:1/0"


def test_pages_are_served_and_people_stay_signed_in_while_redis_does_not_answer(client, settings, django_user_model):
    from config.settings.base import redis_cache

    settings.CACHES = {**settings.CACHES, "default": redis_cache(REDIS_DOWN, "down")}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # production's with REDIS_URL
    assert client.get("/en/network/").status_code == 200
    assert client.get("/healthz").status_code == 200
    user = django_user_model.objects.create_user(email="member@example.org", password="a long enough secret", name="M")
    client.force_login(user)
    response = client.get("/en/my-city/")  # a page for signed-in people only: still signed in
    assert response.status_code == 200 and "sign-in" not in response.get("Location", "")
