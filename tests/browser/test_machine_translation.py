"""Machine translation through the task queue, in the admin, in English and Arabic: the Management Unit
opens "Machine-translate this page", keeps the default languages, chooses "publish at once", and sees the
three jobs done; a reader then sees the Arabic page with the machine-translation notice.

The engine is the LibreTranslate stand-in (its own process on 127.0.0.1); the test settings' immediate
task backend runs each job when the request's transaction commits."""

import subprocess
import sys

import pytest

from tests.browser.conftest import REPO_ROOT, inject_axe

# serialized_rollback: with a django_db mark, pytest-django reads it from the mark, not from the
# `site` fixture, and would not keep what the migrations loaded for the rollback.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STANDIN = REPO_ROOT / "translations" / "tests" / "standins" / "standin.py"
AXE_MAIN = "async () => await axe.run('main', {resultTypes: ['violations']})"


@pytest.fixture(scope="module")
def standin_url():
    process = subprocess.Popen(
        [sys.executable, str(STANDIN), "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        yield f"http://127.0.0.1:{int(process.stdout.readline().split()[1])}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def staff_and_page(settings, standin_url: str, lang: str):
    """The LibreTranslate stand-in as the engine, a Management Unit member whose admin is in `lang`,
    and an English page to translate."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from accounts.models import Role
    from accounts.services import role_grant
    from translations.tests.pages import make_page

    settings.TRANSLATION_ENGINE = ["libretranslate"]
    settings.TRANSLATION_ENGINES = {"libretranslate": {"LIBRETRANSLATE_URL": standin_url, "API_KEY": "", "TIMEOUT": 5}}
    staff = get_user_model().objects.create_user(email="mu@example.org", name="Management", password="mu-pass-12345")
    role_grant(user=staff, role=Role.MANAGEMENT_UNIT)
    staff.wagtail_userprofile.preferred_language = lang
    staff.wagtail_userprofile.save()
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = make_page(home, "Cities learn together", ["The committee met in the city.", "Our members and the network."])
    return staff, page


def admin_sign_in(admin, site, user) -> None:
    admin.goto(f"{site.url}/admin/login/")
    admin.fill("input[name=username]", user.email)
    admin.fill("input[name=password]", "mu-pass-12345")
    admin.click("button[type=submit]")
    admin.wait_for_url("**/admin/")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("width", [1280, 390])
def test_translate_a_page_and_read_it(
    site, browser, settings, standin_url, screenshot_dir, page_errors, axe_path, lang, width
):
    from wagtail.models import Locale

    from translations.models import TranslationJob

    staff, page = staff_and_page(settings, standin_url, lang)
    context = browser.new_context(viewport={"width": width, "height": 900})
    admin = page_errors(context.new_page())
    admin_sign_in(admin, site, staff)
    admin.goto(f"{site.url}/admin/pages/{page.pk}/edit/")
    admin.click("#w-slim-header-buttons .w-dropdown__toggle")  # the page's "Actions" menu
    button = admin.locator(f"a[href='/admin/translation-jobs/page/{page.pk}/']")
    button.first.wait_for()
    admin.screenshot(path=str(screenshot_dir / f"machine-translate-{lang}-{width}-0-actions.png"))
    button.first.click()
    admin.wait_for_url(f"**/admin/translation-jobs/page/{page.pk}/")
    assert admin.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    checked = admin.locator("input[name=languages]:checked")
    assert sorted(checked.nth(i).get_attribute("value") for i in range(checked.count())) == ["ar", "es", "fr"]
    admin.check("input[name=outcome][value=publish]")
    admin.screenshot(path=str(screenshot_dir / f"machine-translate-{lang}-{width}-1-form.png"), full_page=True)
    admin.click("main button[type=submit]")
    admin.wait_for_selector("tr[data-job]")
    assert admin.locator("tr[data-job]").count() == 3
    states = set(TranslationJob.objects.values_list("state", flat=True))
    assert states == {"done"}
    inject_axe(admin, axe_path)
    violations = admin.evaluate(AXE_MAIN)["violations"]
    admin.screenshot(path=str(screenshot_dir / f"machine-translate-{lang}-{width}-2-jobs.png"), full_page=True)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], [(n["html"], n["failureSummary"]) for n in v["nodes"]]) for v in serious]

    reader = page_errors(context.new_page())
    context.clear_cookies()
    arabic = page.get_translation(Locale.objects.get(language_code="ar"))
    reader.goto(site.url + arabic.url)
    assert reader.locator("aside.translation-notice").count() == 1
    assert "اجتمعت" in reader.content()
    reader.screenshot(path=str(screenshot_dir / f"machine-translate-{lang}-{width}-3-reader-ar.png"), full_page=True)
    assert not page_errors.errors
    context.close()
