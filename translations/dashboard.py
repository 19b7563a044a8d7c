"""The translation dashboard's reads (issue 11 part 5; the view is `dashboard_views.py`).

Per language: how many live pages are original, machine-translated, reviewed, out of date, not
tracked, and how many translation groups have no live page in it (missing); the same for each
translatable snippet model; the oldest unreviewed translations; open reports; a work list.

Everything is read with aggregate queries over the live pages and `TranslationStatus` (a fixed
number of queries whatever the number of pages; `tests/test_dashboard.py` counts them).

The words (docs/translation.md, "Dashboard"):

- a **translation group** is every page sharing a `translation_key` (a page and its translations);
  the dashboard counts the groups with at least one live page; each language's bar adds up to them;
- a live page with a `TranslationStatus` row counts under its status;
- a live page with **no row** (wagtail-localize has never translated from or into it) is an
  **original** when it is the only live page of its group (nothing was translated from it yet:
  an English page published before anyone translated it has no row until its first translation is
  published); else it is **not tracked**: written in each language by hand (the demo's pages), or
  made before statuses were kept. Drafts do not count: a group whose only other version is a draft
  translation still has one page readers can read;
- **missing** in a language: a group with no live page in that language (a draft translation is
  missing until it is published).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.numbers import format_percent
from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from core.chrome import cached
from core.l10n import current_locale
from core.visibility import is_management_unit, roles_of

from .models import TranslationStatus

Status = TranslationStatus.Status
UNTRACKED = "untracked"
MISSING = "missing"
UNREVIEWED = "unreviewed"  # the work list's default: machine-translated or out of date

# In the order the bars and tables show them.
KINDS = [
    (Status.ORIGINAL.value, _("Original")),
    (Status.REVIEWED.value, _("Reviewed")),
    (Status.MACHINE.value, _("Machine-translated")),
    (Status.OUT_OF_DATE.value, _("Out of date")),
    (UNTRACKED, _("Not tracked")),
    (MISSING, _("Missing")),
]
KIND_LABELS = dict(KINDS)
WORK_FILTERS = [
    (UNREVIEWED, _("Machine-translated or out of date")),
    *KINDS,
]
NEEDS_REVIEW = (Status.MACHINE.value, Status.OUT_OF_DATE.value)
OLDEST_COUNT = 10
PER_PAGE = 50


def can_see_translation_dashboard(user) -> bool:
    """The Management Unit and translators. Their roles count once the second factor is confirmed
    (`core.visibility.roles_of`), like every other staff privilege."""
    from accounts.models import Role

    return is_management_unit(user) or any(r.role == Role.TRANSLATOR for r in roles_of(user))


def languages() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


# Open reports per language ------------------------------------------------------------------
#
# WIRING POINT (one place): the "Open reports" column appears once `translations/selectors.py`
# has `open_report_counts()` (TranslationReport, issue 11 part 4), expected to return
# `{language_code: number of open reports}`. Until then the column is left out.


def open_report_counts() -> dict[str, int] | None:
    from . import selectors

    counter = getattr(selectors, "open_report_counts", None)
    if counter is None:
        return None
    return dict(counter())


# Counting -----------------------------------------------------------------------------------


@dataclass
class Share:
    kind: str
    label: str
    count: int
    percent: float  # of the groups

    @property
    def percent_text(self) -> str:
        """By the language's rules: 12.5%, 12,5 %, ٪12.5."""
        return format_percent(round(self.percent, 1) / 100, locale=current_locale(), decimal_quantization=False)

    @property
    def width(self) -> str:
        """The bar's segment, for a style attribute (never localised: CSS wants a dot)."""
        return f"{self.percent:.2f}%"


@dataclass
class LanguageRow:
    language: str
    name: str
    counts: dict[str, int]
    groups: int
    open_reports: int | None = None
    shares: list[Share] = field(default_factory=list)

    def __post_init__(self):
        self.shares = [
            Share(
                kind,
                label,
                self.counts.get(kind, 0),
                100 * self.counts.get(kind, 0) / self.groups if self.groups else 0,
            )
            for kind, label in KINDS
        ]


@dataclass
class Table:
    """One model's counts (pages, or one snippet model), a row per language."""

    label: str
    groups: int
    rows: list[LanguageRow]


def _status_here(**filters):
    """The status row of the outer query's object (same translation_key and locale)."""
    return TranslationStatus.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=OuterRef("locale_id"), **filters
    )


def _same_object(live):
    return live.filter(translation_key=OuterRef("translation_key"), locale_id=OuterRef("locale_id"))


def _shared(live) -> Exists:
    """Another live object has the outer one's translation_key (asked only of objects without a
    status row: an object alone in its group is then an original, else it is not tracked)."""
    return Exists(live.filter(translation_key=OuterRef("translation_key")).exclude(pk=OuterRef("pk")))


def _kind_filter(live, kind: str) -> Q:
    """Live objects of one kind: semi- and anti-joins, the costlier check last and on few rows."""
    untracked = ~Exists(_status_here())
    if kind == Status.ORIGINAL:
        return Q(Exists(_status_here(status=kind))) | (Q(untracked) & ~Q(_shared(live)))
    if kind == UNTRACKED:
        return Q(untracked) & Q(_shared(live))
    return Q(Exists(_status_here(status=kind)))


def _live(model):
    if issubclass(model, Page):
        return Page.objects.live().filter(depth__gt=1)
    queryset = model._default_manager.all()
    if issubclass(model, DraftStateMixin):
        queryset = queryset.filter(live=True)
    return queryset


def _locale_codes() -> dict[int, str]:
    return dict(Locale.objects.values_list("pk", "language_code"))


def model_table(model, label, codes: dict[int, str], reports: dict[str, int] | None = None) -> Table:
    """Counts for `model`'s live objects: three queries (status rows of live objects, live objects
    without a row, the groups). Those of pages are kept in the shared cache under the chrome version,
    which moves on whenever a page or a translation status changes (`core/chrome.py`, `signals.py`)."""
    if issubclass(model, Page):
        by_locale, groups = cached(("translation-dashboard", "pages"), lambda: _counts(model, codes))
    else:
        by_locale, groups = _counts(model, codes)
    rows = []
    for code in languages():
        counts = dict(by_locale.get(code, {}))
        counts[MISSING] = max(groups - sum(counts.values()), 0)
        rows.append(
            LanguageRow(
                language=code,
                name=language_name(code),
                counts=counts,
                groups=groups,
                open_reports=None if reports is None else reports.get(code, 0),
            )
        )
    return Table(label=str(label), groups=groups, rows=rows)


def _counts(model, codes: dict[int, str]) -> tuple[dict[str, dict[str, int]], int]:
    """({language: {kind: live objects}}, translation groups) for `model`."""
    live = _live(model)
    by_locale: dict[str, dict[str, int]] = {}
    tracked = (
        TranslationStatus.objects.filter(Exists(_same_object(live)))
        .values("locale_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in tracked:
        by_locale.setdefault(codes.get(row["locale_id"]), {})[row["status"]] = row["n"]
    untracked = (
        live.filter(~Exists(_status_here()))
        .order_by()
        .values("locale_id")
        .annotate(n=Count("pk"), alone=Count("pk", filter=~Q(_shared(live))))
    )
    for row in untracked:
        counts = by_locale.setdefault(codes.get(row["locale_id"]), {})
        if row["alone"]:
            counts[Status.ORIGINAL.value] = counts.get(Status.ORIGINAL.value, 0) + row["alone"]
        if row["n"] - row["alone"]:
            counts[UNTRACKED] = row["n"] - row["alone"]
    groups = live.aggregate(n=Count("translation_key", distinct=True))["n"]
    return by_locale, groups


def translatable_snippet_models() -> list:
    """Snippet models wagtail-localize translates (TranslatableMixin), pages apart."""
    return sorted(
        (m for m in get_snippet_models() if issubclass(m, TranslatableMixin) and not issubclass(m, Page)),
        key=lambda m: m._meta.label,
    )


# The oldest unreviewed translations and the work list -------------------------------------
#
# Translations with a status (machine, out of date, reviewed) are read from the status rows, ordered
# by how long they have had it (`updated_at` changes only with the status), then their pages are
# fetched; originals and pages not tracked need the live pages classified (`_kind_filter`). The number of
# rows comes from the counts already made for the table, not from another count.


@dataclass
class WorkItem:
    page: object  # a page, or a translatable snippet
    language: str
    kind: str
    since: object  # since when the page has had its status (None: no status row)
    missing_in: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def title(self) -> str:
        return self.page.title if isinstance(self.page, Page) else str(self.page)

    @property
    def edit_url(self) -> str:
        """Wagtail's edit view: for a synchronised translation, wagtail-localize's translation editor."""
        if isinstance(self.page, Page):
            return reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        return reverse(self.page.snippet_viewset.get_url_name("edit"), args=[quote(self.page.pk)])

    @property
    def translate_url(self) -> str:
        """wagtail-localize's "Translate" (choose the languages to translate into)."""
        if isinstance(self.page, Page):
            return reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])
        meta = self.page._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation", args=[meta.app_label, meta.model_name, quote(self.page.pk)]
        )


class Counted:
    """A query for Django's `Paginator` whose length is already known (one query fewer)."""

    ordered = True

    def __init__(self, rows, count: int):
        self.rows, self._count = rows, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self.rows[index]


def _statuses(kinds, locale_id: int | None = None, model=Page):
    rows = TranslationStatus.objects.filter(status__in=kinds).filter(Exists(_same_object(_live(model))))
    if locale_id is not None:
        rows = rows.filter(locale_id=locale_id)
    return rows.order_by("updated_at", "pk").values("translation_key", "locale_id", "status", "updated_at")


def _brief(objects):
    """Pages with only what a work item shows (snippets are read whole: their `str` may need any field)."""
    return objects.only("pk", "title", "translation_key", "locale_id") if objects.model is Page else objects


def _items_from_statuses(rows, codes: dict[int, str], model=Page) -> list[WorkItem]:
    """The pages (or snippets) of a slice of status rows (one query)."""
    rows = list(rows)
    if not rows:
        return []
    pages = {
        (page.translation_key, page.locale_id): page
        for page in _brief(
            _live(model).filter(
                translation_key__in={row["translation_key"] for row in rows},
                locale_id__in={row["locale_id"] for row in rows},
            )
        )
    }
    items = []
    for row in rows:
        page = pages.get((row["translation_key"], row["locale_id"]))
        if page is not None:
            items.append(WorkItem(page, codes.get(row["locale_id"], ""), row["status"], row["updated_at"]))
    return items


class _StatusRows:
    """Status rows sliced lazily, turned into work items (`Paginator` slices, then lists)."""

    def __init__(self, rows, codes, model):
        self.rows, self.codes, self.model = rows, codes, model

    def __getitem__(self, index):
        return _items_from_statuses(self.rows[index], self.codes, self.model)


def oldest_unreviewed(codes: dict[int, str], limit: int = OLDEST_COUNT) -> list[WorkItem]:
    """The machine-translated and out-of-date live pages that have waited longest (two queries)."""
    return _items_from_statuses(_statuses(NEEDS_REVIEW)[:limit], codes)


def _ordered(objects):
    return objects.order_by("title", "pk") if objects.model is Page else objects.order_by("pk")


def _pages_of_kind(kind: str, locale_id: int | None, model=Page):
    live = _live(model)
    pages = live.filter(_kind_filter(live, kind))
    if locale_id is not None:
        pages = pages.filter(locale_id=locale_id)
    return _ordered(_brief(pages))


def _missing_pages(locale_ids: list[int], model=Page):
    """One live page (or snippet) per group lacking one of `locale_ids`: the group's first (usually its
    original, where wagtail-localize's "Translate" starts)."""
    live = _live(model)
    # One pass over the live pages grouped by translation key (no lookup per page and language).
    lacking = (
        live.order_by()
        .values("translation_key")
        .annotate(present=Count("locale_id", filter=Q(locale_id__in=locale_ids), distinct=True), first=Min("pk"))
        .filter(present__lt=len(locale_ids))
        .values("first")
    )
    return _ordered(_brief(live.filter(pk__in=lacking)))


class _PageRows:
    def __init__(self, pages, codes, kind, model):
        self.pages, self.codes, self.kind, self.model = pages, codes, kind, model

    def __getitem__(self, index):
        return work_items(self.pages[index], self.codes, kind=self.kind, model=self.model)


def work_list(
    *,
    language: str | None,
    kind: str,
    table: Table,
    codes: dict[int, str],
    locale_ids: dict[str, int],
    model=Page,
) -> Counted:
    """The pages (or the snippets of `model`, with `table` its counts) to work through, for Django's
    `Paginator` (each page of it a list of `WorkItem`).

    `kind`: one of KINDS' keys or UNREVIEWED (machine-translated or out of date, longest waiting
    first); MISSING lists one page per group lacking `language` (or any language)."""
    locale_id = locale_ids[language] if language else None
    rows = [row for row in table.rows if row.language == language] if language else table.rows
    kinds = NEEDS_REVIEW if kind == UNREVIEWED else (kind,)
    known = sum(row.counts.get(k, 0) for row in rows for k in kinds)
    if kind in (UNREVIEWED, Status.MACHINE, Status.OUT_OF_DATE, Status.REVIEWED):
        return Counted(_StatusRows(_statuses(kinds, locale_id, model), codes, model), known)
    if kind == MISSING:
        if language:
            return Counted(_PageRows(_missing_pages([locale_id], model), codes, kind, model), known)
        every = sorted(locale_ids.values())
        pages = _missing_pages(every, model)
        if model is Page:  # kept as the counts above (a snippet saved alone moves no version on: counted each time)
            count = cached(("translation-dashboard", "missing", *every), pages.count)
        else:
            count = pages.count()
        return Counted(_PageRows(pages, codes, kind, model), count)
    return Counted(_PageRows(_pages_of_kind(kind, locale_id, model), codes, kind, model), known)


def work_items(pages, codes: dict[int, str], *, kind: str, model=Page) -> list[WorkItem]:
    """Work items for pages (or snippets); for MISSING, the languages each group lacks (one query)."""
    pages = list(pages)
    missing: dict = {}
    if kind == MISSING and pages:
        present: dict = {}
        for key, locale_id in (
            _live(model)
            .filter(translation_key__in={p.translation_key for p in pages})
            .values_list("translation_key", "locale_id")
        ):
            present.setdefault(key, set()).add(codes.get(locale_id))
        missing = {
            p.translation_key: [c for c in languages() if c not in present.get(p.translation_key, set())] for p in pages
        }
    return [
        WorkItem(page, codes.get(page.locale_id, ""), kind, None, missing.get(page.translation_key, []))
        for page in pages
    ]
