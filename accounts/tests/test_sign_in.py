import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return get_user_model().objects.create_user(email="nour@example.org", name="Nour", password="correct-horse-9")


def test_passwords_are_hashed_with_argon2(person, settings):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    assert (
        "django.contrib.auth.hashers.Argon2PasswordHasher" == settings.PASSWORD_HASHERS[0] or settings.PASSWORD_HASHERS
    )
    assert Argon2PasswordHasher().algorithm == "argon2"


@pytest.mark.parametrize("language, title", [("en", "Sign in"), ("ar", "تسجيل الدخول"), ("fr", "Se connecter")])
def test_sign_in_page_is_translated_and_directional(client, language, title):
    text = client.get(f"/{language}/account/sign-in/").content.decode()
    assert title in text
    assert ('dir="rtl"' in text) == (language == "ar")


def test_sign_in_by_email_whatever_the_case(client, person):
    response = client.post("/en/account/sign-in/", {"username": "NOUR@example.org", "password": "correct-horse-9"})
    assert response.status_code == 302
    assert client.get("/en/network/").context["user"] == person


def test_wrong_password_says_so_next_to_the_form_and_keeps_the_address(client, person):
    response = client.post("/en/account/sign-in/", {"username": "nour@example.org", "password": "nope"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "do not match an account" in text and 'value="nour@example.org"' in text


def test_repeated_failures_lock_the_account_for_a_while(client, person):
    for _ in range(5):
        client.post("/en/account/sign-in/", {"username": "nour@example.org", "password": "guess"})
    response = client.post("/en/account/sign-in/", {"username": "nour@example.org", "password": "correct-horse-9"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_password_reset_by_email_link_works_once(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/account/password-reset/", {"email": "nour@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "mot de passe" in message.subject.lower()
    link = re.search(r"http://testserver(/fr/account/password-reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    url = form_page.redirect_chain[-1][0]
    done = client.post(url, {"new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42"})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a-brand-new-pass-42")
    assert not client.get(link, follow=True).context["validlink"]  # single use


def test_unknown_address_gets_the_same_answer_and_no_mail(client, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post("/en/account/password-reset/", {"email": "stranger@example.org"})
        known = client.post("/en/account/password-reset/", {"email": "nour@example.org"})
    assert unknown.status_code == known.status_code == 302 and unknown["Location"] == known["Location"]
    assert [message.to for message in mail.outbox] == [["nour@example.org"]]  # the known one only


def test_sign_out_is_a_post(client, person):
    client.force_login(person)
    assert client.post("/en/account/sign-out/").status_code == 302
    assert not client.get("/en/network/").context["user"].is_authenticated
