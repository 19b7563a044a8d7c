import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError

pytestmark = pytest.mark.django_db


def test_people_have_one_name_and_sign_in_by_email(client):
    user = get_user_model().objects.create_user(email="Nour@Example.org", name="نور الهدى", password="a-strong-pass-1")
    assert user.email == "nour@example.org" and str(user) == "نور الهدى"
    assert user.check_password("a-strong-pass-1")


def test_email_is_unique_whatever_the_case():
    User = get_user_model()
    User.objects.create_user(email="a@example.org", name="A")
    with pytest.raises(IntegrityError):
        User.objects.create(email="A@EXAMPLE.ORG", name="B")


def test_ensure_admin_generates_a_password_never_a_fixed_one(tmp_path, monkeypatch, capsys):
    from core.management.commands import ensure_admin

    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "pw")
    call_command("ensure_admin")
    first = (tmp_path / "pw").read_text().strip()
    assert first in capsys.readouterr().out and len(first) >= 12
    call_command("ensure_admin", "--reset")
    second = (tmp_path / "pw").read_text().strip()
    assert second != first
    assert get_user_model().objects.get(email="admin@example.org").check_password(second)


def test_admin_pages_for_staff_only(client):
    User = get_user_model()
    admin = User.objects.create_superuser(email="root@example.org", name="Root", password="pw")
    assert client.get("/admin/snippets/cities/city/").status_code == 302
    client.force_login(admin)
    for url in (
        "/admin/",
        "/admin/snippets/cities/city/",
        "/admin/users/",
        "/admin/users/new/",
        f"/admin/users/edit/{admin.pk}/",
    ):
        assert client.get(url).status_code == 200, url


def test_staff_can_create_a_person_with_one_name_in_the_admin(client):
    User = get_user_model()
    client.force_login(User.objects.create_superuser(email="root@example.org", name="Root", password="pw"))
    response = client.post(
        "/admin/users/new/",
        {
            "email": "Sara@example.org",
            "name": "Sara Ndlovu",
            "preferred_language": "fr",
            "password1": "a-much-longer-pass-2026",
            "password2": "a-much-longer-pass-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(email="sara@example.org")
    assert person.name == "Sara Ndlovu" and person.preferred_language == "fr"


@pytest.mark.parametrize("role", ["expert", "management-unit", "translator"])
def test_granting_a_role_twice_keeps_one_assignment(role):
    from accounts.services import role_grant

    person = get_user_model().objects.create_user(email="twice@example.org", name="Twice", password="pw")
    first = role_grant(user=person, role=role)
    assert role_grant(user=person, role=role).pk == first.pk
    assert person.roles.count() == 1


def test_a_role_with_the_wrong_scope_is_refused():
    from django.core.exceptions import ValidationError

    from accounts.services import role_grant

    person = get_user_model().objects.create_user(email="scope@example.org", name="Scope", password="pw")
    with pytest.raises(ValidationError):
        role_grant(user=person, role="focal-point")  # a focal point needs an authority
