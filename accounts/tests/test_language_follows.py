"""Issue 11, part 6: people land in the language they were using, and the admin speaks theirs.

The browser here always asks for English (Accept-Language), so a page in another language proves
the language came from the person, not from the browser.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from accounts.services import invitation_send
from conftest import confirm_second_factor, make_person

pytestmark = pytest.mark.django_db
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def nour(db):
    return make_person("nour@example.org", preferred_language="fr")


def final_path(response) -> str:
    return response.redirect_chain[-1][0] if response.redirect_chain else response.request["PATH_INFO"]


@pytest.mark.parametrize("language", ["ar", "es"])
def test_signing_in_lands_in_the_language_of_the_sign_in_page(client, nour, language):
    response = client.post(
        f"/{language}/account/sign-in/",
        {"username": "nour@example.org", "password": "pw"},
        follow=True,
        **ENGLISH_BROWSER,
    )
    assert final_path(response) == f"/{language}/"
    assert f'lang="{language}"' in response.content.decode()
    # and the language stays with them on an address without a language
    assert client.get("/", **ENGLISH_BROWSER)["Location"] == f"/{language}/"


def test_signing_in_with_a_next_address_keeps_it(client, nour):
    response = client.post("/ar/account/sign-in/?next=/ar/network/", {"username": "nour@example.org", "password": "pw"})
    assert response["Location"] == "/ar/network/"


def test_signing_out_stays_in_the_language(client, nour):
    client.force_login(nour)
    response = client.post("/ar/account/sign-out/", follow=True, **ENGLISH_BROWSER)
    assert final_path(response) == "/ar/"


def test_an_invitation_lands_in_the_language_of_its_link(client, nour, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        token = invitation_send(user=nour, base_url="http://testserver")
    response = client.post(
        f"/fr/account/invitation/{token}/",
        {"new_password1": "a-long-new-passphrase-7", "new_password2": "a-long-new-passphrase-7"},
        follow=True,
        **ENGLISH_BROWSER,
    )
    assert final_path(response) == "/fr/"
    assert 'lang="fr"' in response.content.decode()


def test_password_reset_complete_links_to_sign_in_in_the_same_language(client):
    text = client.get("/es/account/password-reset/done/", **ENGLISH_BROWSER).content.decode()
    assert 'href="/es/account/sign-in/"' in text


@pytest.fixture
def arabic_staff(staff_user):
    staff_user.preferred_language = "ar"
    staff_user.save()
    return staff_user


def test_the_admin_opens_in_the_staff_members_preferred_language(client, arabic_staff):
    client.force_login(arabic_staff)
    confirm_second_factor(client, arabic_staff)
    text = client.get("/admin/", **ENGLISH_BROWSER).content.decode()
    assert 'lang="ar"' in text and 'dir="rtl"' in text


def test_the_admin_account_page_saves_name_email_and_language(client, staff_user):
    client.force_login(staff_user)
    confirm_second_factor(client, staff_user)
    page = client.get("/admin/account/", **ENGLISH_BROWSER)
    assert page.status_code == 200
    text = page.content.decode()
    assert "name_email-first_name" not in text  # people here have one name
    response = client.post(
        "/admin/account/",
        {
            "name_email-name": "Samira Haddad",
            "name_email-email": "Samira@Example.org",
            "name_email-preferred_language": "es",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
            "theme-keyboard_shortcuts": "on",
        },
        **ENGLISH_BROWSER,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person = get_user_model().objects.get(pk=staff_user.pk)
    assert (person.name, person.email, person.preferred_language) == ("Samira Haddad", "samira@example.org", "es")
    assert UserProfile.get_for_user(person).preferred_language == "es"
    assert 'lang="es"' in client.get("/admin/", **ENGLISH_BROWSER).content.decode()


def test_the_account_page_refuses_an_address_someone_else_has(client, staff_user, member_user):
    client.force_login(staff_user)
    confirm_second_factor(client, staff_user)
    response = client.post(
        "/admin/account/",
        {
            "name_email-name": "Sam",
            "name_email-email": "MEMBER@example.org",
            "name_email-preferred_language": "en",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
        },
    )
    assert response.status_code == 200
    assert get_user_model().objects.get(pk=staff_user.pk).email == "staff@example.org"
    assert "name_email-email" in response.content.decode()
