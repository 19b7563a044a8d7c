"""The glossary check in the admin: the segments of a page's translations, machine or human, whose
original holds a glossary term while the translation lacks its approved form; who may see it; the
edit view announcing it; a bounded number of queries; Arabic."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize.models import StringSegment, StringTranslation

from conftest import as_role
from translations.models import GlossaryTerm

from .pages import fill, make_page, translate, translation_for
from .test_jobs import ROLES, drafter  # noqa: F401  (drafter: a fixture)

pytestmark = pytest.mark.django_db

ABOUT = "The International Steering Committee met in Amman."
OLD_SITE_MISTAKE = "اجتمع مركز الدراسات الدولية في عمّان."  # "International Studies Centre"


@pytest.fixture
def about(homes):
    return make_page(homes["en"], "Spring meeting", [ABOUT, "Our members shared their plans."], slug="spring")


def isc(language: str) -> str:
    return getattr(GlossaryTerm.objects.get(term_en="International Steering Committee"), f"term_{language}")


def set_segment(page, code: str, source_text: str, text: str, kind: str) -> None:
    translation = translation_for(page, code)
    segment = StringSegment.objects.select_related("string", "context").get(
        source=translation.source, string__data=source_text
    )
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": text, "translation_type": kind},
    )


@pytest.fixture
def flagged(about):
    """Arabic written by a person with the old site's mistake; French left in English by an engine;
    Spanish with the approved form everywhere."""
    arabic = translate(about, "ar", kind="manual")
    set_segment(about, "ar", ABOUT, OLD_SITE_MISTAKE, "manual")
    french = translate(about, "fr", kind="machine")  # "[fr] The International Steering Committee…"
    spanish_translation = translation_for(about, "es")
    fill(spanish_translation, kind="machine", text=f"{isc('es')} · {{data}}")
    return {"ar": arabic, "fr": french}


def check_url(page) -> str:
    return f"/admin/translation-jobs/page/{page.pk}/glossary/"


def test_the_check_lists_machine_and_human_segments_missing_an_approved_form(client, world, about, flagged):
    as_role(client, world, "staff")
    html = client.get(check_url(about)).content.decode()
    assert 'id="glossary-ar"' in html and 'id="glossary-fr"' in html
    assert 'id="glossary-es"' not in html  # the approved form is there
    assert OLD_SITE_MISTAKE in html and isc("ar") in html and "a person" in html
    assert isc("fr") in html and "an engine" in html
    assert "Our members shared" not in html  # no term in that segment
    assert f'href="/admin/pages/{flagged["ar"].pk}/edit/"' in html  # to the translation editor
    # A translation's own check lists its language only.
    html = client.get(check_url(flagged["fr"])).content.decode()
    assert 'id="glossary-fr"' in html and 'id="glossary-ar"' not in html


def test_a_corrected_segment_leaves_the_list(client, world, about, flagged):
    set_segment(about, "ar", ABOUT, f"اجتمعت {isc('ar')} في عمّان.", "manual")
    as_role(client, world, "staff")
    html = client.get(check_url(about)).content.decode()
    assert 'id="glossary-ar"' not in html and 'id="glossary-fr"' in html
    set_segment(about, "fr", ABOUT, f"Le {isc('fr')} s'est réuni à Amman.", "manual")
    html = client.get(check_url(about)).content.decode()
    assert "No segment of this page's translations lacks an approved form." in html


def test_the_edit_views_announce_the_flags(client, world, about, flagged):
    as_role(client, world, "staff")
    edit = client.get(f"/admin/pages/{about.pk}/edit/").content.decode()
    assert "The glossary check flags 2 segments in Arabic and French" in edit and check_url(about) in edit
    edit = client.get(f"/admin/pages/{flagged['fr'].pk}/edit/").content.decode()
    assert "The glossary check flags 1 segment in French" in edit and check_url(flagged["fr"]) in edit
    set_segment(about, "fr", ABOUT, f"Le {isc('fr')} s'est réuni à Amman.", "manual")
    edit = client.get(f"/admin/pages/{flagged['fr'].pk}/edit/").content.decode()
    assert "The glossary check flags" not in edit


def test_the_check_reads_a_bounded_number_of_queries(client, world, homes):
    as_role(client, world, "staff")
    counts = []
    for size in (2, 12):
        page = make_page(homes["en"], f"Meeting {size}", [f"{ABOUT} ({n})" for n in range(size)], slug=f"m-{size}")
        translate(page, "fr", kind="machine")
        translate(page, "ar", kind="machine")
        client.get(check_url(page))  # warm the glossary
        with CaptureQueriesContext(connection) as queries:
            html = client.get(check_url(page)).content.decode()
        assert html.count("<td>an engine</td>") == 2 * size
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.usefixtures("two_factor_required")
@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_the_check(client, world, drafter, about, flagged, role):  # noqa: F811
    """Whoever may edit the page (hub staff with the right on the English pages too), second factor
    confirmed: the segments are drafts' text."""
    as_role(client, world, role)
    response = client.get(check_url(about))
    if role in ("staff", "drafter"):
        assert response.status_code == 200 and OLD_SITE_MISTAKE in response.content.decode()
    else:
        assert response.status_code in (302, 403) and OLD_SITE_MISTAKE not in response.content.decode()


def test_the_check_in_arabic(client, world, staff_user, about, flagged):
    as_role(client, world, "staff")
    staff_user.wagtail_userprofile.preferred_language = "ar"
    staff_user.wagtail_userprofile.save()
    html = client.get(check_url(about)).content.decode()
    assert 'dir="rtl"' in html and 'lang="ar" dir="auto"' in html and 'lang="en" dir="auto"' in html
