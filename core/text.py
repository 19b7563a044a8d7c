"""Text folding for search that matches across scripts, accents and spelling.

`fold("Mombasá")` and `fold("mombasa")` give the same key; Arabic is folded
whatever its harakat (short-vowel marks), tatweel, alef/hamza forms, taa
marbuta or alef maqsura, so a visitor finds "المدينة" by typing "المدينه".
The same key is stored on each record and computed from each query, so the
match is a plain substring test that SQLite and PostgreSQL both do.
"""

import re
import unicodedata

# Harakat and other Arabic combining marks, Quranic annotation marks and the
# superscript alef; U+0640 is tatweel (kashida), a purely visual stretch.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0626": "\u064a",  # yeh with hamza -> yeh
        "\u0649": "\u064a",  # alef maqsura -> yeh
        "\u0629": "\u0647",  # taa marbuta -> heh
        "\u06cc": "\u064a",  # Persian yeh -> Arabic yeh
        "\u06a9": "\u0643",  # Persian keheh -> kaf
    }
)
_SPACES = re.compile(r"[\s\-‐-―_'’`.,;:()\[\]/\\\"]+")


def fold(text: str) -> str:
    """Return the search key of `text`: lower case, no accents or Arabic marks."""
    if not text:
        return ""
    if text.isascii():  # fast path: most names, nothing to strip
        return _SPACES.sub(" ", text.lower()).strip()
    text = _ARABIC_MARKS.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_ARABIC_LETTERS).casefold()
    text = text.replace("ß", "ss").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    return _SPACES.sub(" ", text).strip()
