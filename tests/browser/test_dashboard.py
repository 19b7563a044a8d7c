"""The admin home in a browser, for a hub coordinator and for the Management Unit, in English on a desktop
and in Arabic on a phone: the work waiting in their queues (hub staff: their hub only), the Management Unit's
comparison of hubs, each figure a link that opens the queue it counted; axe-core finds nothing serious."""

import pytest

from tests.browser.conftest import inject_axe
from tests.browser.test_machine_translation import AXE_MAIN, admin_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def serious(page) -> list:
    violations = page.evaluate(AXE_MAIN)["violations"]
    return [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations if v["impact"] in ("serious", "critical")]


def staff_member(email: str, lang: str, **role):
    from django.contrib.auth import get_user_model

    from accounts.services import role_grant

    person = get_user_model().objects.create_user(email=email, name="Coordinator", password="mu-pass-12345")
    role_grant(user=person, **role)
    person.wagtail_userprofile.preferred_language = lang
    person.wagtail_userprofile.save()
    return person


@pytest.fixture
def applications():
    """One application from the ESA hub's Kenya and one from the MENA hub's Morocco."""
    from memberships.tests.builders import application_send

    application_send(authority_name="Kisumu County (test)", country_code="KE", focal_email="ke@example.org")
    application_send(authority_name="Tangier (test)", country_code="MA", focal_email="ma@example.org")


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390)])
def test_a_hub_coordinator_sees_the_work_of_their_hub(
    site, browser, screenshot_dir, page_errors, axe_path, applications, lang, width
):
    from accounts.models import Role
    from cities.models import Hub

    coordinator = staff_member("esa@example.org", lang, role=Role.HUB_STAFF, hub=Hub.objects.get(code="esa"))
    context = browser.new_context(viewport={"width": width, "height": 900})
    admin = page_errors(context.new_page())
    admin_sign_in(admin, site, coordinator)
    assert admin.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    admin.locator("[data-work-queue=applications]").wait_for()  # the "Work waiting" panel's first queue
    assert admin.locator("[data-hub-comparison]").count() == 0  # the comparison is the Management Unit's
    applications_row = admin.locator("[data-work-queue=applications] tbody tr")
    assert applications_row.count() == 1
    assert applications_row.locator("td").nth(1).inner_text().strip() in ("1", "١")
    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin.screenshot(path=str(screenshot_dir / f"dashboard-hub-{lang}-{width}.png"), full_page=True)

    applications_row.locator("a").click()
    admin.wait_for_url("**/admin/applications/?state=submitted")
    assert "Kisumu County (test)" in admin.content() and "Tangier (test)" not in admin.content()
    assert page_errors.errors == []
    context.close()


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("ar", 390)])
def test_the_management_unit_compares_the_hubs(
    site, browser, screenshot_dir, page_errors, axe_path, applications, lang, width
):
    from accounts.models import Role
    from cities.models import Hub

    staff = staff_member("mu@example.org", lang, role=Role.MANAGEMENT_UNIT)
    context = browser.new_context(viewport={"width": width, "height": 900})
    admin = page_errors(context.new_page())
    admin_sign_in(admin, site, staff)
    comparison = admin.locator("[data-hub-comparison]")
    comparison.wait_for()
    hub_names = comparison.locator("tbody th").all_inner_texts()
    with_language = Hub.objects.get(code="mena")
    from django.utils import translation

    with translation.override(lang):
        mena = with_language.name
    assert mena in [name.strip() for name in hub_names]
    inject_axe(admin, axe_path)
    assert not serious(admin)
    admin.screenshot(path=str(screenshot_dir / f"dashboard-mu-{lang}-{width}.png"), full_page=True)

    comparison.locator("tbody tr", has_text=mena).locator("a[href*='/admin/applications/']").click()
    admin.wait_for_url("**/admin/applications/?hub=mena")
    assert "Tangier (test)" in admin.content() and "Kisumu County (test)" not in admin.content()
    assert page_errors.errors == []
    context.close()
