"""`search/authorities.py`: the member authorities the site search finds, as the directory's test
(`word in folded names`) finds them, in the same order, only public ones; and the highlighting's fast
folding (`search/highlight.py`) giving what character-by-character `fold` gives."""

import random

import numpy as np
import pytest

from cities.directory_index import forget_directory_index, get_directory_index
from cities.models import Stage
from cities.tests.factories import CityFactory
from core.text import fold
from search import authorities, highlight
from search.authorities import NameIndex, matching_authorities

LETTERS = "abcnaé zq|-المدينةزرقاء涛源"


def _texts(rng, count):
    return ["".join(rng.choice(LETTERS) for _ in range(rng.randint(0, 14))) for _ in range(count)]


@pytest.mark.parametrize("dense", [50, 1_000_000_000])  # common bytes compared over the whole array, or not
def test_name_index_finds_exactly_the_texts_containing_a_word(monkeypatch, dense):
    monkeypatch.setattr(authorities, "DENSE", dense)
    rng = random.Random(7)
    texts = _texts(rng, 400)
    names = NameIndex(texts)
    needles = ["a", "na", "é", "ز", "المدينة", "涛源", "| a", "zzzz", "x" * 40]
    needles += [
        text[i : i + rng.randint(1, 4)] for text in rng.sample(texts, 60) if text for i in [rng.randrange(len(text))]
    ]
    for needle in needles:
        assert names.containing(needle).tolist() == [needle in text for text in texts], needle
        assert names.containing("\n" + needle).tolist() == [text.startswith(needle) for text in texts], needle


def _reference(terms, language):
    """The search's rule written plainly: every word in the folded names, public members only; a name
    starting with the query first, then a word starting with the first word, then the others, each in
    the directory's name order."""
    directory = get_directory_index()
    order = directory.order("name", language)
    public = directory.mask({}, staff=False)
    found = [i for i in order if public[i] and all(fold(term) in directory.search_text[i] for term in terms)]
    whole = " ".join(terms)

    def rank(i):
        text = directory.search_text[i]
        if text.startswith(whole) or f"| {whole}" in text:
            return 0
        return 1 if f" {terms[0]}" in text else 2

    return [int(directory.ids[i]) for i in sorted(found, key=rank)]


@pytest.mark.django_db
def test_matching_authorities_are_the_plain_rule_in_the_same_order():
    forget_directory_index()
    names = [
        ("Nairobi", "Nairobi", "نيروبي"),
        ("Naivasha", "Naivasha", ""),
        ("Kisumu Nakuru Road", "Kisumu", ""),
        ("Banana Hill", "Banana Hill", ""),
        ("Old Nairobi West", "", ""),
        ("الزرقاء", "Zarqa", "الزَّرْقاء"),
        ("Zarqa New Town", "Zarqa New Town", ""),
    ]
    for n, (name, name_en, name_ar) in enumerate(names):
        CityFactory(slug=f"n-{n}", name=name, name_en=name_en, name_ar=name_ar)
    CityFactory(slug="hidden", name="Nairobi Applicant", name_en="Nairobi Applicant", stage=Stage.APPLICANT)
    for query in ["na", "nairobi", "a", "zarqa", "zarqa new", "الزرقاء", "نيروبي", "road nak", "zzz"]:
        terms = [fold(word) for word in query.split()]
        for language in ("en", "ar"):
            found = matching_authorities(terms, language)
            assert isinstance(found, np.ndarray)
            assert found.tolist() == _reference(terms, language), (query, language)
    assert matching_authorities(["nairobi"], "en").tolist()[0] == CityFactory._meta.model.objects.get(slug="n-0").pk
    forget_directory_index()


@pytest.mark.django_db
def test_an_authority_the_index_still_lists_is_shown_only_if_public(client, homes, monkeypatch):
    member = CityFactory(slug="lamu", name="Lamu", name_en="Lamu")
    # Not public, but listed by an index built a moment before its stage changed.
    applicant = CityFactory(
        slug="lamu-applicant", name="Lamu Applicant", name_en="Lamu Applicant", stage=Stage.APPLICANT
    )
    monkeypatch.setattr(
        "search.query.matching_authorities", lambda terms, language: np.array([applicant.pk, member.pk])
    )
    html = client.get("/en/search/", {"q": "lamu"}).content.decode()
    assert 'href="/en/network/lamu/"' in html
    assert "lamu-applicant" not in html


def _folded_with_origins_plainly(text):
    out, origins = [], []
    for position, ch in enumerate(text):
        piece = fold(ch)
        if not piece:
            if highlight._dropped(ch):
                continue
            piece = " "
        out.append(piece)
        origins.extend([position] * len(piece))
    return "".join(out), origins


def test_fast_folding_for_highlights_is_fold_character_by_character():
    rng = random.Random(11)
    alphabet = "abcXYZ éèÀçñÑßøđłİı ـَُِّْ المدينةأإآىئؤ ,.;:-_'’\"()[]/\\\t\n\x00\u202e\u200d ﬁ Ⅻ ẞ ½ ² 😀 ﷺ ١٢"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert highlight.folded_with_origins(text) == _folded_with_origins_plainly(text), repr(text)
        assert highlight.folded_with_origins(text) == _folded_with_origins_plainly(text), repr(text)  # remembered
