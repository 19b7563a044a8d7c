"""The whole membership journey in a real browser, in English and Arabic: apply with a wrong
field and fix it, staff approve in the admin, the focal point sets a password from the
e-mailed link and edits the profile. Screenshots go to artifacts/screenshots/journey-*.png."""

import io
import re

import pytest
from django.core import mail
from pypdf import PdfWriter

pytestmark = pytest.mark.browser


def letter_file(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "letter.pdf"
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


NAMES = {"en": "Demo Journey Town", "ar": "بلدة الرحلة التجريبية"}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_apply_approve_invite_and_edit(site, browser, tmp_path, screenshot_dir, page_errors, lang):
    from django.contrib.auth import get_user_model

    from accounts.models import Role
    from accounts.services import role_grant
    from cities.models import City

    mail.outbox.clear()
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = page_errors(context.new_page())

    # 1. Apply, with a wrong e-mail address first.
    page.goto(f"{site.url}/{lang}/join/")
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    page.check("input[name=body_kind][value=local]")
    page.fill("#id_authority_name", NAMES[lang])
    page.select_option("#id_authority_type", "municipality")
    page.select_option("#id_country", "JO")
    page.fill("#id_population", "85000")
    page.fill("#id_head_name", "Demo Head")
    page.fill("#id_head_title", "Mayor (demo)")
    page.fill("#id_focal_name", "Demo Focal Point")
    page.fill("#id_focal_role", "Prevention coordinator")
    page.fill("#id_focal_email", "not-an-address")
    page.fill("#id_focal_phone", "+962 6 500 1234")
    page.fill("#id_hopes", "Learn from peers (demo).")
    page.check("#id_consent")
    page.set_input_files("#id_letter", str(letter_file(tmp_path)))
    page.click("form.stack-form button[type=submit]")
    error_field = page.locator(".field--error").filter(has=page.locator("#id_focal_email"))
    assert error_field.count() == 1
    assert page.input_value("#id_authority_name") == NAMES[lang]
    assert page.locator("#id_pending_letter").input_value()  # the letter is kept
    page.screenshot(path=str(screenshot_dir / f"journey-{lang}-1-error.png"), full_page=True)
    page.fill("#id_focal_email", f"focal-{lang}@example.org")
    page.click("form.stack-form button[type=submit]")
    page.wait_for_url(f"**/{lang}/join/thanks/")
    page.screenshot(path=str(screenshot_dir / f"journey-{lang}-2-thanks.png"))

    # 2. The Management Unit approves in the admin.
    staff = get_user_model().objects.create_user(email=f"mu-{lang}@example.org", name="MU", password="mu-pass-12345")
    role_grant(user=staff, role=Role.MANAGEMENT_UNIT)
    admin = page_errors(context.new_page())
    admin.goto(f"{site.url}/admin/login/")
    admin.fill("input[name=username]", staff.email)
    admin.fill("input[name=password]", "mu-pass-12345")
    admin.click("button[type=submit]")
    admin.goto(f"{site.url}/admin/applications/")
    admin.click(f"text={NAMES[lang]}")
    admin.click("button[value=start-review]")
    admin.click("button[value=approve]")
    city = City.objects.get(name=NAMES[lang])
    assert city.stage == "joining"
    admin.screenshot(path=str(screenshot_dir / f"journey-{lang}-3-approved.png"), full_page=True)
    admin.close()

    # 3. The focal point chooses a password from the e-mailed link.
    invitation = next(message for message in mail.outbox if "/account/invitation/" in message.body)
    link = re.search(r"(/\w\w/account/invitation/\S+/)", invitation.body).group(1)
    assert link.startswith(f"/{lang}/")
    focal_context = browser.new_context(viewport={"width": 1200, "height": 900})
    focal = page_errors(focal_context.new_page())
    focal.goto(site.url + link)
    focal.fill("#id_new_password1", "focal-pass-2026!")
    focal.fill("#id_new_password2", "focal-pass-2026!")
    focal.click("form.stack-form button[type=submit]")

    # 4. ... and edits the profile.
    focal.goto(f"{site.url}/{lang}/my-city/")
    focal.wait_for_url(f"**/{lang}/my-city/{city.slug}/")
    focal.fill("#id_description_en", "Demo description written by the focal point.")
    focal.select_option("#id_challenges-0-challenge", label=None, index=1)
    focal.click("form.stack-form button[type=submit]")
    focal.wait_for_url(f"**/{lang}/my-city/{city.slug}/")
    focal.screenshot(path=str(screenshot_dir / f"journey-{lang}-4-profile.png"), full_page=True)
    city.refresh_from_db()
    assert city.description_en == "Demo description written by the focal point."
    assert city.revisions.count() == 1
    # A form with errors answers 400 on purpose; the browser logs that status. Nothing else may fail.
    unexpected = [error for error in page_errors.errors if "status of 400" not in error]
    assert unexpected == []
    focal_context.close()
    context.close()
