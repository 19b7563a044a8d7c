"""A peer exchange in a real browser, in English and Arabic: the focal point of one member city
asks another for an exchange (with a mistake first), the other accepts from the e-mailed link
and writes, the first marks it under way, the second completes it with a learning note.
Every page is checked for its language and direction and with axe-core.
Screenshots go to artifacts/screenshots/exchange-{en,ar}-*.png."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import inject_axe

pytestmark = pytest.mark.browser

PASSWORD = "exchange-pass-2026!"
AXE_RUN = "async () => await axe.run(document, {resultTypes: ['violations']})"


def serious_violations(page, axe_path) -> list[str]:
    inject_axe(page, axe_path)
    result = page.evaluate(AXE_RUN)
    return [
        f"{page.url} [{v['impact']}] {v['id']}: {v['help']} — "
        + "; ".join(" > ".join(map(str, node["target"])) for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check_page(page, lang, axe_path, problems, screenshot_path=None):
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    problems.extend(serious_violations(page, axe_path))
    if screenshot_path is not None:
        page.evaluate("document.fonts.ready.then(() => true)")
        page.screenshot(path=str(screenshot_path), full_page=True)


def sign_in(page, site, lang, user, next_path):
    """Open `next_path`; the sign-in page comes first and leads back to it."""
    page.goto(f"{site.url}{next_path}")
    page.wait_for_url(re.compile(rf"/{lang}/account/sign-in/"))
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("form.stack-form button[type=submit]")
    page.wait_for_url(re.compile(re.escape(next_path.split("?")[0])))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_request_accept_start_and_complete_an_exchange(site, browser, axe_path, screenshot_dir, page_errors, lang):
    from django.contrib.auth import get_user_model

    from accounts.models import Role
    from accounts.services import role_grant
    from cities.models import City
    from exchanges.models import ExchangeRequest, State

    mail.outbox.clear()
    city_a, city_b = City.objects.public().exclude(country=site.member.country).order_by("pk")[:1].get(), site.member
    people = get_user_model().objects
    focal_a = people.create_user(
        email=f"focal-a-{lang}@example.org", name="Demo Focal A", password=PASSWORD, preferred_language=lang
    )
    focal_b = people.create_user(
        email=f"focal-b-{lang}@example.org", name="Demo Focal B", password=PASSWORD, preferred_language=lang
    )
    role_grant(user=focal_a, role=Role.FOCAL_POINT, city=city_a)
    role_grant(user=focal_b, role=Role.FOCAL_POINT, city=city_b)
    problems: list[str] = []
    shot = lambda name: screenshot_dir / f"exchange-{lang}-{name}.png"  # noqa: E731

    # 1. The focal point of A opens B's request form, prefilled from B's profile or a suggestion.
    context_a = browser.new_context(viewport={"width": 1200, "height": 900})
    page_a = page_errors(context_a.new_page())
    sign_in(page_a, site, lang, focal_a, f"/{lang}/exchanges/new/?to={city_b.slug}&area=youth-engagement")
    assert page_a.locator("#id_partner").input_value() == city_b.slug
    assert page_a.locator("input[name=areas][value=youth-engagement]").is_checked()
    page_a.check("input[name=areas][value=schools-education]")
    # Sent without a message first: the error is next to the field, the choices are kept.
    page_a.click("form.stack-form button.button[type=submit]:not([name])")
    message_field = page_a.locator(".field--error").filter(has=page_a.locator("#id_message"))
    assert message_field.count() == 1
    assert page_a.locator("input[name=areas][value=schools-education]").is_checked()
    check_page(page_a, lang, axe_path, problems, shot("1-form-error"))
    page_a.fill("#id_message", "We would like to learn how your youth council works (demo).")
    page_a.click("form.stack-form button.button[type=submit]:not([name])")
    page_a.wait_for_url(re.compile(rf"/{lang}/exchanges/\d+/$"))
    exchange = ExchangeRequest.objects.get(requester=city_a, partner=city_b)
    assert exchange.state == State.REQUESTED
    assert {area.code for area in exchange.areas.all()} == {"youth-engagement", "schools-education"}
    check_page(page_a, lang, axe_path, problems, shot("2-requested"))

    # 2. The focal point of B follows the e-mailed link (in their language), accepts and writes.
    notice = next(message for message in mail.outbox if focal_b.email in message.to)
    link = re.search(r"https?://[^/\s]+(/\w\w/exchanges/\d+/)", notice.body).group(1)
    assert link == f"/{lang}/exchanges/{exchange.pk}/"
    context_b = browser.new_context(viewport={"width": 1200, "height": 900})
    page_b = page_errors(context_b.new_page())
    sign_in(page_b, site, lang, focal_b, link)
    check_page(page_b, lang, axe_path, problems)
    page_b.click("button[name=action][value=accept]")
    page_b.wait_for_url(re.compile(rf"/{lang}/exchanges/{exchange.pk}/$"))
    page_b.fill("#id_body", "Welcome! Could we talk on Monday at 10:00? (demo)")
    page_b.click("#thread form button[type=submit]")
    page_b.wait_for_url(re.compile(rf"/{lang}/exchanges/{exchange.pk}/#thread$"))
    assert page_b.locator(".exchange-thread__list li").count() == 1
    check_page(page_b, lang, axe_path, problems, shot("3-accepted"))

    # 3. A marks it under way.
    page_a.goto(f"{site.url}/{lang}/exchanges/{exchange.pk}/")
    assert "Monday at 10:00" in page_a.locator("#thread").inner_text()
    page_a.click("button[name=action][value=start]")
    page_a.wait_for_url(re.compile(rf"/{lang}/exchanges/{exchange.pk}/$"))
    exchange.refresh_from_db()
    assert exchange.state == State.UNDER_WAY

    # 4. B completes it: without a learning note first (refused, said next to the field), then with one.
    page_b.goto(f"{site.url}/{lang}/exchanges/{exchange.pk}/")
    page_b.click("button[name=action][value=complete]")
    note_field = page_b.locator(".field--error").filter(has=page_b.locator("#complete-learning-note"))
    assert note_field.count() == 1
    check_page(page_b, lang, axe_path, problems, shot("4-note-missing"))
    page_b.fill("#complete-learning-note", "A youth council works when it has its own small budget (demo).")
    page_b.click("button[name=action][value=complete]")
    page_b.wait_for_url(re.compile(rf"/{lang}/exchanges/{exchange.pk}/$"))
    exchange.refresh_from_db()
    assert exchange.state == State.COMPLETED and "own small budget" in exchange.learning_note
    assert page_b.locator(".exchange-history__list li").count() == 4
    check_page(page_b, lang, axe_path, problems, shot("5-completed"))

    # 5. Both see it in their list.
    page_a.goto(f"{site.url}/{lang}/exchanges/")
    assert page_a.locator(f"a[href='/{lang}/exchanges/{exchange.pk}/']").count() == 1
    check_page(page_a, lang, axe_path, problems, shot("6-list"))

    assert problems == [], "\n".join(problems)
    # Forms with errors answer 400 on purpose; the browser logs that status. Nothing else may fail.
    unexpected = [error for error in page_errors.errors if "status of 400" not in error]
    assert unexpected == []
    context_a.close()
    context_b.close()
