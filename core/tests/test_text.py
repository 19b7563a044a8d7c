import pytest

from core.text import fold, strip_unsafe_characters


@pytest.mark.parametrize(
    "variant, plain",
    [
        ("مُومْبَاسَا", "مومباسا"),  # harakat
        ("مومـــباسا", "مومباسا"),  # tatweel
        ("أديس أبابا", "اديس ابابا"),  # hamza on alef
        ("إربد", "اربد"),  # hamza below
        ("آمد", "امد"),  # madda
        ("المدينة", "المدينه"),  # taa marbuta
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("Mombasá", "mombasa"),
        ("São Paulo", "sao paulo"),
        ("Zürich", "zurich"),
        ("ŁÓDŹ", "lodz"),
    ],
)
def test_variants_fold_to_the_same_key(variant, plain):
    assert fold(variant) == fold(plain)


def test_different_names_stay_different():
    assert fold("Mombasa") != fold("Nairobi")
    assert fold("عمان") != fold("عمار")


def test_emoji_and_markup_do_not_break_folding():
    assert fold("🙂 <script>") == "🙂 <script>"
    assert fold("") == ""


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("Riverton\u202e (demo)", "Riverton (demo)"),  # right-to-left override
        ("\u2067abc\u2069 \u202adef\u202c", "abc def"),  # isolates, embedding and its pop
        ("bell\x07 null\x00 esc\x1b del\x7f c1\x85", "bell null esc del c1"),
        ("line one\r\nline two\ttabbed", "line one\r\nline two\ttabbed"),  # layout characters stay
        ("\u0645\u0648\u0645\u0628\u0627\u0633\u0627 \u200f(Mombasa)\u200e 2024", None),  # RLM/LRM stay
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u061c", None),  # ZWNJ and Arabic letter mark stay
        ("", ""),
    ],
)
def test_control_and_bidi_override_characters_are_removed(typed, kept):
    assert strip_unsafe_characters(typed) == (typed if kept is None else kept)
