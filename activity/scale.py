"""A year of made-up activity for member authorities, in bulk: the demo network's (marked as demo)
and the benchmark's 100,000 authorities (`bench/engagement.py`). Each authority gets a pattern: most
are active (several things in the last three months), some quiet (the last thing months ago), about
one in five dormant (nothing for over a year, or nothing ever). Generated rows name no source and no
person; their note says they were generated."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from .models import Activity, CityEngagement, Kind
from .services import BATCH, engagement_sync

GENERATED = "generated"
KINDS = [kind for kind in Kind.values if kind != Kind.RESOURCE]


def _moments(rng: random.Random, now: datetime.datetime) -> list[datetime.datetime]:
    pattern = rng.random()
    if pattern < 0.55:  # active
        days = [rng.uniform(0, 90)] + [rng.uniform(0, 365) for _ in range(rng.randint(2, 12))]
    elif pattern < 0.8:  # quiet
        days = [rng.uniform(95, 360) for _ in range(rng.randint(1, 4))]
    elif pattern < 0.93:  # dormant, once active
        days = [rng.uniform(370, 1100) for _ in range(rng.randint(1, 3))]
    else:  # never a sign
        days = []
    return [now - datetime.timedelta(days=day) for day in days]


def activity_generate(cities, *, seed: int = 2026, is_demo: bool = False, now=None, stdout=None) -> int:
    """Generated activity for each authority of `cities` (a queryset) that has none yet; their
    `CityEngagement` rows written as they go. Returns how many activities were made."""
    rng = random.Random(seed)
    now = now or timezone.now()
    done = set(Activity.objects.filter(city__in=cities).values_list("city_id", flat=True).distinct())
    ids = [pk for pk in cities.order_by("pk").values_list("pk", flat=True) if pk not in done]
    made = 0
    for start in range(0, len(ids), BATCH):
        rows, latest = [], []
        for city_id in ids[start : start + BATCH]:
            moments = _moments(rng, now)
            kinds = [rng.choice(KINDS) for _ in moments]
            rows += [
                Activity(city_id=city_id, kind=kind, at=at, label=GENERATED, is_demo=is_demo)
                for kind, at in zip(kinds, moments, strict=True)
            ]
            if moments:
                at, kind = max(zip(moments, kinds, strict=True))
                latest.append(CityEngagement(city_id=city_id, last_activity_at=at, last_kind=kind))
        with transaction.atomic():
            Activity.objects.bulk_create(rows, batch_size=BATCH)
            CityEngagement.objects.bulk_create(
                latest,
                batch_size=BATCH,
                update_conflicts=True,
                unique_fields=["city"],
                update_fields=["last_activity_at", "last_kind"],
            )
        made += len(rows)
        if stdout is not None and start and start % (BATCH * 10) == 0:
            stdout.write(f"  activity: {start:,} authorities done")
    engagement_sync(city_ids=ids)  # member or not, hub, date joined, and so when each went quiet
    return made


def load_activity_demo(*, seed: int = 2026) -> dict[str, int]:
    """The demo network's activity: what its records show (the backfill), then a made-up year for the
    demo member authorities with nothing recorded, marked as demo."""
    from cities.models import City, Stage

    from .backfill import activity_backfill

    counts = activity_backfill()
    generated = 0
    if not Activity.objects.filter(is_demo=True, label=GENERATED).exists():  # once: some members stay silent
        generated = activity_generate(City.objects.filter(is_demo=True, stage=Stage.MEMBER), seed=seed, is_demo=True)
    return {"recorded": sum(counts.values()), "generated": generated}
