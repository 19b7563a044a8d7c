"""An in-memory index of the published resources (or news articles) for the lists' filters, facet
counts, sorting and paging, like the directory's (`cities/directory_index.py`).

Counting seven facets in SQL over "one version per translation group, in the reader's language when
there is one" means seven grouped scans of the page tables per request: seconds at 100,000 items.
Instead a process keeps, per list, a few NumPy arrays: one entry per live public page (its group,
language, kind, year, date, title and a boolean column per topic, practice area, hub and region), and
for each reader language the group's representative page. A filter is a mask over groups, a facet
count a sum over the mask, a page a slice of a precomputed order; only the 12 rows shown are read from
the database, again with the live and public filter, so an index a moment behind never shows a page
that was unpublished or restricted meanwhile.

The index is keyed on `ListingVersion`, one row every process reads once per list request. It moves on
after the commit of anything that changes what the lists show (publish, unpublish, delete, move, a view
restriction: `signals` below; the bulk loader calls `bump_listing_version` itself), never inside the
transaction: a connection with an uncommitted change builds an index for itself only. Nothing that must
agree between processes lives only in one process: the version is shared, the index is a function of
the committed rows and of that version.
"""

import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import DEFAULT_DB_ALIAS

from core.i18n import LANGUAGE_CODES
from core.versions import SharedVersion

_lock = threading.Lock()
_indexes: dict = {}  # model label -> ListingIndex (the latest committed version seen)

M2M = {"topic": ("topics", "cities.Challenge"), "practice_area": ("practice_areas", "cities.PracticeArea")}
M2M |= {"hub": ("hubs", "cities.Hub"), "region": ("regions", "cities.Region")}


# The version


LISTING_VERSION = SharedVersion("resources.ListingVersion", 1)  # core/versions.py: read, pending, bump


def listing_version() -> int:
    return LISTING_VERSION.read()


def _pending(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether this connection has changed what the lists show and not committed yet."""
    return LISTING_VERSION.pending(using)


def bump_listing_version(using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the version on when the current transaction commits (at once outside one); several
    changes in one transaction move it once, a rolled-back one moves nothing. Until the commit this
    connection builds its own index, never kept."""
    LISTING_VERSION.bump(using)


# The index


@dataclass
class LanguageView:
    """The groups as a reader of one language sees them: each group's representative page and its values."""

    rep: np.ndarray  # page position per group
    page_id: np.ndarray
    kind: np.ndarray
    year: np.ndarray
    day: np.ndarray
    columns: dict  # facet -> bool matrix (groups x codes)
    packed: dict  # facet -> the same matrix transposed, bit-packed (codes x words, `_pack`), for counting
    orders: dict = field(default_factory=dict)


def _pack(bits: np.ndarray) -> np.ndarray:
    """Booleans along the last axis as 64-bit words (zero-padded): a facet count is then a popcount of
    two packed vectors ANDed, some 40 times faster than summing the masked rows of a boolean matrix."""
    packed = np.packbits(bits, axis=-1)
    padding = (-packed.shape[-1]) % 8
    if padding:
        packed = np.pad(packed, [(0, 0)] * (packed.ndim - 1) + [(0, padding)])
    return np.ascontiguousarray(packed).view(np.uint64)


@dataclass
class ListingIndex:
    version: int
    kinds: list[str]
    languages: list[str]  # codes; bit i of `available` is languages[i]
    page_ids: np.ndarray  # sorted
    group: np.ndarray  # group number per page
    locale: np.ndarray  # index in `languages` per page
    kind: np.ndarray
    year: np.ndarray
    day: np.ndarray  # date ordinal
    titles: list[str]
    columns: dict  # facet -> (codes, bool matrix pages x codes)
    first: np.ndarray  # earliest page position per group
    available: np.ndarray  # languages bitmask per group
    _views: dict = field(default_factory=dict)

    @property
    def groups(self) -> int:
        return len(self.first)

    @property
    def years(self) -> list[int]:
        return sorted({int(year) for year in np.unique(self.year) if year}, reverse=True)

    @classmethod
    def build(cls, model, version: int) -> "ListingIndex":
        from django.apps import apps
        from wagtail.models import Page, PageViewRestriction

        kinds = [value for value, _label in model._meta.get_field("kind").choices]
        restricted = set(PageViewRestriction.objects.values_list("page__path", flat=True))
        step = Page.steplen
        rows = [
            row
            for row in model.objects.live()
            .order_by("pk")
            .values_list("pk", "path", "translation_key", "locale__language_code", "kind", "publication_date", "title")
            if not restricted or not any(row[1][:end] in restricted for end in range(step, len(row[1]) + 1, step))
        ]
        languages = list(LANGUAGE_CODES) + sorted({row[3] for row in rows} - set(LANGUAGE_CODES))
        language_number = {code: number for number, code in enumerate(languages)}
        kind_number = {code: number for number, code in enumerate(kinds)}
        groups: dict = {}
        page_ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        group = np.fromiter((groups.setdefault(row[2], len(groups)) for row in rows), dtype=np.int32, count=len(rows))
        locale = np.fromiter((language_number[row[3]] for row in rows), dtype=np.int16, count=len(rows))
        kind = np.fromiter((kind_number.get(row[4], -1) for row in rows), dtype=np.int16, count=len(rows))
        year = np.fromiter((row[5].year if row[5] else 0 for row in rows), dtype=np.int16, count=len(rows))
        day = np.fromiter((row[5].toordinal() if row[5] else 0 for row in rows), dtype=np.int32, count=len(rows))
        first = np.full(len(groups), -1, dtype=np.int64)
        positions = np.arange(len(rows), dtype=np.int64)
        first[group[::-1]] = positions[::-1]  # the last write wins: the earliest page of each group
        available = np.zeros(len(groups), dtype=np.int64)
        np.bitwise_or.at(available, group, np.left_shift(1, locale.astype(np.int64)))
        columns = {}
        for facet, (field_name, term_label) in M2M.items():
            term_model = apps.get_model(term_label)
            terms = list(term_model.objects.order_by("pk").values_list("pk", "code"))
            codes = [code for _pk, code in terms]
            matrix = np.zeros((len(rows), len(codes)), dtype=bool)
            relation = model._meta.get_field(field_name)
            links = np.array(
                list(
                    relation.remote_field.through.objects.values_list(
                        relation.m2m_column_name(), relation.m2m_reverse_name()
                    )
                ),
                dtype=np.int64,
            ).reshape(-1, 2)
            if len(rows) and len(links) and terms:
                column = np.full(max(pk for pk, _code in terms) + 1, -1, dtype=np.int64)
                for number, (pk, _code) in enumerate(terms):
                    column[pk] = number
                positions = np.minimum(np.searchsorted(page_ids, links[:, 0]), len(rows) - 1)
                term_ids = np.minimum(links[:, 1], len(column) - 1)
                keep = (page_ids[positions] == links[:, 0]) & (links[:, 1] < len(column)) & (column[term_ids] >= 0)
                matrix[positions[keep], column[term_ids[keep]]] = True
            columns[facet] = (codes, matrix)
        return cls(
            version=version,
            kinds=kinds,
            languages=languages,
            page_ids=page_ids,
            group=group,
            locale=locale,
            kind=kind,
            year=year,
            day=day,
            titles=[row[6] for row in rows],
            columns=columns,
            first=first,
            available=available,
        )

    # Per reader language

    def view(self, language: str) -> LanguageView:
        view = self._views.get(language)
        if view is None:
            rep = self.first.copy()
            if language in self.languages:
                here = np.flatnonzero(self.locale == self.languages.index(language))
                rep[self.group[here]] = here
            columns = {facet: matrix[rep] for facet, (_codes, matrix) in self.columns.items()}
            view = LanguageView(
                rep=rep,
                page_id=self.page_ids[rep],
                kind=self.kind[rep],
                year=self.year[rep],
                day=self.day[rep],
                columns=columns,
                packed={facet: _pack(matrix.T) for facet, matrix in columns.items()},
            )
            self._views[language] = view
        return view

    def order(self, view: LanguageView, sort: str) -> np.ndarray:
        """Group numbers in the `sort` order ("newest", "oldest", "title")."""
        order = view.orders.get(sort)
        if order is None:
            if sort == "oldest":
                order = np.lexsort((view.page_id, view.day))
            elif sort == "title":
                titles = self.titles
                order = np.array(
                    sorted(range(self.groups), key=lambda g: (titles[view.rep[g]], view.page_id[g])), dtype=np.int64
                )
            else:
                order = np.lexsort((-view.page_id, -view.day.astype(np.int64)))
            view.orders[sort] = order
        return order

    # Filters and facets

    def masks(self, view: LanguageView, values: dict, *, matched: np.ndarray | None = None) -> dict:
        """One boolean mask over groups per active filter (and "q" for the text search's matches)."""
        masks = {}
        if values.get("kind") in self.kinds:
            masks["kind"] = view.kind == self.kinds.index(values["kind"])
        elif values.get("kind"):
            masks["kind"] = np.zeros(self.groups, dtype=bool)
        for facet in M2M:
            if values.get(facet):
                codes, _matrix = self.columns[facet]
                if values[facet] in codes:
                    masks[facet] = view.columns[facet][:, codes.index(values[facet])]
                else:
                    masks[facet] = np.zeros(self.groups, dtype=bool)
        if values.get("language"):
            if values["language"] in self.languages:
                masks["language"] = (self.available & (1 << self.languages.index(values["language"]))) != 0
            else:
                masks["language"] = np.zeros(self.groups, dtype=bool)
        if values.get("year"):
            masks["year"] = view.year == int(values["year"])
        if matched is not None:
            masks["q"] = matched
        return masks

    def combine(self, masks: dict, *, skip: str | None = None) -> np.ndarray:
        mask = np.ones(self.groups, dtype=bool)
        for name, other in masks.items():
            if name != skip:
                mask &= other
        return mask

    def facet_counts(self, view: LanguageView, masks: dict) -> dict[str, dict[str, int]]:
        """{facet: {value: count}}: each facet counted with every filter but its own."""
        counts = {}
        mask = self.combine(masks, skip="kind")
        numbers = np.bincount(view.kind[mask][view.kind[mask] >= 0], minlength=len(self.kinds))
        counts["kind"] = {code: int(n) for code, n in zip(self.kinds, numbers, strict=False) if n}
        for facet in M2M:
            codes, _matrix = self.columns[facet]
            mask = _pack(self.combine(masks, skip=facet))
            numbers = np.bitwise_count(view.packed[facet] & mask).sum(axis=1, dtype=np.int64)
            counts[facet] = {code: int(n) for code, n in zip(codes, numbers, strict=True) if n}
        available = self.available[self.combine(masks, skip="language")]
        counts["language"] = {
            code: n for bit, code in enumerate(self.languages) if (n := int(np.count_nonzero(available & (1 << bit))))
        }
        years, numbers = np.unique(view.year[self.combine(masks, skip="year")], return_counts=True)
        counts["year"] = {str(int(y)): int(n) for y, n in zip(years, numbers, strict=True) if y}
        return counts

    def groups_of(self, page_ids) -> np.ndarray:
        """The group numbers of these page ids (ids not in the index are left out)."""
        ids = np.asarray(list(page_ids), dtype=np.int64)
        positions = np.searchsorted(self.page_ids, ids)
        positions = np.minimum(positions, max(len(self.page_ids) - 1, 0))
        found = self.page_ids[positions] == ids if len(self.page_ids) else np.zeros(len(ids), dtype=bool)
        return self.group[positions[found]]


def get_listing_index(model) -> ListingIndex:
    """The index of `model`'s published pages at the current committed version (built if needed)."""
    if _pending():
        return ListingIndex.build(model, -1)  # this connection's uncommitted rows: never kept
    version = listing_version()
    key = model._meta.label
    index = _indexes.get(key)
    if index is not None and index.version == version:
        return index
    with _lock:
        index = _indexes.get(key)
        if index is None or index.version != version:
            index = ListingIndex.build(model, version)
            _indexes[key] = index
    return index


def forget_listing_indexes() -> None:
    _indexes.clear()
