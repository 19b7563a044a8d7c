"""Reading time from a text in its own language.

Words are runs of letters and digits (Unicode: Arabic, Latin with accents, any script), with the
combining marks that may sit on them (Arabic harakat, shadda; decomposed Latin accents) taken as part
of the word rather than as breaks, and an apostrophe inside a word kept (l'équipe, aujourd'hui).
Python's `\\w` does not match combining marks, so "كَتَبَ" would otherwise count as four words.
"""

import math
import re
import unicodedata

WORD = re.compile(r"\w+(?:['’]\w+)*")

# Words per minute for an adult reading their own language: ~200 for English, French and Spanish,
# slower for Arabic script (vowels unwritten, more letters per word): about 140.
WORDS_PER_MINUTE = {"ar": 140}
DEFAULT_WORDS_PER_MINUTE = 200


def count_words(text: str) -> int:
    decomposed = unicodedata.normalize("NFD", text or "")
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return len(WORD.findall(without_marks.replace("_", " ")))


def reading_minutes(text: str, language: str) -> int:
    """Whole minutes, at least 1 for any text, 0 for none."""
    words = count_words(text)
    if not words:
        return 0
    per_minute = WORDS_PER_MINUTE.get((language or "").split("-")[0], DEFAULT_WORDS_PER_MINUTE)
    return max(1, math.ceil(words / per_minute))
