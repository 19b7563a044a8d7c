"""Machine translation with the glossary applied: the one entry point for the task layer.

`machine_translate()` picks the engine for the pair (`engines.engine_for`), protects the
glossary's terms, sends the texts in batches (retries inside the engine), puts the approved
forms back and checks the result. A pair with no engine raises `PairQueuedForHuman`; an engine
that fails raises `engines.EngineError`, whose message says what went wrong, for the task layer
to record. Nothing is saved here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .engines import EngineError, engine_for
from .engines.base import language_of
from .glossary import GlossaryIssue, glossary_check, glossary_matcher, protect, restore
from .models import TranslationStatus

__all__ = [
    "EngineError",
    "MachineTranslation",
    "PairQueuedForHuman",
    "machine_translate",
    "translation_status_refresh",
]


class PairQueuedForHuman(Exception):
    """No configured engine covers the pair: a person translates it."""

    def __init__(self, source: str, target: str):
        self.source, self.target = source, target
        super().__init__(f"no machine translation engine for {source}→{target}: queued for a human")


@dataclass
class MachineTranslation:
    engine: str
    texts: list[str]
    issues: list[list[GlossaryIssue]]  # per text: glossary terms whose approved form is missing


def machine_translate(*, source: str, target: str, texts: Sequence[str]) -> MachineTranslation:
    """Translate HTML segments (wagtail-localize's `StringValue.data`) from `source` to `target`."""
    source, target = language_of(source), language_of(target)
    engine = engine_for(source, target)
    if engine is None:
        raise PairQueuedForHuman(source, target)
    matcher = glossary_matcher()
    protected = [protect(text, source, target, matcher) for text in texts]
    raw = engine.translate_texts(source, target, [item.text for item in protected])
    translated = [restore(text, item) for text, item in zip(raw, protected, strict=True)]
    issues = [
        glossary_check(original, text, source, target, matcher)
        for original, text in zip(texts, translated, strict=True)
    ]
    return MachineTranslation(engine=engine.display_name, texts=translated, issues=issues)


# Origin and status per translation ----------------------------------------------------------
#
# The rule (docs/translation.md, "Status per translation"), decided each time a page is published:
#
# - the page wagtail-localize translates from (its `TranslationSource`'s locale) is ORIGINAL;
# - a translation is OUT_OF_DATE when the original's text (its translatable segments) differs
#   from the text the translation was made from, or when a segment of that text has no
#   translation in the language (the page shows the original's words there);
# - else MACHINE when any segment's translation was made by a machine engine
#   (`StringTranslation.translation_type == "machine"`), REVIEWED when a person wrote or saved
#   every segment in wagtail-localize's editor (saving a segment there makes it "manual").
#
# A translation that is no longer synchronised (the editor chose "stop translating" and edits it
# in Wagtail's own editor) is the person's own text: REVIEWED when they publish it, OUT_OF_DATE
# when the original is published with text other than the one it was translated from.

Status = TranslationStatus.Status


def _source_texts(source: TranslationSource) -> Counter:
    return Counter(StringSegment.objects.filter(source=source).values_list("string__data", flat=True).order_by())


def source_changed(source: TranslationSource, original: Page | None = None) -> bool:
    """Whether the original's live text differs from the text its translations were made from:
    the texts of its segments, wherever they stand (a block moved or recreated with the same text
    is not a change; a text with no translation in its new place is found by `_translated_status`)."""
    if original is None:
        original = _source_object(source)
    if original is None:
        return False
    live = Counter(
        segment.string.data
        for segment in extract_segments(original.specific if isinstance(original, Page) else original)
        if isinstance(segment, StringSegmentValue)
    )
    return live != _source_texts(source)


def _source_object(source: TranslationSource):
    """The original as it stands now (a page's live version: the page row), of its specific type."""
    model = ContentType.objects.get_for_id(source.specific_content_type_id).model_class()
    if model is None:
        return None
    return model._default_manager.filter(translation_key=source.object_id, locale_id=source.locale_id).first()


def _translated_status(translation: Translation, *, changed: bool) -> str:
    if changed:
        return Status.OUT_OF_DATE
    if not translation.enabled:
        return Status.REVIEWED
    segments = list(
        StringSegment.objects.filter(source_id=translation.source_id).values_list("string_id", "context_id")
    )
    kinds = dict(
        ((string_id, context_id), kind)
        for string_id, context_id, kind in StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            translation_of_id__in={string_id for string_id, _ in segments},
        ).values_list("translation_of_id", "context_id", "translation_type")
    )
    found = [kinds.get(segment) for segment in segments]
    if any(kind is None for kind in found):
        return Status.OUT_OF_DATE
    if any(kind == StringTranslation.TRANSLATION_TYPE_MACHINE for kind in found):
        return Status.MACHINE
    return Status.REVIEWED


def _status_set(*, translation_key, locale_id: int, status: str, source_locale_id: int | None) -> None:
    """Written only when it changes: `updated_at` then says since when the translation has had its
    status (the dashboard's "waiting longest for a review"), not when it was last checked."""
    row, created = TranslationStatus.objects.get_or_create(
        translation_key=translation_key,
        locale_id=locale_id,
        defaults={"status": status, "source_locale_id": source_locale_id},
    )
    if not created and (row.status, row.source_locale_id) != (status, source_locale_id):
        row.status, row.source_locale_id = status, source_locale_id
        row.save(update_fields=["status", "source_locale", "updated_at"])


@transaction.atomic
def translation_status_refresh(*, page: Page) -> None:
    """Bring the statuses of `page`'s translation group up to date after `page` was published.

    Called by the `page_published` wiring (`signals.py`) for every page type: publishing an
    original re-checks all its translations (its text may have changed); publishing a translation
    (wagtail-localize's editor, "sync translated pages", machine translation then publish)
    re-checks that one. Pages wagtail-localize knows nothing of are left without a status.
    """
    _group_status_refresh(page)


@transaction.atomic
def snippet_status_refresh(*, instance) -> None:
    """The same for a translatable snippet (any `TranslatableMixin` model that is not a page) after it
    was saved: a snippet has no publishing (wagtail-localize's editor and "Sync translated
    snippets" save it at once), so its save is the moment readers see the text. Statuses of pages
    and snippets share the table: wagtail-localize itself keys every translatable object by its
    `translation_key` alone (`TranslatableObject`'s primary key)."""
    _group_status_refresh(instance)


def _group_status_refresh(page) -> None:
    key, locale_id = page.translation_key, page.locale_id
    source = TranslationSource.objects.filter(object_id=key, locale_id=locale_id).first()
    if source is not None:
        _status_set(translation_key=key, locale_id=locale_id, status=Status.ORIGINAL, source_locale_id=None)
        translations = list(Translation.objects.filter(source=source))
        if not translations:
            return
        changed = source_changed(source, page)
        for translation in translations:
            _status_set(
                translation_key=key,
                locale_id=translation.target_locale_id,
                status=_translated_status(translation, changed=changed),
                source_locale_id=source.locale_id,
            )
        return
    translation = (
        Translation.objects.filter(source__object_id=key, target_locale_id=locale_id).select_related("source").first()
    )
    if translation is None:
        return
    source = translation.source
    _status_set(translation_key=key, locale_id=source.locale_id, status=Status.ORIGINAL, source_locale_id=None)
    changed = translation.enabled and source_changed(source)
    _status_set(
        translation_key=key,
        locale_id=locale_id,
        status=_translated_status(translation, changed=changed),
        source_locale_id=source.locale_id,
    )
