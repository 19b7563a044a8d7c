"""Suggestions in a real browser, in English and Arabic: a focal point opens their city's page,
reads cities like theirs and who can help with each need (with reasons), and asks one of them
for an exchange from the suggestion. Screenshots: artifacts/screenshots/suggestions-{en,ar}.png."""

import pytest

from tests.browser.test_exchanges import PASSWORD, check_page, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_focal_point_reads_suggestions_and_asks_for_an_exchange(
    site, browser, axe_path, screenshot_dir, page_errors, lang
):
    from django.contrib.auth import get_user_model

    from accounts.models import Role
    from accounts.services import role_grant
    from cities.models import City
    from matching.services import suggestions_recompute

    city = City.objects.public().filter(needs__isnull=False, challenges__isnull=False).distinct().order_by("pk").first()
    focal = get_user_model().objects.create_user(
        email=f"suggestions-{lang}@example.org", name="Demo Focal", password=PASSWORD, preferred_language=lang
    )
    role_grant(user=focal, role=Role.FOCAL_POINT, city=city)
    suggestions_recompute()
    problems: list[str] = []

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = page_errors(context.new_page())
    sign_in(page, site, lang, focal, f"/{lang}/my-city/{city.slug}/")
    panel = page.locator(".suggestions-panel")
    assert panel.locator(".suggestion").count() >= 3
    assert panel.locator(".suggestion__reasons li").count() >= 3  # every suggestion says why
    page.locator(".suggestions-panel details").nth(1).locator("summary").click()  # "Find help with …"
    check_page(page, lang, axe_path, problems, screenshot_dir / f"suggestions-{lang}.png")

    ask = panel.locator(".suggestion a[href*='/exchanges/new/']").first
    partner = ask.get_attribute("href").split("to=")[1].split("&")[0]
    ask.click()
    page.wait_for_url(f"**/{lang}/exchanges/new/**")
    assert page.locator("#id_partner").input_value() == partner
    check_page(page, lang, axe_path, problems)
    assert problems == []
    context.close()
