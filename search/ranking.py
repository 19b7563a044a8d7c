"""The matches of one kind of page, ranked, read from Wagtail's own search index at a bounded cost.

What is asked: the pages of some types (one result group) in the reader's language, live and
public, that contain every folded query word; how many (up to `LIMIT`, shown "1,000+" beyond);
and in what order (Wagtail's relevance score). Whatever the number of matches, a request reads at
most `LIMIT + 1` of them per group: the newest ones (the last indexed first), which are then ranked.
A word found in 40,000 pages therefore costs what a word found in 1,001 pages costs; a query
precise enough to have at most 1,000 matches per group gets them all, exactly ranked.

Wagtail's database backends give the right answer for `pages.search(words)` but not in time at
100,000 pages, so the two databases the platform runs on are read here, on Wagtail's own index
tables and with Wagtail's own match and score expressions:
- SQLite (FTS5): Wagtail orders by a score found through a subquery per matched page, which runs
  the full-text match again for each one (minutes for a common word); here FTS5 reads its matches
  newest first (rowid order needs no sort) and stops at the limit, with bm25 computed for those
  rows only, in one pass.
- PostgreSQL: Wagtail matches `title || body` and ranks every match with ts_rank. Here the matches
  are found in `search.EntryWords` (`search/models.py`: each entry's words without positions, kept
  in step by a trigger, under a GIN index), narrow rows read quickly even when a word is in most
  entries, newest first, with no join: the GIN index is asked for the word together with marks the
  trigger adds to each entry (its type, its page's locale, its recency bucket), so a common word costs
  the reading of the newest few thousand entries of its group (`_newest`); only the pages of those
  matches are then checked against what may be shown (`_newest_shown`); ts_rank runs on Wagtail's
  own rows for the bounded set only.
Any other database gets Wagtail's own search, unchanged.

"Public" is `core.pages.public_pages`: the same pages as Wagtail's `PageQuerySet.public()`, whose
one `LIKE` per restriction, per candidate, grows with every restricted page.
"""

import math
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Exists, F, Func, IntegerField, Max, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend

LIMIT = 1000  # matches counted and ranked per group; more shows as "1,000+"
BATCH = LIMIT + 1 + LIMIT // 4  # PostgreSQL: matches read at a time (a few of them may be hidden)
BUCKET = 4096  # PostgreSQL: entry ids per recency mark ("#r"), as the trigger writes them (migration 0002)
FIRST_BUCKETS = 2  # PostgreSQL: the newest buckets read first
MAX_BUCKETS = 12  # PostgreSQL: more buckets than this wanted next: every older entry at once instead
SMALL_GROUP = 5000  # SQLite: a group with at most this many index entries is read as a set of ids
COUNTS_KEY = "search:index-entries-per-type"


def ranked_ids(pages, words: str, type_ids=None, *, locale_id: int | None = None) -> tuple[list[int], bool]:
    """The ids of `pages` containing every one of `words` (folded, space-separated): at most
    `LIMIT`, the newest matches, best first (ties: the newest first); and whether more pages
    match. `pages` is a page queryset already limited to what may be shown (live, public, one
    locale); `type_ids`, the content types searched (by default the queryset's model and its
    subclasses); `locale_id`, that locale when there is one (PostgreSQL reads fewer matches)."""
    # Wagtail's compiler for the words, on the model alone: the conditions of `pages` are applied
    # here (its backends cannot read a `Substr`, `public_pages`).
    results = get_search_backend().search(words, pages.model, operator="and")
    if type_ids is None:
        type_ids = get_descendants_content_types_pks(pages.model)
    vendor = connection.vendor
    if vendor == "sqlite" and _has_fts():
        return _sqlite(results, pages, type_ids)
    if vendor == "postgresql":
        return _postgres(results, pages, words, type_ids, locale_id)
    shown = pages.model.objects.filter(pk__in=pages.filter(content_type_id__in=type_ids).values("pk"))
    ids = [page.pk for page in shown.search(words, operator="and")[: LIMIT + 1]]
    return ids[:LIMIT], len(ids) > LIMIT


def _has_fts() -> bool:
    from wagtail.search import models

    return hasattr(models, "SQLiteFTSIndexEntry")  # defined only when SQLite has FTS5


def _entry_counts() -> dict[int, int]:
    """{content type id: index entries}, from the shared cache (a minute old at most): only the
    way a group is read depends on it, never what is found."""
    from wagtail.search.models import IndexEntry

    counts = cache.get(COUNTS_KEY)
    if counts is None:
        rows = IndexEntry.objects.values_list("content_type_id").annotate(n=Count("id")).order_by()
        counts = dict(rows)
        cache.set(COUNTS_KEY, counts, 60)
    return counts


def _by_score(rows, *, best_low: bool) -> tuple[list[int], bool]:
    """[(index entry id, object_id, score)], the newest `LIMIT + 1` matches -> the ids of the newest
    `LIMIT`, best score first (ties: the newest first), and whether there were more."""
    newest = sorted(rows, key=lambda row: row[0], reverse=True)
    sign = 1 if best_low else -1
    ranked = sorted((sign * (score or 0.0), -int(object_id)) for _entry, object_id, score in newest[:LIMIT])
    return [-negative_id for _score, negative_id in ranked], len(newest) > LIMIT


def _sqlite(results, pages, type_ids) -> list[int]:
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

    compiler = results.query_compiler
    match = MatchExpression(compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(compiler.query)))
    shown = pages.filter(pk=Cast(OuterRef("index_entry__object_id"), IntegerField()))
    # The group's entries, as a set the match is checked against ("+rowid": not handed to FTS5,
    # which would run the whole match again for each id): a group with a few pages among many
    # matches of other groups costs a set lookup per match, not a join.
    # A large group is filtered through the join (its matches come soon; the read stops early).
    entries = SQLiteFTSIndexEntry.objects.filter(match)
    if sum(_entry_counts().get(type_id, 0) for type_id in type_ids) <= SMALL_GROUP:
        of_group = IndexEntry.objects.filter(content_type_id__in=type_ids).values("id")
        entries = entries.alias(_entry=Func(F("pk"), template="(+%(expressions)s)", output_field=IntegerField()))
        entries = entries.filter(_entry__in=of_group)
    else:
        entries = entries.filter(index_entry__content_type_id__in=type_ids)
    rows = (
        entries.filter(Exists(shown))
        .annotate(score=BM25() * F("index_entry__title_norm") + BM25())  # Wagtail's score: lower is better
        .order_by("-index_entry_id")  # the FTS rowid: read newest first, no sort
        .values_list("index_entry_id", "index_entry__object_id", "score")[: LIMIT + 1]
    )
    return _by_score(rows, best_low=True)


def _postgres(results, pages, words: str, type_ids, locale_id: int | None) -> list[int]:
    from django.contrib.postgres.search import SearchRank
    from modelsearch.query import PlainText
    from wagtail.search.models import IndexEntry

    from .models import EntryWords

    compiler = results.query_compiler
    config = compiler.get_config(results.backend)
    every_word = Q()
    for word in words.split():
        every_word &= Q(words=compiler.build_tsquery(PlainText(word), config=config))
    matches = EntryWords.objects.filter(every_word, _marks(type_ids, locale_id)).filter(content_type_id__in=type_ids)
    if locale_id is not None:
        matches = matches.filter(locale_id=locale_id)
    with reading():  # one savepoint and planner setting for every statement of this search
        newest = _newest_shown(matches, pages)
    whole = compiler.build_tsquery(compiler.query, config=config)
    weights = compiler.sql_weights
    rows = (
        IndexEntry.objects.filter(id__in=_one_array(newest))
        .annotate(
            score=SearchRank(F("title"), whole, weights=weights) * F("title_norm")
            + SearchRank(F("body"), whole, weights=weights)  # Wagtail's score: higher is better
        )
        .values_list("id", "object_id", "score")
    )
    return _by_score(_tuples(rows), best_low=False)


class _Marks(SearchQuery):
    """A tsquery of the index's own marks, sent as written (`('#t69' | '#t67') & '#l1'`): Django's
    `SearchQuery` passes its text through the parser, which drops the "#" the marks start with."""

    def __init__(self, marks: str):
        super().__init__(marks)
        self.marks = marks

    def as_sql(self, compiler, connection, function=None, template=None):
        return "%s::tsquery", [self.marks]


def _marks(type_ids, locale_id: int | None = None) -> Q:
    """`words` holding the marks the trigger adds (search/migrations/0002): one of the content types
    and the locale. An accelerator only: the same conditions are asked of the columns too, so a mark
    found in a page's own text (the parser never makes one) could change nothing."""
    parts = ["(" + " | ".join(f"'#t{int(type_id)}'" for type_id in type_ids) + ")"]
    if locale_id is not None:
        parts.append(f"'#l{int(locale_id)}'")
    return Q(words=_Marks(" & ".join(parts)))


def _marks_of_buckets(buckets: range) -> Q:
    """`words` marked with one of the recency `buckets` (with the id range asked of the column too)."""
    return Q(words=_Marks("(" + " | ".join(f"'#r{bucket}'" for bucket in buckets) + ")"))


def _newest(matches, size: int) -> list[tuple[int, int]]:
    """The newest `size` of `matches` as (entry id, object id), newest first: the newest buckets of
    entries first, asked of the GIN index with the word, so a word found in tens of thousands of
    entries costs the reading of the newest few thousand of its group, not of all of them (PostgreSQL
    reads every row a bitmap of matches points to, then sorts them).

    The newest `FIRST_BUCKETS` buckets (of 4,096 entries) first; from what they held, as many older
    buckets as should hold the rest (half as many again), while that is at most `MAX_BUCKETS`; past
    that, or for a word too rare for buckets to pay, every older entry at once (a rare word's few
    matches are a quick read)."""
    from .models import EntryWords

    shared = _READING.get() if _READING.get() is not None else {}
    if "top" not in shared:
        shared["top"] = (EntryWords.objects.aggregate(top=Max("entry_id"))["top"] or 0) // BUCKET
    rows: list[tuple[int, int]] = []
    upper = shared["top"] + 1  # the buckets below this one are not read yet
    span = FIRST_BUCKETS
    while upper > 0 and span <= MAX_BUCKETS:
        lower = max(upper - span, 0)
        window = matches.filter(_marks_of_buckets(range(lower, upper)), entry_id__gte=lower * BUCKET)
        window = window.filter(entry_id__lt=upper * BUCKET).order_by("-entry_id")
        found = _without_sequential_scans(window.values_list("entry_id", "object_id")[: size - len(rows)])
        rows += found
        read = shared["top"] + 1 - lower
        upper = lower
        if len(rows) >= size:
            return rows
        span = math.ceil(read * (size - len(rows)) / len(rows) * 1.5) if rows else MAX_BUCKETS + 1
    if upper == 0:
        return rows
    rest = matches.filter(entry_id__lt=upper * BUCKET).order_by("-entry_id").values_list("entry_id", "object_id")
    return rows + _without_sequential_scans(rest[: size - len(rows)])


def _newest_shown(matches, pages) -> list[int]:
    """The entry ids of the newest `LIMIT + 1` of `matches` (`EntryWords`) whose page is in `pages`.

    Read newest first in batches from `EntryWords` alone (its GIN index, then a top-N sort: no join),
    and each batch's pages looked up in `pages` by primary key, so the conditions of what may be
    shown (live, the locale, ~200 restricted sections) run on a batch's pages, not on every page of
    the locale (joined, they cost more than the match itself). Nearly every match may be shown, so
    one batch is the rule; each next batch is twice as large, for words found mostly in hidden pages."""
    found: list[int] = []
    size = BATCH
    batch = matches.order_by("-entry_id").values_list("entry_id", "object_id")
    rows = _newest(matches, size)
    while True:
        if not rows:
            return found
        of_rows = pages.filter(pk__in=_one_array([object_id for _entry, object_id in rows]))
        shown = {pk for (pk,) in _tuples(of_rows.values_list("pk"))}
        found += [entry for entry, object_id in rows if object_id in shown]
        if len(found) > LIMIT or len(rows) < size:
            return found[: LIMIT + 1]
        batch = batch.filter(entry_id__lt=rows[-1][0])
        size *= 2
        rows = _without_sequential_scans(batch[:size])


# Inside `reading()`: what its searches share (the newest bucket); None outside.
_READING: ContextVar[dict | None] = ContextVar("search_reading", default=None)


@contextmanager
def reading():
    """Around several `ranked_ids` calls (the site search's groups): on PostgreSQL, sequential scans
    off once for all of them (see `_without_sequential_scans`), and the newest bucket read once;
    elsewhere nothing."""
    if connection.vendor != "postgresql" or _READING.get() is not None:
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        token = _READING.set({})
        try:
            yield
        finally:
            _READING.reset(token)
        # After success only: a failure rolls the setting back with the savepoint or the transaction,
        # and a statement on the aborted transaction would hide the first error.
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def _without_sequential_scans(query) -> list:
    """`query`'s values, read with sequential scans off (PostgreSQL's planner, for these statements
    only). The planner counts `EntryWords` as a small table and may scan it whole, testing `@@` on
    every row, which reads every row's words (~100 ms at 100,000 entries); the GIN index gives the
    matching rows without reading a word (~10 ms), whatever the word."""
    with reading():
        return _tuples(query)


def _tuples(query) -> list[tuple]:
    """The rows of a `values_list` query as the database driver gives them: numbers and text need no
    conversion on PostgreSQL, and Django's row iterator costs ~1 µs a row (thousands a search)."""
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _one_array(ids: list[int]) -> RawSQL:
    """`IN (SELECT unnest(%s))` with the ids as one array parameter: Django writes a list of
    thousands of ids as as many parameters, at a cost that grows faster than the list (~35 ms of CPU
    for 4,000, measured here). Sent as the array's text (integers only, so nothing to escape; psycopg
    adapts a list element by element: 0.6 ms of CPU for 1,251 ids, 0.2 ms as text, measured here)."""
    text = ",".join(str(int(number)) for number in ids if number is not None)
    return RawSQL("SELECT unnest(%s::bigint[])", ("{" + text + "}",))
