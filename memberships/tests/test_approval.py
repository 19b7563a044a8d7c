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
