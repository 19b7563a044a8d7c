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
    actor = SimpleNamespace(name=f"{FSI}Ama{PDI} {FSI}")
    message = email_render("exchanges/email/message", {"exchange": exchange, "actor": actor}, language="en")
    assert "Ama" in message["body"] and FSI not in message["body"] and PDI not in message["body"]


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
