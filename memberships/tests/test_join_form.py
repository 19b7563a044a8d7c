"""The join form as people meet it: the privacy notice it links to, required fields, references for
assistive technology, the error summary and phone numbers."""

from html.parser import HTMLParser

import pytest
from wagtail.models import Page

from conftest import kept_for_module
from core.demo import load_demo_pages
from core.models import ContentPage, HomePage
from memberships.forms import JoinApplicationForm
from memberships.models import JoinApplication
from memberships.tests.test_join import pdf_bytes, upload, valid_data

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    """Every element's tag and attributes, in order."""

    def __init__(self, text):
        super().__init__()
        self.elements = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def ids(self):
        return [attrs["id"] for _, attrs in self.elements if attrs.get("id")]

    def by_id(self, id_):
        return next(attrs for _, attrs in self.elements if attrs.get("id") == id_)


def invalid_post(client, **changes):
    return client.post("/en/join/", valid_data(**changes))  # no letter: one more error


@pytest.mark.parametrize("how", ["get", "invalid post", "invalid choices and consent"])
def test_every_aria_describedby_points_at_an_element_of_the_page(client, how):
    if how == "get":
        response = client.get("/en/join/")
    elif how == "invalid post":
        response = invalid_post(client, focal_email="x", authority_name="")
    else:
        response = invalid_post(client, body_kind="", consent="", challenges=["nothing"])
    page = Elements(response.content.decode())
    ids = page.ids()
    assert len(ids) == len(set(ids)), "an id is used twice"
    referenced = [ref for _, attrs in page.elements for ref in (attrs.get("aria-describedby") or "").split()]
    assert referenced  # help texts and errors are referenced
    assert [ref for ref in referenced if ref not in ids] == []


def test_fields_with_help_or_errors_are_described_by_them(client):
    page = Elements(invalid_post(client, focal_email="x").content.decode())
    assert page.by_id("id_focal_email")["aria-describedby"].split() == ["id_focal_email_error"]
    assert set(page.by_id("id_letter")["aria-describedby"].split()) == {"id_letter_helptext", "id_letter_error"}


def test_required_fields_are_marked_for_eyes_and_for_screen_readers(client):
    text = client.get("/en/join/").content.decode()
    page = Elements(text)
    form = JoinApplicationForm()
    required = [name for name, field in form.fields.items() if field.required and not field.widget.is_hidden]
    assert {"authority_name", "focal_phone", "consent", "body_kind"} <= set(required)
    for name in required:
        inputs = [attrs for tag, attrs in page.elements if attrs.get("name") == name]
        assert inputs and all("required" in attrs for attrs in inputs), name
    # Each required field's label (or legend) carries a visible mark and words for screen readers.
    for label_for in ["id_authority_name", "id_focal_phone", "id_consent"]:
        start = text.index(f'<label for="{label_for}">')
        label = text[start : text.index("</label>", start)]
        assert 'aria-hidden="true">*</span>' in label and '<span class="visually-hidden">(required)</span>' in label
    legend = text[text.index("<legend>Who is applying?") : text.index("</legend>", text.index("<legend>Who"))]
    assert "(required)" in legend
    assert "(required)" not in text[text.index('<label for="id_website">') :].split("</label>")[0]
    assert "Fields marked * are required." in text


def test_the_error_summary_links_to_each_field_and_takes_focus(client):
    response = invalid_post(client, focal_email="x", authority_name="", body_kind="")
    text = response.content.decode()
    start = text.index("data-error-summary")
    summary = text[start : text.index("</div>", start)]
    for field in ["authority_name", "focal_email", "letter", "body_kind"]:
        assert f'href="#id_{field}"' in summary, field
    assert "Enter a valid email address." in summary
    page = Elements(text)
    assert "id_body_kind" in page.ids()  # the choices' fieldset is the link's target
    container = next(attrs for _, attrs in page.elements if "data-error-summary" in attrs)
    assert container["tabindex"] == "-1" and "autofocus" not in container
    scripts = [attrs["src"] for tag, attrs in page.elements if tag == "script"]
    assert any(src.endswith("js/error-summary.js") for src in scripts)
    assert "<script>" not in text  # no inline script: the Content-Security-Policy forbids it


def test_the_page_without_errors_has_no_summary_and_no_script(client):
    text = client.get("/en/join/").content.decode()
    assert "data-error-summary" not in text and "error-summary.js" not in text


def test_the_focus_script_is_served():
    from django.contrib.staticfiles import finders

    path = finders.find("js/error-summary.js")
    assert path and "focus" in open(path, encoding="utf-8").read()


def test_a_phone_number_dialled_in_the_chosen_country_is_stored_in_international_form(client):
    data = valid_data(country="JO", focal_phone="079 123 4567")
    response = client.post("/en/join/", {**data, "letter": upload(pdf_bytes())})
    assert response.status_code == 302
    assert JoinApplication.objects.get().focal_phone == "+962791234567"


def test_a_phone_number_that_cannot_exist_is_named_next_to_the_field_and_all_else_is_kept(client):
    data = valid_data(country="JO", focal_phone="12")
    response = client.post("/en/join/", {**data, "letter": upload(pdf_bytes())})
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["focal_phone"]
    text = response.content.decode()
    start = text.index('<ul class="errorlist" id="id_focal_phone_error">')
    assert "phone number" in text[start : text.index("</ul>", start)]
    assert 'value="Ville de Démo"' in text and 'value="12"' in text and form.data["pending_letter"]
    assert not JoinApplication.objects.exists()


@pytest.fixture(scope="module")
def _home_id(request, django_db_setup, django_db_blocker):
    with kept_for_module(request, django_db_blocker):
        yield load_demo_pages().pk


@pytest.fixture
def pages(_home_id, db):
    """The demo site (made once for the module): its English home page."""
    return HomePage.objects.get(pk=_home_id)


def privacy_pages():
    return ContentPage.objects.filter(slug="privacy")


def test_the_demo_loader_makes_the_privacy_notice_in_four_languages_as_translations(pages):
    notices = {page.locale.language_code: page for page in privacy_pages().live()}
    assert set(notices) == {"en", "ar", "fr", "es"}
    english = notices["en"]
    assert all(page.translation_key == english.translation_key for page in notices.values())
    assert len({page.title for page in notices.values()}) == 4
    for needed in ["Management Unit", "never public", "erase", "not legal advice"]:
        assert needed in str(english.body), needed


@pytest.mark.parametrize("language", ["en", "ar", "fr", "es"])
def test_the_join_form_links_to_the_privacy_notice_in_the_visitors_language(client, pages, language):
    text = client.get(f"/{language}/join/").content.decode()
    assert f'href="/{language}/privacy/"' in text
    assert client.get(f"/{language}/privacy/").status_code == 200


def test_the_english_notice_is_linked_when_there_is_none_in_the_visitors_language(client, pages):
    privacy_pages().filter(locale__language_code="fr").delete()
    text = client.get("/fr/join/").content.decode()
    assert 'href="/en/privacy/"' in text


def test_without_a_privacy_notice_the_consent_still_renders_without_a_broken_link(client, pages):
    Page.objects.filter(pk__in=privacy_pages().values("pk")).delete()
    text = client.get("/en/join/").content.decode()
    assert '<label for="id_consent">' in text and "/privacy/" not in text
