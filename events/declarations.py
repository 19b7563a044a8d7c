"""Declarations: the only writes to `Endorsement` and `CommitmentProgress`, and the figures their pages
show (STYLE: services own their side effects). Every write checks `permissions.py` whoever calls; after
its commit the declaration's pages and the city's profile are shown afresh (as for actions)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.i18n import current_language
from core.workflow import text_checked

from . import permissions
from .actions import shown_again
from .models import CommitmentProgress, DeclarationPage, Endorsement, ProgressStatus

STATEMENT_LIMIT = 2000
NOTE_LIMIT = 1000


def endorsements_of(declaration: DeclarationPage):
    return Endorsement.objects.filter(declaration_key=declaration.translation_key)


@transaction.atomic
def endorsement_create(
    *, declaration: DeclarationPage, city, actor, endorsed_on: datetime.date | None = None, statement: str = "",
    is_demo: bool = False,
) -> Endorsement:  # fmt: skip
    """`city` endorses `declaration`: by its focal point (dated today), or recorded by staff on its
    behalf (with the date it endorsed). Refusals are `ValidationError`s with a message for the person."""
    from cities.models import Stage

    on_behalf = not permissions.is_focal_point_of(actor, city)
    if not permissions.can_endorse_for(actor, city):
        raise PermissionDenied
    if not declaration.endorsement_open:
        raise ValidationError(_("This declaration is not open for endorsement."), code="closed")
    if city.stage != Stage.MEMBER:
        raise ValidationError({"city": _("Only member cities can endorse a declaration.")})
    today = timezone.localdate()
    if not on_behalf or endorsed_on is None:
        endorsed_on = today
    if endorsed_on > today:
        raise ValidationError({"endorsed_on": _("The date cannot be in the future.")})
    statement = text_checked(statement, field="statement", limit=STATEMENT_LIMIT)
    if endorsements_of(declaration).filter(city=city).exists():
        raise ValidationError({"city": _("This city has endorsed this declaration already.")}, code="duplicate")
    try:
        with transaction.atomic():
            endorsement = Endorsement.objects.create(
                declaration_key=declaration.translation_key,
                city=city,
                endorsed_on=endorsed_on,
                statement=statement,
                language=current_language(),
                recorded_by=actor,
                on_behalf=on_behalf,
                is_demo=is_demo,
            )
    except IntegrityError:  # the same city at the same instant
        raise ValidationError({"city": _("This city has endorsed this declaration already.")}) from None
    shown_again(declaration, [city])
    return endorsement


@transaction.atomic
def progress_report(
    *, endorsement: Endorsement, commitment: str, status: str, actor, note: str = "", is_demo: bool = False
) -> CommitmentProgress:
    """An endorsing city's progress on one commitment of the declaration: a status and a short note."""
    if not permissions.can_endorse_for(actor, endorsement.city):
        raise PermissionDenied
    declaration = declaration_of(endorsement)
    if commitment not in {item["id"] for item in declaration.numbered_commitments()}:
        raise ValidationError({"commitment": _("This commitment is not part of the declaration.")})
    if status not in ProgressStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    note = text_checked(note, field="note", limit=NOTE_LIMIT)
    entry = CommitmentProgress.objects.create(
        endorsement=endorsement,
        commitment=commitment,
        status=status,
        note=note,
        language=current_language(),
        reported_by=actor,
        is_demo=is_demo,
    )
    shown_again(declaration, [endorsement.city])
    return entry


def declaration_of(endorsement: Endorsement) -> DeclarationPage:
    page = DeclarationPage.objects.filter(translation_key=endorsement.declaration_key).order_by("-live", "pk").first()
    if page is None:
        raise ValidationError(_("This declaration no longer exists."))
    return page


def latest_progress(endorsements) -> dict[tuple[int, str], CommitmentProgress]:
    """The latest report per (endorsement id, commitment id)."""
    latest: dict[tuple[int, str], CommitmentProgress] = {}
    for entry in CommitmentProgress.objects.filter(endorsement__in=endorsements).order_by("created_at", "pk"):
        latest[(entry.endorsement_id, entry.commitment)] = entry
    return latest


def declaration_figures(declaration: DeclarationPage) -> dict:
    """What the page shows, counted from the data: the endorsing member cities (public ones), their
    count by region and hub, and per commitment how many report it achieved, in progress, not started,
    or have not reported."""
    from cities.models import City

    endorsements = list(
        endorsements_of(declaration)
        .filter(city__in=City.objects.public())
        .select_related("city__country__region__hub")
        .order_by("city__name")
    )
    regions: dict = {}
    for endorsement in endorsements:
        region = endorsement.city.country.region
        row = regions.setdefault(region.pk, {"region": region, "hub": getattr(region, "hub", None), "count": 0})
        row["count"] += 1
    latest = latest_progress(endorsements)
    total = len(endorsements)
    progress = []
    for commitment in declaration.numbered_commitments():
        counts = {status: 0 for status in ProgressStatus.values}
        for endorsement in endorsements:
            entry = latest.get((endorsement.pk, commitment["id"]))
            if entry is not None:
                counts[entry.status] += 1
        reported = sum(counts.values())
        bars = [
            {"status": status, "label": label, "count": counts[status], "share": counts[status] / total if total else 0}
            for status, label in [*ProgressStatus.choices]
        ]
        bars.append(
            {"status": "none", "label": _("No report yet"), "count": total - reported,
             "share": (total - reported) / total if total else 0}
        )  # fmt: skip
        start = 0.0
        for bar in bars:  # the chart's segments, in a 0–100 wide drawing
            bar["x"], bar["width"] = round(start * 100, 2), round(bar["share"] * 100, 2)
            start += bar["share"]
        summary = "; ".join(f"{bar['label']}: {bar['count']}" for bar in bars)
        progress.append({**commitment, "bars": bars, "summary": summary})
    return {
        "endorsements": endorsements,
        "count": total,
        "by_region": sorted(regions.values(), key=lambda row: (-row["count"], str(row["region"]))),
        "progress": progress,
    }
