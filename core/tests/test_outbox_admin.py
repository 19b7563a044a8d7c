"""The Management Unit's outbox in the admin: failed e-mails visible and resendable, by them only."""

import pytest

from conftest import ROLES, as_role
from core.mail import email_queue
from core.models import EmailStatus, OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_email(smtp_server, django_capture_on_commit_callbacks):
    smtp_server.down()
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(
            "memberships/email/received",
            {"application": {"focal_name": "Amal", "authority_name": "Lost Town"}},
            to=["lost@example.org"],
        )
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    return email


def test_staff_see_the_failed_email_with_its_error(client, world, failed_email):
    as_role(client, world, "staff")
    response = client.get("/admin/outbox/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "lost@example.org" in page and "Lost Town" in page and "451" in page
    assert "Dear Amal" not in page  # the body is not shown in the listing


def test_the_listing_filters_by_status(client, world, failed_email, smtp_server, django_capture_on_commit_callbacks):
    smtp_server.up()
    with django_capture_on_commit_callbacks(execute=True):
        email_queue("memberships/email/received", {"application": {"authority_name": "Arrived"}}, to=["ok@example.org"])
    as_role(client, world, "staff")
    failed = client.get("/admin/outbox/").content.decode()  # failed ones first: the default
    assert "lost@example.org" in failed and "ok@example.org" not in failed
    sent = client.get("/admin/outbox/?status=sent").content.decode()
    assert "ok@example.org" in sent and "lost@example.org" not in sent
    assert client.get("/admin/outbox/?status=nonsense").status_code == 200


@pytest.mark.parametrize("role", [role for role in ROLES if role != "staff"])
def test_everyone_else_is_refused(client, world, failed_email, role, two_factor_required):
    as_role(client, world, role)
    response = client.get("/admin/outbox/")
    assert response.status_code in (302, 403)
    assert "lost@example.org" not in response.content.decode()
    response = client.post(f"/admin/outbox/{failed_email.pk}/resend/")
    assert response.status_code in (302, 403)
    failed_email.refresh_from_db()
    assert failed_email.status == EmailStatus.FAILED


def test_staff_resend_from_the_listing(client, world, failed_email, smtp_server, django_capture_on_commit_callbacks):
    smtp_server.up()
    as_role(client, world, "staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/outbox/{failed_email.pk}/resend/", follow=True)
    assert response.status_code == 200
    failed_email.refresh_from_db()
    assert failed_email.status == EmailStatus.SENT
    assert any("Lost Town" in message for message in smtp_server.delivered)


def test_the_outbox_is_in_the_menu_for_staff_only(client, world):
    as_role(client, world, "staff")
    assert "/admin/outbox/" in client.get("/admin/").content.decode()
    as_role(client, world, "hub staff of A's hub")
    assert "/admin/outbox/" not in client.get("/admin/").content.decode()


def test_nothing_is_recorded_for_a_rolled_back_transaction(django_capture_on_commit_callbacks):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        email_queue("memberships/email/received", {"application": {}}, to=["x@example.org"])
        raise RuntimeError
    assert not OutgoingEmail.objects.exists()
