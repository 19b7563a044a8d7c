"""The glossary check of a page's translations: every segment, machine or human, whose source holds a
glossary term while the translation lacks the term's approved form (`glossary.glossary_check`).

Read from wagtail-localize's own rows, so it covers what the engine wrote and what a translator wrote
or corrected in the editor alike: the original page's `TranslationSource`, its `StringSegment`s, and
their `StringTranslation`s in every other language. Five queries a page, whatever its length.
Shown to the people who may edit the page (`job_views.glossary_check`), and announced on the edit
view of the original and of each translation (`job_views.edit_view_messages`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from .glossary import GlossaryIssue, glossary_check, glossary_matcher
from .jobs import original_of


@dataclass
class Flag:
    source_text: str  # the segment, as in the original (HTML of rich text, inline tags only)
    target_text: str
    machine: bool  # written by an engine and not edited by a person since
    issues: list[GlossaryIssue]


@dataclass
class LanguageFlags:
    locale: Locale
    page: Page | None  # the page in that language, when it exists
    flags: list[Flag] = field(default_factory=list)


def glossary_flags(page: Page) -> list[LanguageFlags]:
    """The flagged segments of `page`'s translations, per language (by language code), only the
    languages with at least one: all of them for an original, that language only for a translation."""
    original = original_of(page)
    source = (
        TranslationSource.objects.filter(object_id=original.translation_key, locale_id=original.locale_id)
        .select_related("locale")
        .first()
    )
    if source is None:
        return []
    segments = list(StringSegment.objects.filter(source=source).select_related("string").order_by("order"))
    by_key = {(segment.string_id, segment.context_id): segment for segment in segments}
    rows = StringTranslation.objects.filter(
        context__object_id=source.object_id, translation_of_id__in={segment.string_id for segment in segments}
    ).exclude(locale_id=source.locale_id)
    if original.pk != page.pk:
        rows = rows.filter(locale_id=page.locale_id)
    matcher = glossary_matcher()
    source_language = source.locale.language_code
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    found: dict[int, list[tuple[int, Flag]]] = {}
    for row in rows.only("translation_of_id", "context_id", "locale_id", "data", "translation_type"):
        segment = by_key.get((row.translation_of_id, row.context_id))
        if segment is None:
            continue
        target_language = locales[row.locale_id].language_code
        issues = glossary_check(segment.string.data, row.data, source_language, target_language, matcher)
        if issues:
            flag = Flag(
                source_text=segment.string.data,
                target_text=row.data,
                machine=row.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE,
                issues=issues,
            )
            found.setdefault(row.locale_id, []).append((segment.order, flag))
    if not found:
        return []
    pages = {
        translated.locale_id: translated
        for translated in Page.objects.filter(translation_key=original.translation_key, locale_id__in=found)
    }
    languages = [
        LanguageFlags(
            locale=locales[locale_id],
            page=pages.get(locale_id),
            flags=[flag for _order, flag in sorted(flags, key=lambda item: item[0])],
        )
        for locale_id, flags in found.items()
    ]
    return sorted(languages, key=lambda language: language.locale.language_code)
