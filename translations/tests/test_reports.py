"""Readers report translation problems; reviewers work through them in the admin.

The control on translated pages, the form (every bad input gets a message, never a server error),
the honeypot and the rate limit, the segment a quote is found in, the reviewers' queue (who may
see it, what it shows, the queries it costs), closing a report and the thank-you e-mail in the
reader's language."""

import logging
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation

from accounts.models import Role
from accounts.services import role_grant
from conftest import ROLES, as_role, confirm_second_factor, make_person
from core.models import OutgoingEmail
from translations import reports
from translations.models import TranslationReport, TranslationStatus
from translations.selectors import open_report_counts

from .pages import make_page, make_private, publish, translate, translation_for

pytestmark = pytest.mark.django_db

ORIGINAL = "The International Steering Committee meets twice a year."
SECOND = "Cities learn from each other."
ARABIC = {
    "About us": "مَنْ نَحْنُ",
    ORIGINAL: "تجتمع اللجنة التوجيهية الدولية مرتين في السنة.",
    SECOND: "تتعلم المدن من بعضها البعض.",
}
QUEUE = "/admin/translation-reports/"


RATE_MESSAGE = (
    "Many reports have been sent from your connection in a short time. Please wait an hour, "
    "then send the form again. What you typed is kept below."
)


def in_arabic(message: str) -> str:
    """`message` as an Arabic reader reads it (the catalogue's, or the English until it has it)."""
    from django.utils.html import escape
    from django.utils.translation import gettext, override

    with override("ar"):
        return escape(gettext(message))


def control(html: str) -> str | None:
    match = re.search(r'<div class="translation-report" data-translation-report.*?</div>', html, re.S)
    return match.group(0) if match else None


def translate_into(page, code: str, texts: dict, *, kind: str = "machine"):
    """`page` in `code` with the given translations of its segments ("[code] …" for the others)."""
    translation = translation_for(page, code)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        data = segment.string.data
        text = data if segment.context.path == "slug" else texts.get(data, f"[{code}] {data}")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": text, "translation_type": kind},
        )
    publish(translation)
    return page.get_translation(translation.target_locale)


@pytest.fixture(autouse=True)
def _fresh_counters():
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture
def about(homes):
    page = make_page(homes["en"], "About us", [ORIGINAL, SECOND])
    return {"en": page, "ar": translate_into(page, "ar", ARABIC), "fr": translate(page, "fr", kind="manual")}


@pytest.fixture
def english(homes):
    """An Arabic original translated into English."""
    arabic = make_page(homes["ar"], "من نحن", ["تعمل المدن معاً."], slug="who-we-are")
    return translate_into(arabic, "en", {"تعمل المدن معاً.": "The cities work together."})


def form_url(page) -> str:
    return f"/{page.locale.language_code}/report-translation/{page.pk}/"


def valid(**extra) -> dict:
    return {"quote": "اللجنة التوجيهية الدولية", "suggestion": "", "note": "", "email": "", **extra}


# The control on translated pages --------------------------------------------------------------


def test_a_translated_page_links_to_the_report_form_without_a_csrf_token(client, about):
    response = client.get("/ar/about-us/")
    html = response.content.decode()
    found = control(html)
    assert found is not None
    revision = about["ar"].live_revision_id
    assert f'href="/ar/report-translation/{about["ar"].pk}/?revision={revision}"' in found
    assert in_arabic("Report a translation problem") in found
    assert "csrfmiddlewaretoken" not in html  # the page stays cacheable by the proxy
    assert 'src="/static/js/translation-report.js"' in html
    assert "Cookie" not in response.get("Vary", "")


def test_reviewed_translations_take_reports_too_but_originals_do_not(client, about):
    assert control(client.get("/fr/about-us/").content.decode()) is not None  # reviewed: still a translation
    assert control(client.get("/en/about-us/").content.decode()) is None  # the original


def test_a_translation_with_no_status_row_is_found_through_wagtail_localize(client, about, homes):
    TranslationStatus.objects.filter(translation_key=about["en"].translation_key).delete()
    assert control(client.get("/ar/about-us/").content.decode()) is not None
    assert control(client.get("/en/about-us/").content.decode()) is None
    # Written by hand in each language (no translation source): no control.
    by_hand = make_page(homes["en"], "Contact", slug="contact")
    by_hand.copy_for_translation(Locale.objects.get(language_code="es")).save_revision().publish()
    assert control(client.get("/es/contact/").content.decode()) is None


def test_private_translations_show_no_control(client, about):
    make_private(about["ar"])
    response = client.get("/ar/about-us/")
    assert control(response.content.decode()) is None


def test_the_control_costs_no_query_beyond_the_notice(rf, about, django_assert_num_queries):
    from django.template import Context, Template
    from wagtail.models import Site

    Site.get_site_root_paths()
    request = rf.get("/ar/about-us/")
    template = Template(
        '{% include "translations/includes/hreflang.html" %}{% include "translations/includes/notice.html" %}'
        '{% include "translations/includes/report.html" %}'
    )
    with django_assert_num_queries(3):  # the notice's and alternates' three, nothing more
        html = template.render(Context({"request": request, "page": about["ar"]}))
    assert control(html) is not None


# The form ---------------------------------------------------------------------------------


def test_the_form_page_is_private_and_prefilled_with_the_selected_words(client, about):
    response = client.get(form_url(about["ar"]) + "?quote=اللجنة%20التوجيهية&revision=5")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in html
    assert "اللجنة التوجيهية</textarea>" in html
    assert '<span lang="ar" dir="rtl">مَنْ نَحْنُ</span>' in html or 'lang="ar" dir="rtl">مَنْ نَحْنُ</a>' in html
    assert client.head(form_url(about["ar"])).status_code == 200


def test_an_arabic_reader_reports_words_and_the_report_holds_page_segment_and_revision(client, about):
    url = form_url(about["ar"])
    data = valid(
        # Another spelling than the page's (no harakat, another alef), as a reader may type it.
        quote="اللجنه التوجيهيه الدوليه",
        suggestion="تجتمع اللجنة التوجيهية الدولية مرتين سنوياً.",
        note="الترجمة ركيكة.",
        email="reader@example.org",
        revision=str(about["ar"].live_revision_id),
    )
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == f"{url}thanks/"
    report = TranslationReport.objects.get()
    assert (report.page_id, report.locale.language_code, report.language) == (about["ar"].pk, "ar", "ar")
    assert report.translation_key == about["en"].translation_key
    assert report.segment.string.data == ORIGINAL  # the segment the quote is in
    assert report.string_id == report.segment.string_id
    assert report.revision_id == about["ar"].live_revision_id
    assert (report.quote, report.reporter_email, report.state) == (data["quote"], "reader@example.org", "open")
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and in_arabic("Thank you for your report") in thanks.content.decode()
    assert 'href="/ar/about-us/"' in thanks.content.decode()


def test_an_english_reader_reports_on_a_page_translated_from_arabic(client, english):
    response = client.get("/en/who-we-are/")
    assert control(response.content.decode()) is not None
    posted = client.post(form_url(english), valid(quote="cities WORK together"))
    assert posted.status_code == 302
    report = TranslationReport.objects.get()
    assert report.language == "en" and report.segment.string.data == "تعمل المدن معاً."
    assert report.revision_id == english.live_revision_id  # none sent: the live one


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"quote": ""}, "quote", "Please copy the words that are wrong into this field."),
        ({"quote": "   \n "}, "quote", "Please copy the words that are wrong into this field."),
        ({"quote": "\x00\x07\u202e"}, "quote", "Please copy the words that are wrong into this field."),
        ({"quote": "ك" * 1001}, "quote", "This text is 1,001 characters long; at most 1,000 are allowed."),
        ({"suggestion": "x" * 2001}, "suggestion", "This text is 2,001 characters long; at most 2,000 are allowed."),
        ({"note": "y" * 100_000}, "note", "This text is 100,000 characters long; at most 2,000 are allowed."),
        ({"email": "not an address"}, "email", "Enter a valid email address."),
        ({"email": "a" * 250 + "@example.org"}, "email", "Ensure this value has at most 254 characters"),
    ],
)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_bad_input_gets_a_message_next_to_the_field_and_keeps_what_was_typed(
    client, about, english, language, data, field, message
):
    page = english if language == "en" else about["ar"]
    typed = valid(**{"suggestion": "صياغة أفضل", "note": "ملاحظة", **data})
    response = client.post(form_url(page), typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<html lang="{language}"' in html
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert errors is not None
    if language == "en":
        assert message in errors.group(1)
    elif field == "email":  # Django's own message, in Arabic
        assert message not in errors.group(1)
    assert "data-error-summary" in html
    if field != "suggestion":
        assert "صياغة أفضل</textarea>" in html
    if field != "note":
        assert "ملاحظة</textarea>" in html
    assert not TranslationReport.objects.exists()


def test_control_characters_are_dropped_not_stored(client, about):
    response = client.post(form_url(about["ar"]), valid(quote="\u202eاللجنة\x00 التوجيهية", note="a\x1bb"))
    assert response.status_code == 302
    report = TranslationReport.objects.get()
    assert (report.quote, report.note) == ("اللجنة التوجيهية", "ab")


@pytest.mark.parametrize(
    "path",
    [
        "/ar/report-translation/999999/",
        "/ar/report-translation/0/",
        "/ar/report-translation/99999999999999999999999/",
        "/ar/report-translation/-3/",
        "/ar/report-translation/abc/",
    ],
)
def test_unknown_pages_are_a_404_whatever_the_method(client, about, path):
    assert client.get(path).status_code == 404
    assert client.post(path, valid()).status_code == 404
    assert client.get(path + "thanks/").status_code in (200, 404)


def test_originals_drafts_and_private_pages_take_no_reports(client, about, homes):
    assert client.get(form_url(about["en"])).status_code == 404
    assert client.post(form_url(about["en"]), valid()).status_code == 404
    draft = translate(make_page(homes["en"], "Draft", slug="draft"), "es", publish=False)
    assert client.get(f"/es/report-translation/{draft.pk}/").status_code == 404
    make_private(about["ar"])
    assert client.post(form_url(about["ar"]), valid()).status_code == 404
    assert not TranslationReport.objects.exists()


def test_a_page_asked_for_in_another_language_is_sent_to_its_own(client, about):
    wrong = f"/en/report-translation/{about['ar'].pk}/"
    response = client.get(wrong + "?quote=abc")
    assert response.status_code == 302 and response["Location"] == f"/ar/report-translation/{about['ar'].pk}/?quote=abc"
    posted = client.post(wrong, valid())
    assert posted.status_code == 307 and posted["Location"] == form_url(about["ar"])
    assert client.post(posted["Location"], valid()).status_code == 302
    assert TranslationReport.objects.get().language == "ar"


def test_other_methods_are_refused_with_405(client, about):
    assert client.put(form_url(about["ar"])).status_code == 405
    assert client.delete(form_url(about["ar"])).status_code == 405
    assert client.post(form_url(about["ar"]) + "thanks/").status_code == 405
    assert client.head(form_url(about["ar"]) + "thanks/").status_code == 200


def test_a_forged_revision_is_replaced_by_the_live_one(client, about):
    other = make_page(about["en"].get_parent(), "Other", slug="other")
    for revision in ("abc", "-1", "99999999999999999999", str(other.live_revision_id)):
        assert client.post(form_url(about["ar"]), valid(revision=revision)).status_code == 302
    assert set(TranslationReport.objects.values_list("revision_id", flat=True)) == {about["ar"].live_revision_id}


def test_the_form_needs_its_csrf_token(about):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(form_url(about["ar"]), valid()).status_code == 403
    assert not TranslationReport.objects.exists()


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_stored(client, about):
    response = client.post(form_url(about["ar"]), valid(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    assert not TranslationReport.objects.exists()


def test_too_many_reports_from_one_address_come_back_with_what_was_typed(client, about):
    limit = reports.REPORT_LIMIT.count
    statuses = [
        client.post(form_url(about["ar"]), valid(), REMOTE_ADDR="198.51.100.7").status_code for _ in range(limit)
    ]
    assert statuses == [302] * limit
    response = client.post(form_url(about["ar"]), valid(suggestion="صياغة"), REMOTE_ADDR="198.51.100.7")
    html = response.content.decode()
    assert response.status_code == 429
    assert in_arabic(RATE_MESSAGE) in html and "صياغة</textarea>" in html
    assert TranslationReport.objects.count() == limit
    other = client.post(form_url(about["ar"]), valid(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302  # another reader is heard


def test_the_reporters_address_is_never_logged(client, about, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(form_url(about["ar"]), valid(email="private.reader@example.org"))
    staff = make_person("closer@example.org")
    report = TranslationReport.objects.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        reports.report_close(report_id=report.pk, actor=staff)
    assert "private.reader" not in caplog.text
    assert "private.reader" not in str(TranslationReport.objects.get())


# Finding the segment --------------------------------------------------------------------------


def match(page, quote):
    return reports.segment_for_quote(
        translation_key=page.translation_key,
        locale_id=page.locale_id,
        source_locale_id=Locale.objects.get(language_code="en").pk,
        quote=quote,
    )


def test_quotes_are_matched_to_the_segment_they_are_in(about):
    arabic = about["ar"]
    assert match(arabic, "تتعلم المدن").string.data == SECOND
    assert match(arabic, "  تَتَعَلَّم   المُدُن ").string.data == SECOND  # harakat and spacing do not count
    assert match(arabic, "من نحن").string.data == "About us"  # the title, an exact match
    assert match(arabic, "مرتين في السنة. تتعلم المدن") is None  # across two segments
    assert match(arabic, "كلمات ليست في الصفحة") is None
    assert match(arabic, "ا") is None  # too short to say
    assert match(about["fr"], "[fr] Cities learn").string.data == SECOND


def test_words_left_untranslated_are_matched_in_the_original(about):
    arabic = about["ar"]
    segment = StringSegment.objects.get(source__object_id=arabic.translation_key, string__data=SECOND)
    StringTranslation.objects.filter(translation_of=segment.string, locale=arabic.locale).delete()
    assert match(arabic, "learn from each other").pk == segment.pk


# The reviewers' queue ---------------------------------------------------------------------


@pytest.fixture
def people(world, two_factor_required):
    translator = make_person("translator@example.org")
    role_grant(user=translator, role=Role.TRANSLATOR)
    editor = make_person("editor@example.org")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    translator_no_code = make_person("translator-no-code@example.org")
    role_grant(user=translator_no_code, role=Role.TRANSLATOR)
    return {
        **world,
        "translator": translator,
        "editor": editor,
        "translator without a second factor": translator_no_code,
    }


def sign_in(client, people, role):
    if role == "translator without a second factor":
        client.logout()
        client.force_login(people[role])  # a password, no code
        return client
    as_role(client, people, role)
    if role == "editor":
        confirm_second_factor(client, people[role])
    return client


def report_on(page, quote="اللجنة التوجيهية", **extra) -> TranslationReport:
    return reports.report_submit(page=page, quote=quote, language=page.locale.language_code, **extra)


REVIEWERS = {"staff", "translator"}


@pytest.mark.parametrize("role", [*ROLES, "editor", "translator", "translator without a second factor"])
def test_only_the_management_unit_and_translators_see_and_close_reports(client, people, about, role):
    report = report_on(about["ar"], email="reader@example.org", suggestion="أفضل")
    sign_in(client, people, role)
    listing = client.get(QUEUE)
    closed = client.post(f"{QUEUE}{report.pk}/close/", {f"report-{report.pk}-resolution": "Fixed."})
    report.refresh_from_db()
    if role in REVIEWERS:
        assert listing.status_code == 200
        assert "reader@example.org" in listing.content.decode()
        assert closed.status_code == 302 and report.state == "closed"
    else:
        assert listing.status_code == 302 and closed.status_code == 302
        assert "reader@example.org" not in listing.content.decode()
        assert report.state == "open"
        if role == "anonymous":
            assert listing["Location"].startswith("/admin/login/")
        elif "without a second factor" in role:
            assert "two-factor" in listing["Location"]  # staff rights wait for the code, as everywhere
        elif role in {"hub staff of A's hub", "hub staff of another hub", "editor"}:
            assert listing["Location"] == "/admin/"  # in the admin, refused (Wagtail's "no permission" message)
        else:
            assert listing["Location"].startswith("/admin/login/")  # no admin access at all


def test_the_queue_groups_reports_by_page_and_language_with_counts(client, people, about, homes):
    report_on(about["ar"], suggestion="صياغة أفضل")
    report_on(about["ar"], quote="تتعلم المدن")
    report_on(about["fr"], quote="[fr] Cities learn")
    report_on(about["ar"], quote="لا شيء من هذا")
    sign_in(client, people, "translator")
    html = client.get(QUEUE).content.decode()
    groups = re.findall(r"<section class=\"w-mb-10 translation-report-group\".*?</section>", html, re.S)
    assert len(groups) == 2
    assert "3 reports" in groups[0] and "مَنْ نَحْنُ" in groups[0] and "Arabic" in groups[0]
    assert "1 report" in groups[1] and "French" in groups[1]
    assert "صياغة أفضل" in groups[0]
    assert ORIGINAL in groups[0] and ARABIC[ORIGINAL] in groups[0]  # the segment and its translation now
    assert "Not found on the page" in groups[0]
    # Translators edit every page (drafts; the Management Unit publishes): the editor is one click away.
    assert f'href="/admin/pages/{about["ar"].pk}/edit/"' in groups[0]
    sign_in(client, people, "staff")
    html = client.get(QUEUE).content.decode()
    assert f'href="/admin/pages/{about["ar"].pk}/edit/"' in html
    assert "Open the translation editor" in html


def test_the_queue_filters_by_language_and_state(client, people, about):
    arabic = report_on(about["ar"])
    report_on(about["fr"], quote="[fr] Cities learn")
    reports.report_close(report_id=arabic.pk, actor=people["staff"], resolution="Corrigé.")
    sign_in(client, people, "staff")
    assert "translation-report-group" not in client.get(QUEUE + "?language=ar").content.decode()
    closed = client.get(QUEUE + "?language=ar&state=closed").content.decode()
    assert "Corrigé." in closed and "مَنْ نَحْنُ" in closed
    every = client.get(QUEUE + "?state=all").content.decode()
    assert every.count("translation-report-group") == 2
    odd = client.get(QUEUE + "?state=%00&language=xx")
    assert odd.status_code == 200 and odd.content.decode().count("translation-report-group") == 1  # open


def test_the_queue_costs_the_same_queries_for_two_reports_or_twenty(client, people, about, homes):
    sign_in(client, people, "staff")
    report_on(about["ar"])
    report_on(about["fr"], quote="[fr] Cities learn")
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    pages = [make_page(homes["en"], f"Page {n}", [f"Text number {n}."], slug=f"page-{n}") for n in range(4)]
    for page in pages:
        arabic = translate(page, "ar")
        for n in range(4):
            report_on(arabic, quote=f"[ar] Text number {pages.index(page)}", note=str(n))
    assert TranslationReport.objects.count() == 18
    with CaptureQueriesContext(connection) as many:
        response = client.get(QUEUE)
    assert response.content.decode().count("translation-report-group") == 6
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_menu_shows_the_open_count_to_reviewers(client, people, about):
    report_on(about["ar"])
    report_on(about["fr"], quote="[fr] Cities learn")
    sign_in(client, people, "translator")
    assert "Translation reports (2 open)" in client.get("/admin/").content.decode()
    sign_in(client, people, "hub staff of A's hub")
    assert "Translation reports" not in client.get("/admin/").content.decode()


def test_open_report_counts_per_language(about):
    report_on(about["ar"])
    report_on(about["ar"])
    closed = report_on(about["fr"], quote="[fr] Cities learn")
    reports.report_close(report_id=closed.pk, actor=None)
    assert open_report_counts() == {"ar": 2}


# Closing and thanking -----------------------------------------------------------------------


def test_closing_thanks_the_reader_in_their_language_once_committed(client, people, about):
    report = report_on(about["ar"], email="reader@example.org")
    sign_in(client, people, "translator")
    with TestCase.captureOnCommitCallbacks(execute=True) as callbacks:
        response = client.post(
            f"{QUEUE}{report.pk}/close/?", {f"report-{report.pk}-resolution": "Segment corrected.", "state": "open"}
        )
    assert response.status_code == 302 and response["Location"] == QUEUE + "?state=open&language="
    assert len(callbacks) == 1
    email = OutgoingEmail.objects.get()
    assert email.language == "ar" and email.to == ["reader@example.org"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reader@example.org"]
    body = mail.outbox[0].body
    assert "مرحبًا،" in body and "شكرًا لكم على الإبلاغ" in body  # in Arabic
    assert "مَنْ نَحْنُ" in body and "اللجنة التوجيهية" in body
    assert "http://localhost/ar/about-us/" in body
    assert "Segment corrected." not in body  # the resolution note is for reviewers
    report.refresh_from_db()
    assert (report.state, report.closed_by, report.resolution) == ("closed", people["translator"], "Segment corrected.")
    assert report.closed_at is not None and report.thanked and report.reporter_email == ""  # forgotten


def test_nothing_is_sent_before_the_commit_nor_when_no_address_was_left(people, about):
    with_address = report_on(about["ar"], email="reader@example.org")
    without = report_on(about["ar"])
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        reports.report_close(report_id=with_address.pk, actor=people["staff"])
    assert len(mail.outbox) == 0 and len(callbacks) == 1
    with TestCase.captureOnCommitCallbacks(execute=True):
        reports.report_close(report_id=without.pk, actor=people["staff"])
    assert OutgoingEmail.objects.count() == 1 and len(mail.outbox) == 0


def test_closing_twice_or_with_a_long_note_gets_a_message(client, people, about):
    report = report_on(about["ar"])
    sign_in(client, people, "staff")
    long = client.post(f"{QUEUE}{report.pk}/close/", {f"report-{report.pk}-resolution": "z" * 4001})
    assert long.status_code == 400
    assert "This text is 4,001 characters long" in long.content.decode()
    assert "z" * 4001 in long.content.decode()  # kept as typed
    assert client.post(f"{QUEUE}{report.pk}/close/", {}).status_code == 302
    again = client.post(f"{QUEUE}{report.pk}/close/", {}, follow=True)
    assert "This report has already been closed." in again.content.decode()
    gone = client.post(f"{QUEUE}987654/close/", {}, follow=True)
    assert "This report no longer exists." in gone.content.decode()
    assert client.get(f"{QUEUE}{report.pk}/close/").status_code == 405


def test_the_database_refuses_a_closed_report_without_a_date_and_an_unknown_state(about):
    from django.db import IntegrityError, transaction

    report = report_on(about["ar"])
    for change in ({"state": "closed"}, {"state": "maybe"}, {"resolution": "note while open"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            TranslationReport.objects.filter(pk=report.pk).update(**change)


def test_a_deleted_page_leaves_its_reports_to_close(people, about):
    report = report_on(about["ar"], email="reader@example.org")
    about["ar"].delete()
    report.refresh_from_db()
    assert report.page_id is None and report.state == "open"
    with TestCase.captureOnCommitCallbacks(execute=True):
        reports.report_close(report_id=report.pk, actor=people["staff"])
    assert len(mail.outbox) == 1
