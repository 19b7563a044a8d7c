"""What waits for a staff member, gathered from the apps for the admin home (issue 15, part 1).

A registry that apps add to (`register`, called from their `<app>/insights.py`, found at start-up
by `apps.InsightsConfig.ready`). It decides nothing about permissions: each contribution reads
through its app's own queue (the same queryset and rules as the admin page it links to) and
answers `None` when the person does not work that queue at all, so that the panel shows only
what the person may open, and nothing to someone who works no queue.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext

from cities.models import Hub
from core.visibility import is_management_unit

# Waiting longer than this is worth a look: the row says "Needs attention" (in words, not colour alone).
ATTENTION_DAYS = 14


@dataclass(frozen=True)
class WorkItem:
    label: str  # translated: what waits ("Submitted", "Overdue")
    count: int
    url: str  # the admin queue, filtered to these items
    oldest: datetime.datetime | None = None  # when the one waiting longest began to wait
    tone: str = ""  # "attention" when it needs a look; "" otherwise

    @property
    def needs_attention(self) -> bool:
        return self.tone == "attention"


@dataclass(frozen=True)
class Contribution:
    name: str
    title: Callable[[], str] | str  # a lazy translation
    work: Callable[[object], list[WorkItem] | None]
    order: int = 100
    # For the Management Unit's comparison of hubs: `by_hub(user, hubs)` -> {hub id or None (the
    # central team): WorkItem}, what waits in this queue per hub (`per_hub`); None: not compared.
    by_hub: Callable[[object, dict], dict[int | None, WorkItem]] | None = None


@dataclass(frozen=True)
class Section:
    """One queue's rows for the panel."""

    name: str
    title: str
    items: list[WorkItem] = field(default_factory=list)


_registry: dict[str, Contribution] = {}


def register(
    name: str, *, title, work: Callable[[object], list[WorkItem] | None], order: int = 100, by_hub=None
) -> None:
    """Add (or replace, on a second import) the queue `name`: `work(user)` returns the person's
    items, or `None` when the person does not work this queue; `by_hub(user)`, if given, what waits
    per hub for the Management Unit's comparison (see `per_hub`)."""
    _registry[name] = Contribution(name=name, title=title, work=work, order=order, by_hub=by_hub)


def registered() -> list[Contribution]:
    return sorted(_registry.values(), key=lambda entry: (entry.order, entry.name))


def work_for(user) -> list[Section]:
    """The sections of the queues `user` works, in order; empty when they work none."""
    sections = []
    for entry in registered():
        items = entry.work(user)
        if items is not None:
            sections.append(Section(name=entry.name, title=str(entry.title), items=list(items)))
    return sections


def age_in_days(oldest: datetime.date | None, now: datetime.datetime | None = None) -> int | None:
    """Whole days since `oldest` (a moment, or a day such as an action's due date, from its start)."""
    if oldest is None:
        return None
    if not isinstance(oldest, datetime.datetime):
        oldest = start_of_day(oldest)
    return max(0, ((now or timezone.now()) - oldest).days)


def tone_for(oldest: datetime.datetime | None) -> str:
    days = age_in_days(oldest)
    return "attention" if days is not None and days >= ATTENTION_DAYS else ""


def start_of_day(day: datetime.date) -> datetime.datetime:
    """A date (an action's due date) as the moment it began, for ages counted like the others."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def by_state(queryset, *, states, labels, url: str, oldest_field: str | None = None) -> list[WorkItem]:
    """One item per state in `states` that has rows in `queryset`, in that order, from one grouped query:
    its count, the oldest by `oldest_field` (if given) and `url` filtered to the state (`?state=`)."""
    aggregates = {"count": Count("pk")}
    if oldest_field:
        aggregates["oldest"] = Min(oldest_field)
    rows = queryset.filter(state__in=states).order_by().values("state").annotate(**aggregates)
    by_state = {row["state"]: row for row in rows}
    return [
        WorkItem(
            label=labels(state).label,
            count=by_state[state]["count"],
            oldest=by_state[state].get("oldest"),
            url=with_query(url, state=state),
            tone=tone_for(by_state[state].get("oldest")),
        )
        for state in states
        if state in by_state
    ]


def with_query(url: str, **params) -> str:
    return f"{url}?{urlencode(params)}" if params else url


def per_hub(queryset, *, hub, hubs: dict, url: Callable[[object], str], oldest=None) -> dict:
    """What waits in `queryset` per hub, from one grouped query: {hub id or None: WorkItem}. `hub`
    (a field name or an expression) gives each row's hub id; `oldest` (likewise) when it began to
    wait; each item links to `url(hub)`, `hub` one of `hubs` ({id: Hub}) or None (the central team)."""
    aggregates = {"count": Count("pk")}
    if oldest is not None:
        aggregates["oldest"] = Min(oldest)
    rows = queryset.order_by().annotate(compared_hub=hub).values("compared_hub").annotate(**aggregates)
    return {
        row["compared_hub"]: WorkItem(
            label="",
            count=row["count"],
            oldest=row.get("oldest"),
            url=url(hubs.get(row["compared_hub"])),
            tone=tone_for(row.get("oldest")),
        )
        for row in rows
    }


@dataclass(frozen=True)
class Comparison:
    """The Management Unit's comparison of hubs: one column per compared queue, one row per hub
    (and the central team's, for what belongs to no hub)."""

    columns: list[str]
    rows: list[tuple[str, list[WorkItem | None]]]


def hub_comparison(user) -> Comparison | None:
    """For the Management Unit only (after the second factor): what waits per hub in each queue that
    can be compared; None for anyone else, who sees their own hub's figures in `work_for`."""
    if not is_management_unit(user):
        return None
    compared = [entry for entry in registered() if entry.by_hub is not None]
    if not compared:
        return None
    hubs = {hub.pk: hub for hub in Hub.objects.order_by("name_en")}
    columns = [entry.by_hub(user, hubs) for entry in compared]
    named = [*((pk, hub.name) for pk, hub in hubs.items()), (None, gettext("Central team"))]
    rows = [(name, [column.get(pk) for column in columns]) for pk, name in named]
    return Comparison(columns=[str(entry.title) for entry in compared], rows=rows)
