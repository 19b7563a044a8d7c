"""Issue 11, part 6: every language name a reader sees is in the reader's language (CLDR, by Babel)."""

import re

import pytest
from django.utils import translation

from cities.models import Language, language_name

pytestmark = pytest.mark.django_db
ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")


def test_every_working_language_is_named_in_arabic():
    with translation.override("ar"):
        names = {language.code: language_name(language.code) for language in Language.objects.all()}
    assert len(names) > 40
    assert {code: name for code, name in names.items() if not ARABIC_LETTERS.search(name)} == {}


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", {"so": "Somali", "ps": "Pachto", "am": "Amharique", "sw": "Swahili", "ar": "Arabe"}),
        ("es", {"so": "Somalí", "ps": "Pastún", "am": "Amárico", "sw": "Suajili", "ar": "Árabe"}),
        ("en", {"so": "Somali", "ps": "Pashto", "am": "Amharic", "sw": "Swahili", "ar": "Arabic"}),
    ],
)
def test_language_names_follow_the_reader(language, expected):
    with translation.override(language):
        assert {code: language_name(code) for code in expected} == expected


def test_an_unknown_code_shows_as_itself():
    assert language_name("zz") == "zz"
