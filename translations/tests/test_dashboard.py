"""The translation dashboard in the admin (issue 11 part 5): per language, how much of the site
is original, reviewed, machine-translated, out of date, not tracked or missing; the oldest
unreviewed; open reports; a work list. Management Unit and translators only."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page

from accounts.models import Role
from accounts.services import role_grant
from conftest import ROLES, as_role, make_person
from core.visibility import hold_back_until_verified
from translations import dashboard, selectors
from translations.models import TranslationStatus

from .pages import edit_original, make_page, translate

pytestmark = pytest.mark.django_db
URL = "/admin/translation-dashboard/"


@pytest.fixture
def translator(db):
    user = make_person("translator@example.org")
    role_grant(user=user, role=Role.TRANSLATOR)
    return user


@pytest.fixture
def no_reports(monkeypatch):
    """The dashboard as it is before TranslationReport's counts are wired (`dashboard.open_report_counts`)."""
    monkeypatch.setattr(dashboard, "open_report_counts", lambda: None)


@pytest.fixture
def site(homes):
    """Five translation groups: the homes (copied by hand into every language, no status), A
    (machine in Arabic, reviewed in French), B (English only), C (English and Arabic by hand),
    D (Arabic out of date)."""
    Page.objects.filter(depth=2).exclude(pk__in=[home.pk for home in homes.values()]).delete()  # Wagtail's welcome page
    a = make_page(homes["en"], "Alpha", ["Our work in cities."])
    translate(a, "ar", kind="machine")
    translate(a, "fr", kind="manual")
    b = make_page(homes["en"], "Bravo", ["Only in English."])
    c = make_page(homes["en"], "Charlie", ["Written twice."])
    c_ar = c.copy_for_translation(homes["ar"].locale)
    c_ar.title = "تشارلي"
    c_ar.save_revision().publish()
    d = make_page(homes["en"], "Delta", ["First text."])
    translate(d, "ar", kind="manual")
    edit_original(d, ["Second text."])
    return {"A": a, "B": b, "C": c, "D": d}


def cell(html: str, language: str, kind: str) -> str:
    row = re.search(rf'<tr data-language="{language}">(.*?)</tr>', html, re.S).group(1)
    return re.sub(r"[ \t\n]+", " ", re.search(rf'<td data-kind="{kind}">(.*?)</td>', row, re.S).group(1)).strip(" ")


def text_of(cell_html: str) -> str:
    return re.sub(r"<[^>]+>", "", cell_html)


def test_the_management_unit_sees_each_language_counted(client, staff_user, site, no_reports):
    client.force_login(staff_user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    # English: A, B (the only version, no status yet) and D are originals; the homes and C were written by hand.
    assert text_of(cell(html, "en", "original")) == "3 60%"
    assert text_of(cell(html, "en", "untracked")) == "2 40%"
    assert text_of(cell(html, "en", "missing")) == "0 0%"
    # Arabic: A by a machine, D out of date, the home and C by hand; B has no Arabic.
    assert text_of(cell(html, "ar", "machine")) == "1 20%"
    assert text_of(cell(html, "ar", "out_of_date")) == "1 20%"
    assert text_of(cell(html, "ar", "untracked")) == "2 40%"
    assert text_of(cell(html, "ar", "missing")) == "1 20%"
    assert text_of(cell(html, "fr", "reviewed")) == "1 20%"
    assert text_of(cell(html, "fr", "missing")) == "3 60%"
    assert text_of(cell(html, "es", "missing")) == "4 80%"
    assert "Open reports" not in html
    # The bar: one segment per kind present, as wide as its share.
    row = re.search(r'<tr data-language="ar">(.*?)</tr>', html, re.S).group(1)
    assert 'class="td-machine" style="inline-size: 20.00%"' in row
    assert 'class="td-reviewed"' not in row


def test_numbers_follow_the_language_of_the_admin(client, staff_user, site, no_reports):
    client.force_login(staff_user)
    staff_user.preferred_language = "fr"
    staff_user.save()
    html = client.get(URL).content.decode()
    assert text_of(cell(html, "en", "original")) in ("3 60\xa0%", "3 60\u202f%")  # French: a space before %


def test_a_draft_translation_leaves_the_language_missing_and_the_original_original(
    homes, client, staff_user, no_reports
):
    Page.objects.filter(depth=2).exclude(pk__in=[home.pk for home in homes.values()]).delete()
    page = make_page(homes["en"], "Echo", ["Draft only."])
    translate(page, "es", kind="machine", publish=False)
    unpublished = make_page(homes["en"], "Foxtrot", ["Never published."], live=False)
    client.force_login(staff_user)
    table = client.get(URL).context["pages_table"]
    assert table.groups == 2  # the homes and Echo; Foxtrot has no live version
    counts = {row.language: row.counts for row in table.rows}
    assert counts["en"] == {"untracked": 1, "original": 1, "missing": 0}
    assert counts["es"]["missing"] == 1 and "machine" not in counts["es"]
    assert unpublished.pk


def test_a_status_left_on_an_unpublished_page_is_not_counted(client, staff_user, site, no_reports):
    site["A"].get_translation(Locale.objects.get(language_code="ar")).unpublish()
    client.force_login(staff_user)
    html = client.get(URL).content.decode()
    assert text_of(cell(html, "ar", "machine")) == "0 0%"
    assert text_of(cell(html, "ar", "missing")) == "2 40%"


def test_open_reports_appear_once_the_reports_are_wired(client, staff_user, site, monkeypatch):
    monkeypatch.setattr(selectors, "open_report_counts", lambda: {"ar": 3, "fr": 1}, raising=False)
    client.force_login(staff_user)
    html = client.get(URL).content.decode()
    assert "Open reports" in html
    assert cell(html, "ar", "reports") == "3"
    assert cell(html, "es", "reports") == "0"


def test_the_oldest_unreviewed_translations_come_first(client, staff_user, site, no_reports):
    ar = Locale.objects.get(language_code="ar")
    now = timezone.now()
    TranslationStatus.objects.filter(translation_key=site["D"].translation_key, locale=ar).update(
        updated_at=now - datetime.timedelta(days=40)
    )
    TranslationStatus.objects.filter(translation_key=site["A"].translation_key, locale=ar).update(
        updated_at=now - datetime.timedelta(days=3)
    )
    client.force_login(staff_user)
    html = client.get(URL).content.decode()
    oldest = html.split('id="oldest"')[1].split('id="work"')[0]
    d_ar = site["D"].get_translation(ar)
    a_ar = site["A"].get_translation(ar)
    assert oldest.index(f"/admin/pages/{d_ar.pk}/edit/") < oldest.index(f"/admin/pages/{a_ar.pk}/edit/")
    assert "Out of date" in oldest and "Machine-translated" in oldest
    assert "(1\xa0month" in oldest and "(3\xa0days ago)" in oldest
    # Reviewed ones and originals are not waiting.
    assert site["A"].get_translation(Locale.objects.get(language_code="fr")).title not in oldest.replace("Alpha", "")


def test_the_work_list_filters_by_language_and_status_and_links_to_the_editor(client, staff_user, site, no_reports):
    client.force_login(staff_user)
    ar, fr = Locale.objects.get(language_code="ar"), Locale.objects.get(language_code="fr")
    work = client.get(URL).content.decode().split('id="work"')[1]
    # By default: what needs a review, in every language.
    assert f"/admin/pages/{site['A'].get_translation(ar).pk}/edit/" in work
    assert f"/admin/pages/{site['D'].get_translation(ar).pk}/edit/" in work
    assert f"/admin/pages/{site['A'].get_translation(fr).pk}/edit/" not in work
    reviewed = client.get(URL, {"language": "fr", "status": "reviewed"}).content.decode().split('id="work"')[1]
    assert f"/admin/pages/{site['A'].get_translation(fr).pk}/edit/" in reviewed
    assert f"/admin/pages/{site['A'].get_translation(ar).pk}/edit/" not in reviewed
    untracked = client.get(URL, {"language": "ar", "status": "untracked"}).content.decode().split('id="work"')[1]
    assert '<a href="/admin/pages/' in untracked and "تشارلي" in untracked
    # Unknown values fall back to the defaults, never an error.
    assert client.get(URL, {"language": "xx", "status": "nonsense", "page": "zz"}).status_code == 200


def test_the_missing_list_offers_to_translate_each_group_once(client, staff_user, site, no_reports):
    client.force_login(staff_user)
    work = client.get(URL, {"status": "missing"}).content.decode().split('id="work"')[1]
    # B lacks ar, fr and es: one row, its original, with wagtail-localize's "Translate".
    assert work.count(f"/admin/localize/submit/page/{site['B'].pk}/") == 1
    assert work.count(">Bravo<") == 1
    assert "ar, fr, and es" in work  # joined by CLDR rules
    # A lacks only Spanish; filtered on French it is not there.
    french = client.get(URL, {"status": "missing", "language": "fr"}).content.decode().split('id="work"')[1]
    assert f"/admin/localize/submit/page/{site['A'].pk}/" not in french
    assert f"/admin/localize/submit/page/{site['B'].pk}/" in french


def test_the_work_list_is_paginated(client, staff_user, site, no_reports, monkeypatch):
    monkeypatch.setattr(dashboard, "PER_PAGE", 2)
    client.force_login(staff_user)
    first = client.get(URL, {"status": "untracked"}).content.decode()
    assert "Page 1 of 3" in first
    assert "status=untracked&amp;page=2#work" in first
    seen = set()
    for number in (1, 2, 3):  # the four homes, C in English and in Arabic
        work = client.get(URL, {"status": "untracked", "page": number}).content.decode().split('id="work"')[1]
        links = re.findall(r'<a href="(/admin/pages/\d+/edit/)"', work)
        assert len(links) == 2
        seen.update(links)
    assert len(seen) == 6


def test_queries_do_not_grow_with_the_number_of_pages(client, staff_user, homes, no_reports):
    client.force_login(staff_user)

    def add(count):
        for number in range(count):
            page = make_page(homes["en"], f"Page {number} {count}", [f"Text {number}."])
            translate(page, "ar", kind="machine")

    add(2)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL, {"status": "unreviewed"}).status_code == 200
    add(8)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL, {"status": "unreviewed"}).status_code == 200
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as missing:
        assert client.get(URL, {"status": "missing"}).status_code == 200
    assert len(missing) <= len(few) + 1  # the languages each listed group lacks
    # The dashboard's own that read statuses: the locales, two per model (pages, testimonials), the
    # oldest, the work list (7; plus the groups and the pages of those lists); the rest is the admin's
    # chrome (session, user, permissions, menus).
    mine = [
        q
        for q in few.captured_queries
        if "translationstatus" in q["sql"] or '"wagtailcore_locale"."id" AS "pk"' in q["sql"]
    ]
    assert len(mine) == 7
    assert len(few) <= 32, "\n".join(q["sql"][:150] for q in few.captured_queries)


def test_translators_see_the_dashboard_and_its_menu_item(client, translator, no_reports, homes):
    client.force_login(translator)
    assert client.get(URL).status_code == 200
    assert URL in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", [role for role in ROLES if role != "staff"])
def test_everyone_else_is_refused(client, world, role, two_factor_required, no_reports):
    as_role(client, world, role)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Pages to work through" not in response.content.decode()


def test_hub_staff_do_not_see_the_menu_item(client, world, no_reports):
    as_role(client, world, "hub staff of A's hub")
    assert URL not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", [Role.MANAGEMENT_UNIT, Role.TRANSLATOR])
def test_staff_without_their_second_factor_are_refused_by_the_view_too(rf, role, settings):
    """Even where the admin's middleware did not send them to the code page first."""
    from translations.dashboard_views import translation_dashboard

    user = make_person(f"{role}@example.org")
    role_grant(user=user, role=role)
    assert dashboard.can_see_translation_dashboard(user)
    hold_back_until_verified(user)
    user.is_verified = lambda: False
    assert not dashboard.can_see_translation_dashboard(user)
    request = rf.get(URL)
    request.user = user
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        translation_dashboard(request)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_counts_kept_in_the_cache_follow_every_change(client, staff_user, site, no_reports):
    """The page counts are kept under the chrome version (the changes here are committed): a page
    published, a status written, are counted on the next view."""
    client.force_login(staff_user)

    def arabic(kind):
        return text_of(cell(client.get(URL).content.decode(), "ar", kind))

    assert arabic("machine") == "1 20%"
    with CaptureQueriesContext(connection) as queries:
        assert arabic("machine") == "1 20%"
    counted = [q for q in queries.captured_queries if 'COUNT(DISTINCT "wagtailcore_page"' in q["sql"]]
    assert not counted  # the page counts came from the cache
    translate(site["B"], "ar", kind="machine")
    assert arabic("machine") == "2 40%" and arabic("missing") == "0 0%"
    row = TranslationStatus.objects.get(translation_key=site["B"].translation_key, locale__language_code="ar")
    row.status = "reviewed"
    row.save()
    assert arabic("machine") == "1 20%" and arabic("reviewed") == "1 20%"
