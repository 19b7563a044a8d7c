import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def code_for(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_set_up_a_code_before_the_admin_opens(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/account/two-factor/" in response["Location"]
    setup = client.get(response["Location"])
    assert (
        setup.status_code == 200 and 'class="qr" aria-hidden="true"><svg' in setup.content.decode()
    )  # the QR code, drawn here
    device = TOTPDevice.objects.get(user=staff_user)
    assert not device.confirmed
    wrong = client.post(response["Location"], {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows retries after a failure; a person waits a second
    ok = client.post(response["Location"], {"code": code_for(device)})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_next_time_only_the_code_is_asked(client, staff_user):
    device = TOTPDevice.objects.create(user=staff_user, name="default", confirmed=True)
    client.force_login(staff_user)
    page = client.get("/en/account/two-factor/?next=/admin/applications/")
    assert 'class="qr"' not in page.content.decode()  # no new secret (QR code) is shown
    response = client.post("/en/account/two-factor/?next=/admin/applications/", {"code": code_for(device)})
    assert response["Location"] == "/admin/applications/"


def test_an_outside_next_address_is_not_followed(client, staff_user):
    device = TOTPDevice.objects.create(user=staff_user, name="default", confirmed=True)
    client.force_login(staff_user)
    response = client.post("/en/account/two-factor/?next=https://evil.example/", {"code": code_for(device)})
    assert response["Location"] == "/admin/"


def test_members_without_an_admin_role_are_not_asked(client, member_user):
    client.force_login(member_user)
    assert "/account/two-factor/" not in client.get("/en/my-city/").get("Location", "")
    assert "/account/two-factor/" not in client.get("/admin/").get("Location", "")
