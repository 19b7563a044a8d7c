"""Readers' reports of translation problems: which pages take them, the segment a quote is found in,
and the two writes (`report_submit` from the public form, `report_close` from the reviewers' queue).

A page takes reports when it is a translation: its status row names an original's language
(`TranslationStatus.source_locale`), or, for a page with no status row, wagtail-localize translates
its group from another language (`TranslationSource`) whose page is live. See docs/translation.md,
"Reporting a problem".
"""

from __future__ import annotations

import html

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from core.mail import email_queue
from core.ratelimit import Limit
from core.text import fold
from core.workflow import NOTE_LIMIT, text_checked

from .models import TranslationReport, TranslationStatus

# Reports sent from one address (core.ratelimit: counters in the shared cache, keyed hashes).
REPORT_LIMIT = Limit("translation-report", 10, 60 * 60)
# A quote folded to fewer characters than this matches no segment (it would match most of them).
MATCH_MIN_CHARS = 2

Report = TranslationReport


def source_locale_id(page: Page) -> int | None:
    """The locale `page` was translated from, or None when it is no translation (an original, a
    page written by hand in each language)."""
    found = (
        TranslationStatus.objects.filter(
            translation_key=page.translation_key, locale_id=page.locale_id, source_locale__isnull=False
        )
        .values_list("source_locale_id", flat=True)
        .first()
    )
    if found is not None:
        return found
    for locale_id in (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .values_list("locale_id", flat=True)
    ):
        if Page.objects.live().filter(translation_key=page.translation_key, locale_id=locale_id).exists():
            return locale_id
    return None


def _plain(data: str) -> str:
    """A segment's text as the reader sees it: wagtail-localize keeps inline tags and entities."""
    return html.unescape(strip_tags(data or ""))


def segment_for_quote(*, translation_key, locale_id: int, source_locale_id: int, quote: str) -> StringSegment | None:
    """The segment of the page's original whose text in `locale_id` holds `quote` (folded: case,
    accents, Arabic marks and spacing do not count); an exact match first, else the shortest text
    holding it; None when the quote spans segments or is not on the page. Where a segment has no
    translation the page shows the original's words, so those are searched too. Two queries."""
    key = fold(quote)
    if len(key) < MATCH_MIN_CHARS:
        return None
    source = TranslationSource.objects.filter(object_id=translation_key, locale_id=source_locale_id).first()
    if source is None:
        return None
    segments = list(StringSegment.objects.filter(source=source).select_related("string").order_by("order"))
    translated = {
        (row.translation_of_id, row.context_id): row.data
        for row in StringTranslation.objects.filter(
            locale_id=locale_id, translation_of_id__in={segment.string_id for segment in segments}
        ).only("translation_of_id", "context_id", "data")
    }
    best, best_length = None, None
    for segment in segments:
        text = fold(_plain(translated.get((segment.string_id, segment.context_id), segment.string.data)))
        if key == text:
            return segment
        if key in text and (best_length is None or len(text) < best_length):
            best, best_length = segment, len(text)
    return best


def _revision_read(page: Page, revision_id) -> Revision | None:
    """The revision the reader says they read, when it is one of this page's; else the live one."""
    try:
        revision_id = int(revision_id)
    except (TypeError, ValueError):
        revision_id = None
    if revision_id is not None and 0 < revision_id < 2**63:
        revision = Revision.objects.for_instance(page).filter(pk=revision_id).first()
        if revision is not None:
            return revision
    return page.live_revision


class NotATranslation(Exception):
    """The page takes no reports (an original, or a page with no translation source)."""


@transaction.atomic
def report_submit(
    *,
    page: Page,
    quote: str,
    suggestion: str = "",
    note: str = "",
    email: str = "",
    language: str,
    revision_id=None,
) -> TranslationReport:
    """Store a reader's report on the translated `page`, with the segment its quote is found in.

    The texts come from a form that checked them (`forms.ReportForm`); `full_clean` checks again."""
    source_locale = source_locale_id(page)
    if source_locale is None:
        raise NotATranslation(page.pk)
    segment = segment_for_quote(
        translation_key=page.translation_key, locale_id=page.locale_id, source_locale_id=source_locale, quote=quote
    )
    report = TranslationReport(
        page=page,
        translation_key=page.translation_key,
        locale_id=page.locale_id,
        segment=segment,
        string_id=segment.string_id if segment else None,
        revision=_revision_read(page, revision_id),
        quote=quote,
        suggestion=suggestion,
        note=note,
        reporter_email=email,
        language=language,
    )
    report.full_clean(exclude=["page", "locale", "segment", "string", "revision", "closed_by"])
    report.save()
    return report


def _thanks_context(report: TranslationReport) -> dict:
    page = report.page
    live = page is not None and page.live
    return {
        "title": page.title if page is not None else "",
        "url": (page.get_full_url() or "") if live else "",
        "quote": report.quote,
    }


@transaction.atomic
def report_close(*, report_id: int, actor, resolution: str = "") -> TranslationReport:
    """Close an open report with a resolution note (kept for reviewers; never sent). If the reader
    left an address, a thank-you in their language is queued once the transaction commits
    (`core.mail.email_queue`) and the address is forgotten. A report closed meanwhile by someone
    else is refused with a message, not closed twice."""
    resolution = text_checked(resolution, field="resolution", limit=NOTE_LIMIT)
    report = (
        TranslationReport.objects.select_for_update(of=("self",)).select_related("page").filter(pk=report_id).first()
    )
    if report is None:
        raise ValidationError(_("This report no longer exists."))
    if report.state != Report.State.OPEN:
        raise ValidationError(_("This report has already been closed."))
    fields = ["state", "closed_by", "closed_at", "resolution"]
    if report.reporter_email:
        email_queue(
            "translations/email/report_thanks",
            _thanks_context(report),
            to=[report.reporter_email],
            language=report.language,
        )
        report.reporter_email, report.thanked = "", True
        fields += ["reporter_email", "thanked"]
    report.state = Report.State.CLOSED
    report.closed_by = actor
    report.closed_at = timezone.now()
    report.resolution = resolution
    report.save(update_fields=fields)
    return report
