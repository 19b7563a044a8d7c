import re

import pytest
from django.core import mail

from accounts.models import Role
from cities.models import City, Country, Stage
from cities.tests.factories import CityFactory
from memberships import services

pytestmark = pytest.mark.django_db


def approve(application, actor, capture):
    with capture(execute=True):
        services.application_start_review(application=application, actor=actor)
        services.application_approve(application=application, actor=actor, base_url="http://testserver")


def test_approval_creates_the_member_and_invites_its_focal_point(
    application,
    staff_user,
    client,
    django_capture_on_commit_callbacks,
):
    approve(application, staff_user, django_capture_on_commit_callbacks)
    city = City.objects.get(applications=application)
    assert city.stage == Stage.JOINING and city.country_id == "JO" and city.name == "مدينة تجريبية"
    assert city.focal_points.get().email == "focal@example.org"
    person = city.people.get(role=Role.FOCAL_POINT).user
    assert person.preferred_language == "ar"
    invitation = next(m for m in mail.outbox if "/account/invitation/" in m.body)
    link = re.search(r"http://testserver(/\S+/account/invitation/\S+/)", invitation.body).group(1)
    assert link.startswith("/ar/")
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(link, {"new_password1": "a-good-new-pass-77", "new_password2": "a-good-new-pass-77"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a-good-new-pass-77")
    client.logout()
    assert client.get(link).status_code == 410  # single use


def test_approval_reactivates_an_authority_that_had_left(application, staff_user, django_capture_on_commit_callbacks):
    old = CityFactory(slug="returning", name="مدينة تجريبية", country=Country.objects.get(code="JO"), stage=Stage.LEFT)
    approve(application, staff_user, django_capture_on_commit_callbacks)
    old.refresh_from_db()
    assert old.stage == Stage.JOINING and City.objects.filter(country_id="JO").count() == 1


def test_an_expired_or_forged_invitation_is_refused(client):
    assert client.get("/en/account/invitation/not-a-real-token/").status_code == 410


def test_an_invitation_expires_after_a_week(client, member_user, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from accounts.models import Invitation
    from accounts.services import invitation_send

    token = invitation_send(user=member_user, base_url="http://testserver")
    Invitation.objects.update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    assert client.get(f"/en/account/invitation/{token}/").status_code == 410
    response = client.post(
        f"/en/account/invitation/{token}/", {"new_password1": "x-y-z-123456", "new_password2": "x-y-z-123456"}
    )
    assert response.status_code == 410
    member_user.refresh_from_db()
    assert not member_user.check_password("x-y-z-123456")


def _use_every_invitation(client, person):
    """Follow every invitation e-mailed to `person`, as they would."""
    for message in mail.outbox:
        if person.email in message.to and "/account/invitation/" in message.body:
            link = re.search(r"http://testserver(/\S+/account/invitation/\S+/)", message.body).group(1)
            client.post(link, {"new_password1": "a-good-new-pass-77", "new_password2": "a-good-new-pass-77"})


def test_applying_never_revives_a_deactivated_management_unit_account(
    application, staff_user, client, django_capture_on_commit_callbacks
):
    from accounts.services import invitation_send, role_grant
    from conftest import make_person
    from core.visibility import is_management_unit

    old = make_person("focal@example.org")  # the application's focal-point e-mail
    role_grant(user=old, role=Role.MANAGEMENT_UNIT)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(user=old, base_url="http://testserver")  # an old invitation, never used
    old.is_active = False
    old.save(update_fields=["is_active"])
    client.force_login(staff_user)
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "belongs to an existing account" in page and "deactivated" in page
    approve(application, staff_user, django_capture_on_commit_callbacks)
    client.logout()
    _use_every_invitation(client, old)
    old.refresh_from_db()
    assert not old.is_active and not old.check_password("a-good-new-pass-77")
    assert not old.roles.filter(role=Role.FOCAL_POINT).exists()
    assert not is_management_unit(old)
    assert "_auth_user_id" not in client.session
    city = City.objects.get(applications=application)
    assert city.focal_points.get().email == "focal@example.org"  # the contact is still recorded


def test_approval_gives_an_existing_staff_account_no_city_role(
    application, staff_user, client, django_capture_on_commit_callbacks
):
    from accounts.services import role_grant
    from conftest import make_person

    hub = make_person("focal@example.org", is_staff=True)
    role_grant(user=hub, role=Role.TRANSLATOR)
    client.force_login(staff_user)
    assert "belongs to an existing account" in client.get(f"/admin/applications/{application.pk}/").content.decode()
    approve(application, staff_user, django_capture_on_commit_callbacks)
    assert list(hub.roles.values_list("role", flat=True)) == [Role.TRANSLATOR]
    assert not any("/account/invitation/" in m.body for m in mail.outbox if hub.email in m.to)


def test_approval_gives_an_existing_member_the_focal_point_role_and_nothing_else(
    application, staff_user, member_user, client, django_capture_on_commit_callbacks
):
    from accounts.models import User

    User.objects.filter(pk=member_user.pk).update(email="focal@example.org")
    member_user.refresh_from_db()
    client.force_login(staff_user)
    assert "belongs to an existing account" in client.get(f"/admin/applications/{application.pk}/").content.decode()
    approve(application, staff_user, django_capture_on_commit_callbacks)
    city = City.objects.get(applications=application)
    assert sorted(member_user.roles.values_list("role", "city__slug")) == sorted(
        [(Role.PRACTITIONER, "practitioner-home"), (Role.FOCAL_POINT, city.slug)]
    )
    member_user.refresh_from_db()
    assert member_user.is_active and not member_user.is_staff and not member_user.groups.exists()


def test_a_new_person_gets_no_warning(application, staff_user, client):
    client.force_login(staff_user)
    assert "belongs to an existing account" not in client.get(f"/admin/applications/{application.pk}/").content.decode()


PASSWORD_PROMISE = "You will receive a separate e-mail with a link to choose your password."


@pytest.mark.parametrize("invited", [True, False])
def test_the_approval_email_promises_a_password_link_only_when_one_is_sent(
    application, staff_user, django_capture_on_commit_callbacks, invited
):
    from django.utils import translation

    from conftest import make_person

    if not invited:
        make_person("focal@example.org", is_active=False)  # approval never revives this account
    approve(application, staff_user, django_capture_on_commit_callbacks)
    to_focal = [m.body for m in mail.outbox if "focal@example.org" in m.to]
    with translation.override(application.language):
        promise = translation.gettext(PASSWORD_PROMISE)
    assert any("/account/invitation/" in body for body in to_focal) is invited
    assert any(promise in body for body in to_focal) is invited
