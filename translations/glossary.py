"""The glossary applied to machine translation, and the checker.

Texts here are wagtail-localize segments: HTML fragments with inline tags only (`<a id="a1">`,
`<b>`), special characters escaped. Terms are found at word boundaries, case-insensitively,
never inside a tag.

- `protect()` replaces every term found in the source text by a placeholder, an empty inline
  element `<x id="g0"></x>` that the engines carry through untouched (LibreTranslate's and
  Apertium's HTML mode, DeepL's XML tag handling); `restore()` puts the approved form in the
  target language where the placeholder came back. The engine never sees the term, so it cannot
  mistranslate it.
- `glossary_check()` flags a segment (machine or human) whose source holds a term while its
  translation lacks the approved form.

Entries come from three places (`glossary_entries()`): the `GlossaryTerm` table, the Regional
Hubs' names and the member authorities' official names from the directory. A hub or an authority
keeps the name the directory gives it in the target language, or stays as written.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field

from .models import GLOSSARY_LANGUAGES, GlossaryTerm

ANY_LANGUAGE = "*"
TAG_RE = re.compile(r"<[^>]*>")
WORD_RE = re.compile(r"\w+")
PLACEHOLDER_RE = re.compile(r"""<x\s+id\s*=\s*["']?g(\d+)["']?\s*/?>(?:\s*</x\s*>)?""", re.IGNORECASE)
# Arabic writes some prepositions and conjunctions as one letter joined to the next word
# ("واللجنة": "and the committee"): a term may start after up to two of them.
ARABIC_CLITICS = "وفبكل"


@dataclass(frozen=True)
class Entry:
    """One glossary entry: the forms recognised in a source language (ANY_LANGUAGE: in every one),
    the approved form per target language, and whether a term with no approved form stays as written."""

    label: str
    sources: dict[str, tuple[str, ...]]
    targets: dict[str, str]
    keep_as_written: bool = False

    def target_form(self, target: str, matched: str) -> str | None:
        form = self.targets.get(target)
        if form:
            return form
        return matched if self.keep_as_written else None


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry

    def text(self, source_text: str) -> str:
        return html.unescape(source_text[self.start : self.end])


@dataclass
class Protected:
    """A source text with its terms replaced by placeholders, and what goes back in each."""

    text: str
    slots: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GlossaryIssue:
    term: str
    expected: str

    def __str__(self) -> str:
        return f"“{self.term}” → “{self.expected}”"


def _entries_from_terms(terms) -> list[Entry]:
    entries = []
    for term in terms:
        if term.do_not_translate:
            entries.append(Entry(term.term_en, {ANY_LANGUAGE: (term.term_en,)}, {}, keep_as_written=True))
            continue
        forms = {language: term.form(language) for language in GLOSSARY_LANGUAGES}
        forms = {language: form for language, form in forms.items() if form}
        entries.append(Entry(term.term_en, {lang: (form,) for lang, form in forms.items()}, forms))
    return entries


def _entries_from_directory() -> list[Entry]:
    from cities.models import City, Hub

    entries = []
    for hub in Hub.objects.all():
        forms = {lang: getattr(hub, f"name_{lang}") for lang in GLOSSARY_LANGUAGES if getattr(hub, f"name_{lang}")}
        entries.append(Entry(hub.name_en, {lang: (form,) for lang, form in forms.items()}, forms, keep_as_written=True))
    fields = ("name", "name_latin", *(f"name_{lang}" for lang in GLOSSARY_LANGUAGES))
    for row in City.objects.public().values_list(*fields):
        official, latin, *localized = row
        targets = {lang: name for lang, name in zip(GLOSSARY_LANGUAGES, localized, strict=True) if name}
        names = tuple(dict.fromkeys(name for name in (official, latin, *localized) if name))
        entries.append(Entry(official, {ANY_LANGUAGE: names}, targets, keep_as_written=True))
    return entries


class Matcher:
    """Finds entries in HTML text: forms indexed by their first word, longest tried first."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        # language -> first word -> (form -> entry, the forms' lengths, longest first)
        self._index: dict[str, dict[str, tuple[dict[str, Entry], list[int]]]] = {}
        for entry in entries:
            for language, forms in entry.sources.items():
                for form in forms:
                    escaped = html.escape(form, quote=False).lower()
                    first = WORD_RE.search(escaped)
                    if first is None or first.start() != 0:
                        continue
                    by_word = self._index.setdefault(language, {})
                    by_form, _lengths = by_word.setdefault(first.group(), ({}, []))
                    by_form.setdefault(escaped, entry)
        for by_word in self._index.values():
            for word, (by_form, _lengths) in by_word.items():
                by_word[word] = (by_form, sorted({len(form) for form in by_form}, reverse=True))

    def _candidates(self, language: str, word: str):
        for key in (language, ANY_LANGUAGE):
            found = self._index.get(key, {}).get(word)
            if found:
                yield found

    def find(self, text: str, language: str) -> list[Match]:
        """Non-overlapping matches, left to right, longest first, outside tags."""
        if not self._index:
            return []
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter whose lower case is longer: compare as written
            lowered = text
        tags = [(m.start(), m.end()) for m in TAG_RE.finditer(text)]
        matches: list[Match] = []
        position = 0
        for word in WORD_RE.finditer(lowered):
            start = word.start()
            if start < position or any(a <= start < b for a, b in tags):
                continue
            match = self._match_at(text, lowered, start, language)
            if match is None and language == "ar":
                offset = 0
                while match is None and offset < 2 and lowered[start + offset] in ARABIC_CLITICS:
                    offset += 1
                    match = self._match_at(text, lowered, start + offset, language)
            if match is not None:
                matches.append(match)
                position = match.end
        return matches

    def _match_at(self, text: str, lowered: str, start: int, language: str) -> Match | None:
        word = WORD_RE.match(lowered, start)
        if word is None:
            return None
        for by_form, lengths in self._candidates(language, word.group()):
            for length in lengths:
                end = start + length
                entry = by_form.get(lowered[start:end])
                if entry is not None and (end == len(lowered) or not WORD_RE.match(lowered[end])):
                    return Match(start, end, entry)
        return None


def _cased_like(form: str, matched: str) -> str:
    """ "Focal point" at the start of a sentence gives "Point focal", not "point focal"."""
    if matched[:1].isupper() and form[:1].islower():
        return form[:1].upper() + form[1:]
    return form


_cache_lock = threading.Lock()
_cache: dict[tuple, Matcher] = {}


def _version() -> tuple:
    from django.db.models import Count, Max

    from cities.selectors import data_version

    stats = GlossaryTerm.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    version = data_version()
    return (str(version), stats["count"], stats["latest"]), version.shared


def glossary_matcher() -> Matcher:
    """The matcher for the glossary and the directory as they are now. Built again when a term or
    the network data changes (keyed on the table's state and the shared data version, read from
    the database, so no process keeps a stale copy)."""
    key, shareable = _version()
    with _cache_lock:
        matcher = _cache.get(key)
    if matcher is None:
        entries = _entries_from_terms(GlossaryTerm.objects.all()) + _entries_from_directory()
        matcher = Matcher(entries)
        if shareable:
            with _cache_lock:
                _cache.clear()
                _cache[key] = matcher
    return matcher


def forget_glossary() -> None:
    with _cache_lock:
        _cache.clear()


def glossary_entries() -> list[Entry]:
    return glossary_matcher().entries


def protect(text: str, source: str, target: str, matcher: Matcher | None = None) -> Protected:
    """`text` with each term that has a form in `target` replaced by a placeholder."""
    matcher = matcher or glossary_matcher()
    result = Protected(text="")
    pieces, position = [], 0
    for match in matcher.find(text, source):
        matched = match.text(text)
        form = match.entry.target_form(target, matched)
        if form is None:
            continue
        pieces.append(text[position : match.start])
        pieces.append(f'<x id="g{len(result.slots)}"></x>')
        result.slots.append(matched if form == matched else _cased_like(form, matched))
        position = match.end
    pieces.append(text[position:])
    result.text = "".join(pieces)
    return result


def restore(translated: str, protected: Protected) -> str:
    """The engine's output with each placeholder replaced by its approved form (HTML-escaped).
    A placeholder the engine dropped leaves the term out: `glossary_check()` then flags it."""

    def put_back(match: re.Match) -> str:
        index = int(match.group(1))
        if index >= len(protected.slots):
            return ""
        return html.escape(protected.slots[index], quote=False)

    return PLACEHOLDER_RE.sub(put_back, translated)


def _plain(text: str) -> str:
    return " ".join(html.unescape(TAG_RE.sub(" ", text)).split()).casefold()


def glossary_check(source_text: str, target_text: str, source: str, target: str, matcher: Matcher | None = None):
    """The terms of `source_text` whose approved form in `target` is missing from `target_text`
    (machine or human translation alike). Each term is listed once."""
    matcher = matcher or glossary_matcher()
    plain_target = _plain(target_text)
    issues: list[GlossaryIssue] = []
    for match in matcher.find(source_text, source):
        matched = match.text(source_text)
        expected = match.entry.target_form(target, matched)
        if expected is None:
            continue
        issue = GlossaryIssue(term=matched, expected=expected)
        if _plain(expected) not in plain_target and issue not in issues:
            issues.append(issue)
    return issues
