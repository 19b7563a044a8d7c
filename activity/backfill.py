"""Building the record from the rows that exist (`manage.py activity_backfill`): every source of
`sources.py` read in full, written with the same one-row-per-source rule as the signals, so running
it again, or after the signals have recorded some, adds nothing twice."""

from __future__ import annotations

from .services import BATCH, activity_record, engagement_rebuild
from .sources import SOURCES


def activity_backfill(*, stdout=None) -> dict[str, int]:
    """Record every source's existing rows, then work each city's latest activity out again."""
    counts = {}
    for name, source in SOURCES.items():
        found, batch = 0, []
        for entry in source.existing():
            batch.append(entry)
            if len(batch) >= BATCH:
                found += activity_record(batch, move_on=False)
                batch = []
        found += activity_record(batch, move_on=False)
        counts[name] = found
        if stdout is not None:
            stdout.write(f"{name}: {found}")
    engagement_rebuild()
    return counts
