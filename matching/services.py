"""Writes for matching: recompute the stored suggestions with the engine."""

from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring_ascii

from django.db import connection, transaction
from django.utils import timezone

from cities.models import City

from .engine import Engine, Match
from .models import Suggestion
from .sources import city_profiles

TOP = 10  # results kept per list
TOP_PER_AREA = 5  # results kept per "who can help with this one need" list
FLUSH_EVERY = 20_000  # lists written per transaction (a SQLite writer waits at most a second or so)


def _stored(matches: list[Match]) -> list:
    """[[slug, score], ...]: pages recompute components and reasons for the few they show
    (`selectors.py`), so 100,000 authorities' lists stay small (about 250 bytes a list)."""
    return [[match.id, round(match.score, 4)] for match in matches]


class _Encoder:
    """The JSON text of a stored list, `_stored` as `json.dumps(..., separators=(", ", ": "))` writes it,
    from ids and scores directly (5 million [slug, score] pairs for 100,000 authorities: no Match
    objects, no nested lists, each slug encoded once)."""

    def __init__(self):
        self._slugs: dict[str, str] = {}

    def __call__(self, ids: list[str], scores: list[float]) -> str:
        slugs = self._slugs
        items = []
        for slug, score in zip(ids, scores, strict=True):
            text = slugs.get(slug)
            if text is None:
                text = slugs[slug] = encode_basestring_ascii(slug)
            items.append(f"[{text}, {round(score, 4)!r}]")
        return f"[{', '.join(items)}]"


def _lists(engine: Engine, slugs: list[str], workers: int) -> Iterator[tuple[str, str, str, str]]:
    """(slug, kind, area, JSON of [[slug, score], ...]) for every list of every asker in `slugs`."""
    # Scores only (`top_scores` is `top_all(..., explain=False)` without Match objects): the stored lists
    # keep [slug, score]; building the components and reasons of 5 million matches would be for nothing.
    encode = _Encoder()
    for slug, key, ids, scores in engine.top_scores(slugs, top=TOP, needs_top=TOP_PER_AREA, workers=workers):
        kind, _, area = key.partition(":")  # "helpers:<area>" for one need
        yield slug, kind, area, encode(ids, scores)


def _write(rows: list[tuple[str, str, str, str]], city_ids: dict[str, int], now) -> None:
    """Insert or replace these lists (their JSON text) in one transaction.

    One prepared INSERT ... ON CONFLICT DO UPDATE run with executemany (SQLite 3.24+ and
    PostgreSQL): `bulk_create(update_conflicts=True)` spent most of its time compiling SQL
    for 500-row statements, 0.15 ms a list, a minute and a half for 100,000 authorities.
    The JSON is what `Suggestion.matches` (a JSONField) would store.
    """
    table = connection.ops.quote_name(Suggestion._meta.db_table)
    as_json = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"INSERT INTO {table} (city_id, kind, area, matches, computed_at) VALUES (%s, %s, %s, {as_json}, %s) "
        "ON CONFLICT (city_id, kind, area) DO UPDATE SET matches = excluded.matches, computed_at = excluded.computed_at"
    )
    when = connection.ops.adapt_datetimefield_value(now)
    params = [(city_ids[slug], kind, area, text, when) for slug, kind, area, text in rows]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, params)


def suggestions_recompute(*, slugs: Iterable[str] | None = None, workers: int = 2) -> int:
    """Recompute the suggestion lists of `slugs` (default: every authority); return how many lists were written.

    The engine always sees the whole network (every candidate); only the askers are limited. `workers`
    threads score (the compiled loop releases the GIL) while this thread encodes and writes: on the
    2-core machine the scoring of the whole network is split over both cores (docs/matching.md).
    """
    engine = Engine(city_profiles())
    city_ids = dict(City.objects.values_list("slug", "pk"))
    askers = list(engine.ids) if slugs is None else [slug for slug in slugs if slug in engine]
    now = timezone.now()
    written, batch = 0, []
    for row in _lists(engine, askers, workers):
        batch.append(row)
        if len(batch) >= FLUSH_EVERY:
            _write(batch, city_ids, now)
            written, batch = written + len(batch), []
    if batch:
        _write(batch, city_ids, now)
        written += len(batch)
    # What this run did not write is out of date: lists of needs since removed, of authorities gone.
    stale = Suggestion.objects.filter(computed_at__lt=now)
    if slugs is not None:
        stale = stale.filter(city_id__in=[city_ids[slug] for slug in askers])
    stale.delete()
    return written
