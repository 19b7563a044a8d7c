"""Text folding for search that matches across scripts, accents and spelling.

`fold("Mombasá")` and `fold("mombasa")` give the same key; Arabic is folded
whatever its harakat (short-vowel marks), tatweel, alef/hamza forms, taa
marbuta or alef maqsura, so a visitor finds "المدينة" by typing "المدينه".
The same key is stored on each record and computed from each query, so the
match is a plain substring test that SQLite and PostgreSQL both do.

`strip_unsafe_characters` removes the invisible characters that can hide or reorder
text (control characters, bidi overrides); forms apply it to everything people type
(`core.forms.SafeTextMixin`) and e-mails to everything they render (`core.mail`).
"""

import re
import secrets
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar

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


# Characters that are never wanted in what people type, and that can hide or reorder text:
# - C0 and C1 control characters and DEL, except tab, line feed and carriage return;
# - the bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069),
#   which reorder the text around them ("Trojan Source"): a name with U+202E shows its letters
#   backwards, and in a plain-text e-mail or a CSV they can make one text look like another.
# Kept on purpose: the left-to-right, right-to-left and Arabic letter marks (U+200E, U+200F,
# U+061C), which only give a direction to neutral characters next to them and which people
# writing Arabic with Latin names or numbers legitimately type; and the zero-width joiner and
# non-joiner (U+200D, U+200C), which Arabic-script and Indic languages need.
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_unsafe_characters(text: str) -> str:
    """`text` without control characters (but tab and line breaks) and bidi embedding/override/isolate controls."""
    if not text:
        return text
    return _UNSAFE_CHARACTERS.sub("", text)


# Bidi isolation of what people wrote, where it meets text of the other direction (issue 11 part 6).
# In HTML the templates use <bdi> (`core/templatetags/bidi.py`, filter `bdi`); in plain text (e-mail
# subjects, page titles) the value goes between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: an
# Arabic city name then reads right to left inside an English sentence, and a Latin name does not
# pull the Arabic words or numbers around it. These are added on output, around a value cleaned
# first; what people type still loses every bidi control (`strip_unsafe_characters`).
#
# E-mails are cleaned again after rendering (`core/mail.py::email_render`), which would drop our
# isolates with the others: while an e-mail renders, `isolate` writes a marker made for that render
# (`isolates_as_markers`), which nobody can type, and `markers_to_isolates` turns the markers into
# FSI and PDI after the cleaning. Isolates from anywhere else are dropped as before.
FSI, PDI = "\u2068", "\u2069"
_markers: ContextVar[tuple[str, str] | None] = ContextVar("isolate_markers", default=None)


def isolate(value) -> str:
    """`value` as plain text between FSI and PDI, its own bidi controls dropped ("" stays "")."""
    text = strip_unsafe_characters(str(value)) if value is not None else ""
    if not text:
        return ""
    opening, closing = _markers.get() or (FSI, PDI)
    return f"{opening}{text}{closing}"


@contextmanager
def isolates_as_markers():
    """While rendering an e-mail: `isolate` writes markers unique to this render (see above)."""
    nonce = secrets.token_hex(8)
    markers = (f"\ufdd0{nonce}\ufdd1", f"\ufdd1{nonce}\ufdd0")
    token = _markers.set(markers)
    try:
        yield markers
    finally:
        _markers.reset(token)


def markers_to_isolates(text: str | None, markers: tuple[str, str]) -> str | None:
    if not text:
        return text
    return text.replace(markers[0], FSI).replace(markers[1], PDI)
