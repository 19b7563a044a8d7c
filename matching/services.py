"""Writes for matching: recompute the stored suggestions with the engine."""

import json
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.utils import timezone

from cities.models import City

from .engine import KINDS, Engine, Match
from .models import Suggestion
from .sources import city_profiles

TOP = 10  # results kept per list
TOP_PER_AREA = 5  # results kept per "who can help with this one need" list
FLUSH_EVERY = 20_000  # lists written per transaction (a SQLite writer waits at most a second or so)


def _stored(matches: list[Match]) -> list:
    """[[slug, score], ...]: pages recompute components and reasons for the few they show
    (`selectors.py`), so 100,000 authorities' lists stay small (about 250 bytes a list)."""
    return [[match.id, round(match.score, 4)] for match in matches]


def _lists(engine: Engine, slugs: list[str], workers: int) -> Iterator[tuple[str, str, str, list[Match]]]:
    """(slug, kind, area, matches) for every list of every asker in `slugs`."""
    # Scores only (explain=False): the stored lists keep [slug, score]; building the components and
    # reasons of 5 million matches would be half the run, for nothing.
    found_lists = engine.top_all(slugs, kinds=KINDS, top=TOP, needs_top=TOP_PER_AREA, workers=workers, explain=False)
    for slug, found in found_lists:
        for key, matches in found.items():
            kind, _, area = key.partition(":")  # "helpers:<area>" for one need
            yield slug, kind, area, matches


def _write(rows: list[tuple[str, str, str, list[Match]]], city_ids: dict[str, int], now) -> None:
    """Insert or replace these lists in one transaction.

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
    dumps = json.JSONEncoder(separators=(", ", ": ")).encode
    params = [(city_ids[slug], kind, area, dumps(_stored(matches)), when) for slug, kind, area, matches in rows]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, params)


def suggestions_recompute(*, slugs: Iterable[str] | None = None, workers: int = 1) -> int:
    """Recompute the suggestion lists of `slugs` (default: every authority); return how many lists were written.

    The engine always sees the whole network (every candidate); only the askers are limited.
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
