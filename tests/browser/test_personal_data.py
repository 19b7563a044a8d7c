"""A person asks to be erased, in a browser, with the admin in English on a desktop and in Arabic on a phone:
the Management Unit finds them by address, reads what is held, erases it with the request's wording, and the
request is listed; axe-core finds nothing serious on either page."""

import pytest

from tests.browser.conftest import inject_axe
from tests.browser.test_machine_translation import AXE_MAIN, admin_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def serious(page) -> list:
    violations = page.evaluate(AXE_MAIN)["violations"]
    return [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390)])
def test_the_management_unit_erases_a_person_on_request(
    site, browser, screenshot_dir, page_errors, axe_path, lang, width
):
    from django.contrib.auth import get_user_model

    from accounts.models import Role
    from accounts.services import role_grant
    from cities.models import City
    from operations.models import PersonalDataRequest

    people = get_user_model().objects
    staff = people.create_user(email="mu@example.org", name="Management", password="mu-pass-12345")
    role_grant(user=staff, role=Role.MANAGEMENT_UNIT)
    staff.wagtail_userprofile.preferred_language = lang
    staff.wagtail_userprofile.save()
    person = people.create_user(email="leaving@example.org", name="Leila Example", password="x")
    role_grant(user=person, role=Role.FOCAL_POINT, city=City.objects.first())

    context = browser.new_context(viewport={"width": width, "height": 900})
    admin = page_errors(context.new_page())
    admin_sign_in(admin, site, staff)
    admin.goto(f"{site.url}/admin/people/personal-data/")
    admin.fill("input[name=email]", "LEAVING@example.org")
    admin.click("main button[type=submit]")
    admin.wait_for_url(f"**/admin/people/{person.pk}/personal-data/")
    assert admin.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert "accounts.roleassignment" in admin.content()
    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin.screenshot(path=str(screenshot_dir / f"personal-data-{lang}-{width}-1-person.png"), full_page=True)

    admin.fill("textarea[name=note]", "By e-mail on 2 December.")
    admin.fill("input[name=confirm]", "someone-else@example.org")
    admin.click("button.no")
    admin.wait_for_url("**/personal-data/erase/")
    admin.wait_for_selector("#id_confirm_errors")  # next to the field; the note is kept
    assert admin.input_value("textarea[name=note]") == "By e-mail on 2 December."
    admin.fill("input[name=confirm]", "leaving@example.org")
    admin.click("button.no")
    admin.wait_for_url("**/admin/people/personal-data/")
    assert "By e-mail on 2 December." in admin.content()
    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin.screenshot(path=str(screenshot_dir / f"personal-data-{lang}-{width}-2-done.png"), full_page=True)

    person.refresh_from_db()
    assert person.erased_at is not None and person.name == "" and not person.roles.exists()
    assert PersonalDataRequest.objects.get().action == "erase"
    # The one refusal answers 400, which Chromium logs; nothing else went wrong.
    assert [error for error in page_errors.errors if "400 (Bad Request)" not in error] == []
    context.close()
