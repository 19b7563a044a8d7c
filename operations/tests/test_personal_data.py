"""Personal data on request (operations/personal_data.py): the Management Unit downloads everything held about
a person in one JSON file, recorded; nobody else can, staff without a second factor included."""

import json

import pytest

from cities.models import FocalPoint
from cities.tests.factories import add_focal_point
from conftest import ROLES, as_role
from core.models import OutgoingEmail
from operations.models import PersonalDataRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(world):
    """Focal point of city A, with records that name the account and records that only hold the address."""
    person = world["focal point of A"]
    add_focal_point(world["city A"], name="Focal A", email="FOCAL-A@example.org", phone="+254 700 111111")
    add_focal_point(world["city B"], name="Someone Else", email="else@example.org", phone="+212 600 000000")
    OutgoingEmail.objects.create(to=["focal-a@example.org"], subject="Welcome", template="t", body="Hello")
    OutgoingEmail.objects.create(to=["else@example.org"], subject="Other", template="t", body="Not theirs")
    return person


def download(client, person):
    response = client.post(f"/admin/people/{person.pk}/personal-data/")
    assert response.status_code == 200, response.status_code
    assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    return json.loads(b"".join(response.streaming_content) if response.streaming else response.content)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_management_unit_with_its_second_factor_exports(client, world, subject, role, two_factor_required):
    as_role(client, world, role)
    page = client.get(f"/admin/people/{subject.pk}/personal-data/")
    posted = client.post(f"/admin/people/{subject.pk}/personal-data/")
    if role == "staff":
        assert page.status_code == 200 and posted.status_code == 200
    else:
        assert page.status_code in (302, 403) and posted.status_code in (302, 403)
        assert b"+254 700 111111" not in page.content + posted.content
    assert PersonalDataRequest.objects.count() == (1 if role == "staff" else 0)


def test_the_file_holds_every_record_about_the_person_and_nothing_else(client, world, subject):
    as_role(client, world, "staff")
    data = download(client, subject)
    assert data["person"]["email"] == "focal-a@example.org" and data["person"]["name"] == subject.name
    records = data["records"]
    assert [row["role"] for row in records["accounts.roleassignment"]] == ["focal-point"]
    assert [row["phone"] for row in records["cities.focalpoint"]] == ["+254 700 111111"]  # by address, any case
    assert [row["subject"] for row in records["core.outgoingemail"]] == ["Welcome"]
    text = json.dumps(data)
    assert "else@example.org" not in text and "+212 600 000000" not in text
    assert "password" not in text and "token_hash" not in text  # secrets never leave
    audit = PersonalDataRequest.objects.get()
    assert audit.actor == world["staff"] and audit.person == subject and audit.action == "export"


def test_the_page_before_says_what_will_be_exported(client, world, subject):
    as_role(client, world, "staff")
    page = client.get(f"/admin/people/{subject.pk}/personal-data/").content.decode()
    assert "cities.focalpoint" in page and "focal-a@example.org" in page
    assert PersonalDataRequest.objects.count() == 0  # looking is not exporting
    assert FocalPoint.objects.filter(email__iexact="focal-a@example.org").exists()


def test_the_management_unit_finds_a_person_by_address(client, world, subject):
    as_role(client, world, "staff")
    assert "/admin/people/personal-data/" in client.get("/admin/").content.decode()  # in the Settings menu
    found = client.get("/admin/people/personal-data/", {"email": "FOCAL-A@example.org"})
    assert found.status_code == 302 and found["Location"] == f"/admin/people/{subject.pk}/personal-data/"
    unknown = client.get("/admin/people/personal-data/", {"email": "nobody@example.org"})
    assert unknown.status_code == 400 and "No account or record has this address." in unknown.content.decode()
    assert "nobody@example.org" in unknown.content.decode()  # what was typed is kept
    bad = client.get("/admin/people/personal-data/", {"email": "not an address"})
    assert bad.status_code == 400 and "Enter a valid email address." in bad.content.decode()


@pytest.mark.parametrize("role", ["hub staff of A's hub", "staff without a second factor", "focal point of A"])
def test_nobody_else_finds_people_or_sees_the_menu(client, world, role, two_factor_required):
    as_role(client, world, role)
    assert client.get("/admin/people/personal-data/", {"email": "focal-a@example.org"}).status_code in (302, 403)
    home = client.get("/admin/")
    assert "/admin/people/personal-data/" not in home.content.decode()


def test_superusers_see_it_in_the_list_of_users(client, world, subject, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="pw", name="Root")
    client.force_login(admin)
    assert f"/admin/people/{subject.pk}/personal-data/" in client.get("/admin/users/").content.decode()


def test_an_unknown_person_is_a_404(client, world):
    as_role(client, world, "staff")
    assert client.get("/admin/people/999999/personal-data/").status_code == 404
