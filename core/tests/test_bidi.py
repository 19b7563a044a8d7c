"""Names and other text people wrote are bidi-isolated where they meet the other direction (issue 11
part 6): <bdi> in HTML, FSI…PDI in plain text (e-mail subjects, page titles)."""

import re
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from cities.tests.factories import CityFactory
from core.mail import email_render
from core.text import FSI, PDI, isolate

RLO = "\u202e"


def body(response) -> str:
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def test_isolate_wraps_a_cleaned_value():
    assert isolate("تونس") == f"{FSI}تونس{PDI}"
    assert isolate(f"Evil{RLO} {PDI}name") == f"{FSI}Evil name{PDI}"  # its own controls go
    assert isolate("") == "" and isolate(None) == ""


def test_the_bdi_filter_escapes_the_value():
    html = Template("{% load bidi %}{{ name|bdi }}").render(Context({"name": "<b>Tunis</b>"}))
    assert html == "<bdi>&lt;b&gt;Tunis&lt;/b&gt;</bdi>"


def test_an_email_subject_isolates_an_arabic_name_in_an_english_sentence():
    exchange = SimpleNamespace(
        requester=SimpleNamespace(display_name="صفاقس"), partner=SimpleNamespace(display_name=f"Riverton{RLO}")
    )
    message = email_render("exchanges/email/message", {"exchange": exchange, "actor": None}, language="en")
    assert message["subject"] == f"New message in the exchange between {FSI}صفاقس{PDI} and {FSI}Riverton{PDI}"


def test_isolates_typed_by_someone_are_still_dropped_from_emails():
    exchange = SimpleNamespace(requester=SimpleNamespace(display_name="A"), partner=SimpleNamespace(display_name="B"))
    actor = SimpleNamespace(display_name=f"{FSI}Ama{PDI} {FSI}")
    message = email_render("exchanges/email/message", {"exchange": exchange, "actor": actor}, language="en")
    # The typed isolates are gone; the one the template puts around the name is the only one left.
    assert f"{FSI}Ama {PDI}" in message["body"]
    assert message["body"].count(FSI) == 1 and message["body"].count(PDI) == 1


def test_email_bodies_isolate_names_in_plain_text_and_in_html():
    help_request = SimpleNamespace(city=SimpleNamespace(display_name="صفاقس"), subject="Youth centres", pk=1)
    person = SimpleNamespace(name="Amina")
    context = {"help_request": help_request, "person": person, "page_url": "https://example.org/x"}
    message = email_render("helpdesk/email/new_request", context, language="en")
    assert f"{FSI}صفاقس{PDI}" in message["body"] and f"Dear {FSI}Amina{PDI}," in message["body"]
    assert "<bdi>صفاقس</bdi>" in message["html"] and "<bdi>Amina</bdi>" in message["html"]


# Values in e-mail sentences that people wrote (names of people and authorities, subjects) and that
# must be isolated: `isolate` in plain text, `bdi` in HTML.
PEOPLES_TEXT = {"name", "city", "partner", "actor", "subject", "authority", "a", "b"}


def test_every_email_template_isolates_what_people_wrote():
    from pathlib import Path

    from django.conf import settings

    templates = [
        p for d in settings.TEMPLATES[0]["DIRS"] for p in Path(d).glob("*/email/*") if p.suffix in (".txt", ".html")
    ]
    assert len(templates) > 30
    bare = []
    for path in templates:
        wanted = "isolate" if path.suffix == ".txt" else "bdi"
        for clause in re.findall(r"\{% blocktranslate [^%]*with ([^%]*)%\}", path.read_text()):
            for key, value in re.findall(r"(\w+)=(\S+)", clause):
                if key in PEOPLES_TEXT and not value.endswith(f"|{wanted}"):
                    bare.append(f"{path.parent.parent.name}/{path.parent.name}/{path.name}: {key}={value}")
    assert not bare, bare


@pytest.mark.django_db
def test_a_latin_city_name_is_isolated_on_an_arabic_page(client):
    CityFactory(slug="riverton", name="Riverton", name_en="Riverton")
    html = body(client.get("/ar/network/"))
    assert "<bdi>Riverton</bdi>" in html


@pytest.mark.django_db
def test_an_arabic_city_name_is_isolated_on_an_english_page(client):
    CityFactory(slug="sfax", name="صفاقس", name_en="")
    html = body(client.get("/en/network/"))
    assert re.search(r"<bdi[^>]*>صفاقس</bdi>", html)  # the name as written, beside its Latin spelling


def test_names_in_a_list_are_isolated_and_joined_by_the_language_rules():
    from django.utils import translation

    template = Template("{% load bidi %}{{ names|bdi_list }}")
    names = ["Université de Tunis", "<Hub>", "مركز"]
    with translation.override("en"):
        html = template.render(Context({"names": names}))
    assert html == "<bdi>Université de Tunis</bdi>, <bdi>&lt;Hub&gt;</bdi>, and <bdi>مركز</bdi>"
    with translation.override("ar"):
        html = template.render(Context({"names": names}))
    assert html == "<bdi>Université de Tunis</bdi> و<bdi>&lt;Hub&gt;</bdi> و<bdi>مركز</bdi>"


@pytest.mark.django_db
def test_names_in_admin_listings_are_isolated(client, world):
    """Every Wagtail table cell (snippet listings: authorities, glossary, experts…): a Latin name
    ending in brackets in the Arabic admin, or an Arabic one in the English admin, keeps its order."""
    from conftest import as_role

    as_role(client, world, "staff")
    CityFactory(slug="zarqa", name="الزرقاء", name_en="Zarqa (Jordan)")
    html = client.get("/admin/snippets/cities/city/").content.decode()
    assert re.search(r"<bdi>\s*الزرقاء\s*</bdi>", html)  # the title column
    html = client.get("/admin/snippets/translations/glossaryterm/").content.decode()
    assert re.search(r"<td[^>]*>\s*<bdi>اللجنة التوجيهية الدولية</bdi>", html)  # a plain column
