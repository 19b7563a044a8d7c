"""Matched words marked in the text as written, found through the folded text.

The search matches folded words (`core.text.fold`), so the words to mark are found in a folded
copy of the text that remembers, for each of its characters, which character of the original it
came from: "المدينة" is marked for the query "المدينه", "résiliente" for "resiliente". Everything
else is escaped.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.text import fold


def _dropped(ch: str) -> bool:
    """Characters the folding removes inside a word: combining marks (harakat, accents), tatweel."""
    return ch == "\u0640" or unicodedata.category(ch).startswith("M")


def _fold_char(ch: str) -> str:
    """One character folded: its folded form, " " for a separator, "" when the folding drops it."""
    piece = fold(ch)
    if not piece:
        return "" if _dropped(ch) else " "
    return piece


# Each character's `_fold_char`, remembered (a text is folded character by character: a dictionary
# lookup instead of `fold` for every one); ASCII as one `str.translate` table (one character each).
_ASCII = {code: _fold_char(chr(code)) for code in range(128)}
_CHARS: dict[str, str] = {}
_CHARS_KEPT = 20_000  # distinct characters remembered at most (any text is still folded right beyond it)


def folded_with_origins(text: str) -> tuple[str, list[int]]:
    """`text` folded character by character, and for each folded character the index of the
    original character it comes from. Separators become one space each, so word edges stay."""
    if text.isascii():  # one folded character for each
        return text.translate(_ASCII), list(range(len(text)))
    out: list[str] = []
    origins: list[int] = []
    chars = _CHARS
    for position, ch in enumerate(text):
        piece = chars.get(ch)
        if piece is None:
            piece = _fold_char(ch)
            if len(chars) < _CHARS_KEPT:
                chars[ch] = piece
        if not piece:
            continue
        out.append(piece)
        if len(piece) == 1:
            origins.append(position)
        else:
            origins.extend([position] * len(piece))
    return "".join(out), origins


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def match_spans(text: str, terms: list[str], *, whole_words: bool = True) -> list[tuple[int, int]]:
    """Start and end offsets in `text` of every occurrence of a folded term, merged and sorted."""
    if not text or not terms:
        return []
    folded, origins = folded_with_origins(text)
    spans = []
    pattern = re.compile("|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True) if term))
    for match in pattern.finditer(folded):
        start, end = match.start(), match.end()
        if whole_words and (
            (start > 0 and _is_word(folded[start - 1])) or (end < len(folded) and _is_word(folded[end]))
        ):
            continue
        first, last = origins[start], origins[end - 1] + 1
        while last < len(text) and _dropped(text[last]):  # keep a word's trailing marks inside the mark
            last += 1
        spans.append((first, last))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str], *, whole_words: bool = True) -> SafeString:
    """`text` escaped, with each matched word in `<mark>`."""
    text = text or ""
    parts, cursor = [], 0
    for start, end in match_spans(text, terms, whole_words=whole_words):
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def excerpt(text: str, terms: list[str], *, length: int = 240) -> SafeString:
    """About `length` characters of `text` around its first match (its start when none), cut
    between words, highlighted."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return highlight(text, terms)
    spans = match_spans(text, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = highlight(text[start:end], terms)
    return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))  # noqa: S308
