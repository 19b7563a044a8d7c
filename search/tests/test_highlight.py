"""Query words and highlighting: folded matching, escaping, long and hostile input."""

import pytest

from search.highlight import excerpt, highlight
from search.query import MAX_QUERY_LENGTH, MAX_TERMS, parse_query, query_terms


@pytest.mark.parametrize(
    ("with_marks", "without"),
    [
        ("المَدِينَة", "المدينه"),  # harakat, taa marbuta
        ("ـالمـديـنـة", "المدينة"),  # tatweel
        ("أمن إقليمي آمن", "امن اقليمي امن"),  # hamza and madda on alef
        ("Ville résiliente", "ville resiliente"),
        ("Participación ciudadana", "participacion CIUDADANA"),
        ("Àéîõü ÇÑ", "aeiou cn"),
    ],
)
def test_query_words_are_the_same_with_or_without_diacritics(with_marks, without):
    assert query_terms(with_marks) == query_terms(without)


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("عن المدينة الآمنة", "المدينه", "عن <mark>المدينة</mark> الآمنة"),
        ("عن المَدِينَةِ", "المدينة", "عن <mark>المَدِينَةِ</mark>"),
        ("Une ville résiliente.", "ville resiliente", "Une <mark>ville</mark> <mark>résiliente</mark>."),
        ("Una ciudad resiliente", "CIUDAD", "Una <mark>ciudad</mark> resiliente"),
        ("Participación", "participacion", "<mark>Participación</mark>"),
    ],
)
def test_highlight_marks_what_the_folded_query_matched(text, query, expected):
    assert highlight(text, query_terms(query)) == expected


def test_highlight_marks_whole_words_only_and_escapes_everything_else():
    html = highlight('<script>alert("city")</script> citywide city', ["city"])
    assert html == "&lt;script&gt;alert(&quot;<mark>city</mark>&quot;)&lt;/script&gt; citywide <mark>city</mark>"


def test_highlight_inside_words_for_names():
    assert highlight("Mombasa County", ["momba"], whole_words=False) == "<mark>Momba</mark>sa County"


def test_excerpt_is_cut_between_words_around_the_first_match():
    text = "word " * 200 + "résilience " + "word " * 200
    html = excerpt(text, ["resilience"], length=120)
    assert "<mark>résilience</mark>" in html
    assert html.startswith("… word") and html.endswith("word …")
    assert len(html) < 200


@pytest.mark.parametrize(
    "raw",
    [
        '"resilient city"',
        "city AND NOT youth OR -prevention +x",
        "resil* city~2 title:city (a OR b) ^3 {x} [y] NEAR(a b)",
        "'; DROP TABLE wagtailcore_page; --",
        "%_\\%",
    ],
)
def test_operators_and_quotes_are_plain_words(raw):
    for term in parse_query(raw).terms:
        assert term.isalnum()


def test_a_five_thousand_character_query_is_cut_between_words():
    raw = "résilience " * 455  # 5,005 characters
    query = parse_query(raw)
    assert query.shortened
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert query.text.endswith("résilience")
    assert query.terms == ["resilience"]
    assert len(parse_query(" ".join(f"w{n}" for n in range(50))).terms) == MAX_TERMS


@pytest.mark.parametrize("raw", ["", "   ", '""', "*", "-- ** ()", "\u064b\u0640"])
def test_no_words_is_an_empty_query(raw):
    assert not parse_query(raw)
