"""The whole correction loop in a browser, with the admin in English and in Arabic: a page is machine-translated
and published with the notice; a reader reports a wrong word; a reviewer finds the report in the queue, opens the
translation in wagtail-localize's editor, saves every segment and publishes; the reader's page has no notice any
more; the reviewer closes the report.

The engine is the LibreTranslate stand-in (its own process on 127.0.0.1); the test settings' immediate task
backend runs the jobs when the request's transaction commits."""

import pytest

from tests.browser.conftest import inject_axe
from tests.browser.test_machine_translation import (  # noqa: F401  (standin_url: a fixture)
    AXE_MAIN,
    admin_sign_in,
    staff_and_page,
    standin_url,
)

# serialized_rollback: with a django_db mark, pytest-django reads it from the mark, not from the
# `site` fixture, and would not keep what the migrations loaded for the rollback.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_report_review_publish_and_the_notice_goes(
    site,
    browser,
    settings,
    standin_url,  # noqa: F811  (the fixture imported above)
    screenshot_dir,
    page_errors,
    axe_path,
    lang,
):
    from wagtail.models import Locale

    from translations.jobs import translation_jobs_request
    from translations.models import TranslationReport, TranslationStatus

    staff, page = staff_and_page(settings, standin_url, lang)
    translation_jobs_request(user=staff, original=page, language_codes=["ar"], publish=True)
    arabic = page.get_translation(Locale.objects.get(language_code="ar"))

    def status():
        return TranslationStatus.objects.get(translation_key=page.translation_key, locale__language_code="ar").status

    assert status() == "machine"
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    # A reader sees the notice and reports a word.
    reader = page_errors(context.new_page())
    reader.goto(site.url + arabic.url)
    assert reader.locator("aside.translation-notice").count() == 1
    reader.click("a[data-translation-report-link]")
    reader.fill("textarea[name=quote]", "اجتمعت")
    reader.fill("textarea[name=suggestion]", "عقدت اللجنة اجتماعها")
    reader.click("main button[type=submit]")
    reader.wait_for_url("**/thanks/**")
    report = TranslationReport.objects.get()
    assert report.state == "open" and report.locale.language_code == "ar"

    # The reviewer finds it in the queue and opens the translation editor from there.
    admin = page_errors(context.new_page())
    admin_sign_in(admin, site, staff)
    admin.goto(f"{site.url}/admin/translation-reports/")
    assert "عقدت اللجنة اجتماعها" in admin.content()
    admin.click(f"a[href='/admin/pages/{arabic.pk}/edit/']")
    admin.wait_for_url(f"**/admin/pages/{arabic.pk}/edit/")
    assert admin.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")

    # Every segment saved by a person (Enter saves in the editor), then "Publish in Arabic".
    admin.wait_for_selector("main li button")
    texts = {
        "Cities learn together": "مدن تتعلم معًا",
        "committee": "اجتمعت اللجنة في المدينة.",
        "members": "أعضاؤنا والشبكة.",
    }
    for source, reviewed in texts.items():
        row = admin.locator("main li", has_text=source).last
        row.locator("button").first.click()
        field = row.locator("textarea")
        field.fill(reviewed)
        field.press("Enter")
        row.locator("textarea").wait_for(state="detached")
    # The other tabs (Promote: the slug, the search description) hold machine segments too: saved as they are.
    edit = admin.locator("main li", has_text="Cities learn together").last.locator("button").first.inner_text()
    tabs = admin.locator("main [role=tab]")
    for number in range(1, tabs.count()):
        tabs.nth(number).click()
        panel = admin.locator(f"#{tabs.nth(number).get_attribute('aria-controls')}")
        buttons = panel.get_by_role("button", name=edit, exact=True)
        for index in range(buttons.count()):
            buttons.nth(index).click()
            panel.locator("textarea").press("Enter")
            panel.locator("textarea").wait_for(state="detached")
    tabs.first.click()
    admin.screenshot(path=str(screenshot_dir / f"review-{lang}-editor.png"), full_page=True)
    with admin.expect_navigation():
        admin.click("footer button:has(em[data-w-progress-target=label])")
    assert status() == "reviewed"

    # The reader's page has no notice any more.
    reader.goto(site.url + arabic.url)
    assert reader.locator("aside.translation-notice").count() == 0
    assert "اجتمعت اللجنة في المدينة." in reader.content()

    # The reviewer closes the report.
    admin.goto(f"{site.url}/admin/translation-reports/")
    admin.locator("textarea").first.fill("Corrected in the editor.")
    with admin.expect_navigation():
        admin.locator("form button[type=submit]").last.click()
    report.refresh_from_db()
    assert report.state == "closed"
    inject_axe(admin, axe_path)
    serious = [v for v in admin.evaluate(AXE_MAIN)["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], [n["html"] for n in v["nodes"]]) for v in serious]
    admin.screenshot(path=str(screenshot_dir / f"review-{lang}-queue-closed.png"), full_page=True)
    assert not page_errors.errors
    context.close()
