"""Events in a real browser, in English and Arabic: the list, an event's page, registering, the
waiting list and cancelling with the e-mail's link (the place goes to the person waiting); axe-core
on every page; screenshots in artifacts/screenshots/events/ (desktop and 390-px phone)."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import PHONE, SCREENSHOTS, inject_axe

pytestmark = pytest.mark.browser

SHOTS = SCREENSHOTS / "events"
SUMMIT = "next-global-summit-demo"


@pytest.fixture(scope="module")
def demo_extras():
    from events.demo import load_events_demo

    return (load_events_demo,)


def assert_accessible(page, axe_path, where: str) -> None:
    inject_axe(page, axe_path)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{where}: {serious}"


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(size)


def register(page, name: str, email: str):
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    with page.expect_navigation():
        page.locator("form.stack-form button[type=submit]").click()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_register_wait_and_cancel(site, context, page_errors, axe_path, lang):
    from events.models import EventPage, Registration

    EventPage.objects.filter(slug=SUMMIT).update(capacity=1)  # one place: the second person waits
    page = page_errors(context.new_page())
    page.goto(f"{site.url}/{lang}/events/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.locator(".event-card").count() == 10
    assert_accessible(page, axe_path, "events list")
    shoot(page, f"list-{lang}")

    page.locator(f".event-card a[href$='/{SUMMIT}/']").click()
    page.wait_for_load_state()
    assert_accessible(page, axe_path, "event page")
    shoot(page, f"event-{lang}")
    with page.expect_navigation():
        page.locator(".event__register a.button").click()
    assert_accessible(page, axe_path, "registration form")
    register(page, "Amina Demo", "amina@example.org")
    heading = page.locator("h1").inner_text()
    assert heading == "You are registered" if lang == "en" else re.search("[\u0600-\u06ff]", heading)
    assert_accessible(page, axe_path, "registered")
    shoot(page, f"registered-{lang}")

    page.go_back()
    page.reload()
    register(page, "Bruno Demo", "bruno@example.org")
    assert Registration.objects.get(email="bruno@example.org").status == "waiting"
    assert_accessible(page, axe_path, "waiting list")
    shoot(page, f"waiting-{lang}")

    to_amina = next(message for message in mail.outbox if message.to == ["amina@example.org"])
    link = re.search(r"/[a-z]{2}/event-registration/cancel/\S+/", to_amina.body).group(0)
    page.goto(site.url + link)
    assert_accessible(page, axe_path, "cancel question")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert Registration.objects.get(email="amina@example.org").status == "cancelled"
    assert Registration.objects.get(email="bruno@example.org").status == "registered"
    assert any(message.to == ["bruno@example.org"] for message in mail.outbox[-2:])
    assert_accessible(page, axe_path, "cancelled")
    shoot(page, f"cancelled-{lang}")
    assert page_errors.errors == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_report_with_actions_and_the_owner_reporting_progress(site, context, page_errors, axe_path, lang):
    """The demo summit's report (cities, recommendations, next steps); the focal point of a city that
    owns a next step signs in, finds it on their city's page and moves it on with a note (a mistake
    first); the report then shows the new status."""
    from django.contrib.auth import get_user_model

    from accounts.models import Role
    from accounts.services import role_grant
    from events.models import Action, EventPage

    summit = EventPage.objects.filter(locale__language_code=lang, report_summary__gt="", is_demo=True).first()
    action = Action.objects.filter(owner_city__isnull=False, status="planned").select_related("owner_city").first()
    city = action.owner_city
    focal = get_user_model().objects.create_user(
        email=f"focal-{lang}@example.org", name="Demo Focal", password="report-pass-2026!", preferred_language=lang
    )
    role_grant(user=focal, role=Role.FOCAL_POINT, city=city)

    page = page_errors(context.new_page())
    page.goto(f"{site.url}{summit.url}report/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.locator(".event-report__represented li").count() >= 9
    assert page.locator(".action-table tbody tr").count() == 12
    assert page.locator(".event-report__recommendations").count() == 4
    assert_accessible(page, axe_path, "report")
    shoot(page, f"report-{lang}")

    page.goto(f"{site.url}/{lang}/my-city/{city.slug}/actions/{action.pk}/")
    page.wait_for_url(re.compile(rf"/{lang}/account/sign-in/"))
    page.fill("#id_username", focal.email)
    page.fill("#id_password", "report-pass-2026!")
    with page.expect_navigation():
        page.locator("form.stack-form button[type=submit]").click()
    assert f"/actions/{action.pk}/" in page.url
    assert_accessible(page, axe_path, "action")
    with page.expect_navigation():
        page.locator("form.stack-form button[type=submit]").click()  # same status, no note: refused
    assert page.locator(".field--error #id_note").count() == 1
    assert_accessible(page, axe_path, "action with an error")
    page.select_option("#id_status", "under_way")
    page.fill(
        "#id_note",
        "Training dates agreed with the youth services." if lang == "en" else "تم الاتفاق على مواعيد التدريب.",
    )
    with page.expect_navigation():
        page.locator("form.stack-form button[type=submit]").click()
    assert Action.objects.get(pk=action.pk).status == "under_way"
    assert page.locator(".action-history li").count() >= 2
    shoot(page, f"action-{lang}")

    page.goto(f"{site.url}/{lang}/my-city/{city.slug}/")
    assert page.locator(f"a[href$='/actions/{action.pk}/']").count() == 1
    page.goto(f"{site.url}{summit.url}report/")
    assert page.locator(".action-table .status--under_way").count() >= 1
    assert [error for error in page_errors.errors if "status of 400" not in error] == []  # the mistake's answer


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_endorsing_a_declaration_and_reporting_progress(site, context, page_errors, axe_path, lang):
    """The focal point of a member city that has not endorsed the demo declaration endorses it, then
    reports progress on two of its commitments; the page counts the city and shows the new figures."""
    from django.contrib.auth import get_user_model

    from accounts.models import Role
    from accounts.services import role_grant
    from cities.models import City
    from events.models import CommitmentProgress, DeclarationPage, Endorsement

    declaration = DeclarationPage.objects.get(locale__language_code=lang, is_demo=True)
    city = City.objects.public().exclude(endorsements__isnull=False).filter(stage="member").order_by("pk").first()
    focal = get_user_model().objects.create_user(
        email=f"mayor-office-{lang}@example.org", name="Demo Focal", password="declare-pass-2026!",
        preferred_language=lang,
    )  # fmt: skip
    role_grant(user=focal, role=Role.FOCAL_POINT, city=city)
    before = Endorsement.objects.count()

    page = page_errors(context.new_page())
    page.goto(f"{site.url}{declaration.url}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.locator(".progress-chart li").count() == 5
    assert_accessible(page, axe_path, "declaration")
    shoot(page, f"declaration-{lang}")

    with page.expect_navigation():
        page.locator(".declaration__count a.button").click()
    page.fill("#id_username", focal.email)
    page.fill("#id_password", "declare-pass-2026!")
    with page.expect_navigation():
        page.locator("form.stack-form button[type=submit]").click()
    assert "/endorse/" in page.url
    assert_accessible(page, axe_path, "endorse")
    page.fill("#id_statement", "Our city commits to these steps." if lang == "en" else "تلتزم مدينتنا بهذه الخطوات.")
    with page.expect_navigation():
        page.locator("form.stack-form button[type=submit]").click()
    assert Endorsement.objects.count() == before + 1 and Endorsement.objects.filter(city=city, on_behalf=False).exists()
    assert_accessible(page, axe_path, "endorsed")
    with page.expect_navigation():
        page.locator("main a.button").click()
    assert f"/my-city/{city.slug}/declarations/" in page.url
    statuses = page.locator("select[id^=id_status_]")
    statuses.nth(0).select_option("achieved")
    statuses.nth(2).select_option("in_progress")
    page.locator("textarea[id^=id_note_]").nth(2).fill("Two sessions held." if lang == "en" else "عُقدت جلستان.")
    assert_accessible(page, axe_path, "progress form")
    with page.expect_navigation():
        page.locator("form.stack-form button[type=submit]").click()
    assert CommitmentProgress.objects.filter(endorsement__city=city).count() == 2
    shoot(page, f"progress-{lang}")

    page.goto(f"{site.url}{declaration.url}")
    shown = Endorsement.objects.filter(city__in=City.objects.public()).count()
    assert page.locator(".endorsers li").count() == shown
    assert page.locator(f".endorsers a[href$='/{city.slug}/']").count() == 1
    assert page_errors.errors == []
