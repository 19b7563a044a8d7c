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


@dataclass(frozen=True)
class Section:
    """One queue's rows for the panel."""

    name: str
    title: str
    items: list[WorkItem] = field(default_factory=list)


_registry: dict[str, Contribution] = {}


def register(name: str, *, title, work: Callable[[object], list[WorkItem] | None], order: int = 100) -> None:
    """Add (or replace, on a second import) the queue `name`: `work(user)` returns the person's
    items, or `None` when the person does not work this queue."""
    _registry[name] = Contribution(name=name, title=title, work=work, order=order)


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


def age_in_days(oldest: datetime.datetime | None, now: datetime.datetime | None = None) -> int | None:
    if oldest is None:
        return None
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
