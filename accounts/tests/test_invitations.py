"""Staff send a fresh invitation when one was lost or expired; the old link stops working."""

import email
import email.policy
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Invitation
from accounts.services import invitation_resend, invitation_send
from conftest import make_person
from core.models import EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://testserver(/\S+/account/invitation/\S+/)")


def links(server):
    """The invitation links in the messages the SMTP stand-in accepted (MIME decoded)."""
    found = []
    for raw in server.delivered:
        message = email.message_from_string(raw, policy=email.policy.default)
        found.append(LINK.search(message.get_body(preferencelist=("plain",)).get_content()).group(1))
    return found


@pytest.fixture
def newcomer(db):
    person = make_person("newcomer@example.org", preferred_language="fr")
    person.set_unusable_password()
    person.save()
    return person


def test_a_lost_invitation_is_sent_again_and_only_the_new_link_works(
    client, smtp_server, staff_user, newcomer, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=True):
        old_token = invitation_send(user=newcomer, base_url="http://testserver")
    assert OutgoingEmail.objects.get().status == EmailStatus.FAILED  # lost
    smtp_server.up()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(user=newcomer, actor=staff_user)
    [link] = links(smtp_server)
    assert link.startswith("/fr/") and old_token not in link
    assert client.get(f"/fr/account/invitation/{old_token}/").status_code == 410  # revoked
    assert client.get(link).status_code == 200
    response = client.post(link, {"new_password1": "a-good-new-pass-77", "new_password2": "a-good-new-pass-77"})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password("a-good-new-pass-77")


def test_an_expired_invitation_can_be_replaced(staff_user, newcomer, django_capture_on_commit_callbacks):
    from django.utils import timezone

    invitation_send(user=newcomer, base_url="http://testserver")
    Invitation.objects.update(expires_at=timezone.now() - timezone.timedelta(days=1))
    token = invitation_resend(user=newcomer, actor=staff_user)
    assert Invitation.objects.filter(user=newcomer).count() == 2
    assert [i.usable for i in Invitation.objects.order_by("pk")] == [False, True]
    assert token


def test_only_the_management_unit_resends_invitations(esa_hub_staff, member_user, newcomer):
    with pytest.raises(PermissionDenied):
        invitation_resend(user=newcomer, actor=esa_hub_staff)
    with pytest.raises(PermissionDenied):
        invitation_resend(user=newcomer, actor=member_user)
    assert not Invitation.objects.exists()


def test_a_deactivated_account_is_not_invited_again(staff_user, newcomer):
    newcomer.is_active = False
    newcomer.save()
    with pytest.raises(ValidationError):
        invitation_resend(user=newcomer, actor=staff_user)
    assert not Invitation.objects.exists()


def test_staff_resend_an_invitation_from_the_outbox(
    client, smtp_server, staff_user, newcomer, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    smtp_server.failures = 0
    invitation_send(user=newcomer, base_url="http://testserver")
    client.force_login(staff_user)
    url = f"/admin/outbox/invite/{newcomer.pk}/"
    outbox = client.get("/admin/outbox/").content.decode()
    assert url in outbox and "newcomer@example.org" in outbox  # among the invitations not yet accepted
    confirm = client.get(url)
    assert confirm.status_code == 200 and "newcomer@example.org" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert len(links(smtp_server)) == 1
    invitations = Invitation.objects.filter(user=newcomer).order_by("pk")
    assert [invitation.usable for invitation in invitations] == [False, True]


def test_the_people_admin_offers_a_new_invitation(client, newcomer):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser(email="root@example.org", name="Root", password="pw")
    client.force_login(root)
    assert f"/admin/outbox/invite/{newcomer.pk}/" in client.get("/admin/users/").content.decode()


def test_hub_staff_cannot_resend_an_invitation_from_the_admin(client, esa_hub_staff, newcomer):
    client.force_login(esa_hub_staff)
    assert client.post(f"/admin/outbox/invite/{newcomer.pk}/").status_code in (302, 403)
    assert not Invitation.objects.exists()
