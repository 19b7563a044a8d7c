"""Names in Latin letters: the readable form of a name written in another script, and the
address (slug) made from it.

Most scripts go through anyascii (ISC licence; Unidecode was not used, it is GPL), which
romanises Cyrillic, Greek, Chinese, Korean and others well ("Београд" → "Beograd"). For Arabic
(and the Persian and Urdu letters) anyascii drops the alef and keeps hamza and ayn as marks
("الخرطوم" → "lkhrtwm"), so Arabic goes through the table below: a simplified UNGEGN / BGN-PCGN
romanisation without diacritics, so that it reads easily and types on any keyboard:

- the definite article at the start of a word is "al-" (not assimilated: "al-Riyad", as the
  names are usually written in English), and the next letter is capitalised;
- alef is "a"; waw and ya are "w" and "y" at the start of a word or after a vowel, and the long
  vowels "u" and "i" after a consonant; ta marbuta and alef maqsura are "a";
- hamza and ayn are an apostrophe in the name and nothing in the address;
- the short vowels are not written in most Arabic text and cannot be guessed without a
  dictionary, so "الخرطوم" is "Al-Khrtum" (with its vowel marks, "الخَرْطُوم", it is
  "Al-Khartum"). This is why staff can correct the Latin name in the admin.
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from django.utils.text import slugify

ARABIC_LETTERS = {
    "ء": "'",
    "آ": "a",
    "أ": "a",
    "ؤ": "'",
    "إ": "i",
    "ئ": "'",
    "ا": "a",
    "ب": "b",
    "ة": "a",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "'",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ى": "a",
    "ٱ": "a",
    # Persian and Urdu letters
    "پ": "p",
    "چ": "ch",
    "ژ": "zh",
    "ڤ": "v",
    "ک": "k",
    "گ": "g",
    "ۀ": "a",
    "ہ": "h",
    "ھ": "h",
    "ە": "a",
}
WAW = "و"
YA = {"ي", "ی", "ې", "ے"}
VOWEL_MARKS = {"\u064e": "a", "\u064f": "u", "\u0650": "i", "\u064b": "an", "\u064c": "un", "\u064d": "in"}
SHADDA = "\u0651"
SILENT = {"\u0652", "\u0640", "\u0670"}  # sukun, tatweel, superscript alef
VOWEL_LETTERS = {"ا", "آ", "أ", "إ", "ى", "ة", WAW, *YA}
ARTICLE = "ال"
ARABIC_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")


def _arabic_word(word: str) -> str:
    word = unicodedata.normalize("NFKC", word)
    prefix = ""
    if word.startswith(ARTICLE) and len(word) > 3:
        prefix, word = "al-", word[2:]
    out: list[str] = []
    marked = False  # the last sign was a vowel mark
    after_vowel = True  # the start of a word behaves like a vowel: waw is "w", ya is "y"
    for letter in word:
        if letter in VOWEL_MARKS:
            out.append(VOWEL_MARKS[letter])
            after_vowel = marked = True
            continue
        if letter == SHADDA:
            if out:
                out.append(out[-1][-1])
            continue
        if letter in SILENT:
            continue
        long_vowel = {WAW: "u", "ا": "a", **dict.fromkeys(YA, "i")}.get(letter)
        if long_vowel and out and out[-1] == long_vowel and marked:
            # The vowel mark already wrote it: "خُو" is "khu", not "khuw".
            marked = False
            continue
        marked = False
        if letter == WAW:
            out.append("w" if after_vowel else "u")
            after_vowel = not after_vowel
        elif letter in YA:
            out.append("y" if after_vowel else "i")
            after_vowel = not after_vowel
        else:
            out.append(ARABIC_LETTERS.get(letter) or anyascii(letter))
            after_vowel = letter in VOWEL_LETTERS
    body = "".join(out)
    return prefix + body


@lru_cache(maxsize=4096)
def romanise(text: str) -> str:
    """`text` in Latin letters, each word capitalised where the script has no case.
    Text already in Latin letters is returned as it is."""
    text = (text or "").strip()
    if not text or is_latin(text):
        return text
    parts = []
    for chunk in re.split(r"(\s+|-)", text):
        if ARABIC_WORD.fullmatch(chunk):
            article, _dash, rest = _arabic_word(chunk).rpartition("al-")
            roman = f"{article}{'al-' if _dash else ''}{_capitalised(rest)}"
        elif any(ch.isalpha() and not (ch.isupper() or ch.islower()) for ch in chunk):
            # A script without capitals (Chinese, Korean...): anyascii capitalises each syllable.
            roman = _capitalised(anyascii(chunk).lower())
        else:
            roman = anyascii(chunk)
        parts.append(roman)
    return _capitalised(re.sub(r"\s+", " ", "".join(parts)).strip())


def _capitalised(text: str) -> str:
    """`text` with its first letter in capitals ("'amman" → "'Amman")."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


@lru_cache(maxsize=4096)
def is_latin(text: str) -> bool:
    """Whether every letter of `text` is a Latin letter (accents allowed)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def slug_from(text: str, max_length: int = 100) -> str:
    """An address made of lowercase Latin letters, digits and hyphens; "" when nothing is left."""
    slug = slugify(anyascii(romanise(text)).replace("'", ""))
    return slug[:max_length].strip("-")
