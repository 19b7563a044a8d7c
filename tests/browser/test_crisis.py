"""Crisis mode in a browser, with the admin in English on a desktop and in Arabic on a phone: staff record
an incident (a missing challenge gets a message, nothing typed is lost), read the assembled page, add to
the timeline, draft the solidarity statement in four languages and, once it is published, send it for
co-signing; axe-core finds nothing serious on the pages."""

import datetime

import pytest

from tests.browser.conftest import inject_axe
from tests.browser.test_machine_translation import admin_sign_in
from tests.browser.test_personal_data import serious

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(scope="module")
def demo_extras():
    from events.demo import ensure_index

    return (ensure_index,)


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390)])
def test_an_incident_from_creation_to_a_statement_sent_for_cosigning(
    site, browser, screenshot_dir, page_errors, axe_path, lang, width
):
    from django.contrib.auth import get_user_model

    from accounts.models import Role
    from accounts.services import role_grant
    from cities.models import Challenge
    from crisis.models import Incident
    from events.models import CoSignInvitation, StatementPage

    staff = get_user_model().objects.create_user(email="mu@example.org", name="Management", password="mu-pass-12345")
    role_grant(user=staff, role=Role.MANAGEMENT_UNIT)
    staff.wagtail_userprofile.preferred_language = lang
    staff.wagtail_userprofile.save()
    focal = get_user_model().objects.create_user(email="focal@example.org", name="Focal", password="x")
    role_grant(user=focal, role=Role.FOCAL_POINT, city=site.member)
    challenge = Challenge.objects.get(code="attacks-public-spaces")
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()

    context = browser.new_context(viewport={"width": width, "height": 900})
    admin = page_errors(context.new_page())
    admin_sign_in(admin, site, staff)
    admin.goto(f"{site.url}/admin/incidents/new/")
    assert admin.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    admin.fill("input[name=date]", yesterday)
    admin.select_option("select[name=kind]", "attack_public_space")
    admin.fill("input[name=city]", site.member.slug)
    admin.fill("textarea[name=summary]", "An explosion at the central market (test).")
    admin.click("main button[type=submit]")
    admin.wait_for_selector("#id_challenges_errors")  # no challenge: a message next to the field
    assert admin.input_value("textarea[name=summary]") == "An explosion at the central market (test)."
    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin.screenshot(path=str(screenshot_dir / f"crisis-{lang}-{width}-1-form.png"), full_page=True)
    admin.check(f"input[name=challenges][value='{challenge.pk}']")
    admin.click("main button[type=submit]")
    admin.wait_for_selector("#peers-heading")
    incident = Incident.objects.get()
    assert incident.city == site.member
    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin.screenshot(path=str(screenshot_dir / f"crisis-{lang}-{width}-2-incident.png"), full_page=True)

    admin.fill("textarea[name=step-what]", "Called the focal point.")
    admin.click("form:has(input[value=step]) button[type=submit]")
    admin.wait_for_selector("text=Called the focal point.")
    admin.click("form:has(input[value=statement]) button[type=submit]")
    admin.wait_for_selector("a[href*='/admin/pages/']")
    incident.refresh_from_db()
    family = StatementPage.objects.filter(translation_key=incident.statement.translation_key)
    assert family.count() == 4
    for page in family:  # what the editor's "Publish" does after the review
        page.get_latest_revision().publish()
    admin.reload()
    admin.click("button[name=action][value=send]")
    admin.wait_for_selector(".messages .success")
    assert CoSignInvitation.objects.filter(statement_key=incident.statement.translation_key, user=focal).exists()
    assert admin.locator("#timeline-heading + ol li").count() == 4  # recorded, called, drafted, sent
    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin.screenshot(path=str(screenshot_dir / f"crisis-{lang}-{width}-3-sent.png"), full_page=True)
    admin.locator("#statement-heading").scroll_into_view_if_needed()  # the admin scrolls inside its own frame
    admin.screenshot(path=str(screenshot_dir / f"crisis-{lang}-{width}-4-statement-and-timeline.png"))
    # The one refusal answers 400, which Chromium logs; nothing else went wrong.
    assert [error for error in page_errors.errors if "400 (Bad Request)" not in error] == []
    context.close()
