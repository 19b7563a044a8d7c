"""The glossary check in a browser, admin in English and in Arabic, on a desktop and a phone: the edit
view of a page whose Arabic translation a person wrote with the old site's mistake announces it; the
button leads to the flagged segment, which links to the translation editor. Axe finds nothing serious."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, inject_axe
from tests.browser.test_machine_translation import AXE_MAIN, admin_sign_in, staff_and_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_edit_view_leads_to_the_flagged_segment(
    site, browser, settings, screenshot_dir, page_errors, axe_path, lang, viewport
):
    from wagtail.models import Site

    from translations.tests.pages import make_page, translate
    from translations.tests.test_glossary_check import ABOUT, OLD_SITE_MISTAKE, isc, set_segment

    staff, _page = staff_and_page(settings, "http://127.0.0.1:9", lang)
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = make_page(home, "Spring meeting", [ABOUT, "Our members shared their plans."])
    arabic = translate(page, "ar", kind="manual")
    set_segment(page, "ar", ABOUT, OLD_SITE_MISTAKE, "manual")

    context = browser.new_context(viewport=viewport)
    admin = page_errors(context.new_page())
    admin_sign_in(admin, site, staff)
    admin.goto(f"{site.url}/admin/pages/{page.pk}/edit/")
    button = admin.locator(f".messages a[href='/admin/translation-jobs/page/{page.pk}/glossary/']")
    assert button.count() == 1
    with admin.expect_navigation():
        button.click()
    assert admin.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    row = admin.locator("section:has(#glossary-ar) tbody tr")
    assert row.count() == 1
    assert OLD_SITE_MISTAKE in row.inner_text() and isc("ar") in row.inner_text()
    inject_axe(admin, axe_path)
    serious = [v for v in admin.evaluate(AXE_MAIN)["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], [n["html"] for n in v["nodes"]]) for v in serious]
    name = "desktop" if viewport == DESKTOP else "phone"
    admin.screenshot(path=str(screenshot_dir / f"glossary-check-{lang}-{name}.png"), full_page=True)
    with admin.expect_navigation():
        admin.click(f"a[href='/admin/pages/{arabic.pk}/edit/']")
    assert admin.url.endswith(f"/admin/pages/{arabic.pk}/edit/")
    assert not page_errors.errors
    context.close()
