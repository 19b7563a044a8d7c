import pytest

from resources.text import count_words, reading_minutes


@pytest.mark.parametrize(
    "text, words",
    [
        ("Local authorities are often the first to notice.", 8),
        # Harakat (fatha, damma, shadda) are part of the word, not breaks: three words, not ten.
        ("كَتَبَ الطَّالِبُ الدَّرْسَ", 3),
        ("تُعَدُّ المدينةُ شريكًا أساسيًّا في الوقاية.", 6),
        # Tatweel stretches a word; Arabic punctuation separates.
        ("مـــدينة، قرية؟ بلدة", 3),
        ("L'équipe municipale s'est réunie aujourd'hui.", 5),
        ("Año 2025: reunión — niños", 4),
        # Decomposed accents (NFD) count like composed ones.
        ("re\u0301union ville\u0301", 2),
        ("", 0),
    ],
)
def test_words_are_counted_in_every_script(text, words):
    assert count_words(text) == words


def test_arabic_reads_slower_than_english():
    assert reading_minutes("word " * 400, "en") == 2
    assert reading_minutes("كلمة " * 400, "ar") == 3  # 400 / 140 words a minute, rounded up
    assert reading_minutes("word", "fr") == 1
    assert reading_minutes("", "en") == 0
