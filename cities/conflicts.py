"""Two people saving the same profile: what changed since one of them opened the form.

The my-city form carries the profile's edit version and a fingerprint of each part of the
profile as the person saw it. When their save is refused because someone saved first
(`ProfileConflict`, cities/services.py), the parts whose fingerprint differs are shown with
their current values, next to what the person typed, so they can re-apply their change.
Fingerprints are of language-independent values (codes, not names) and cover only the contacts
the person may see, so they say nothing the page does not.
"""

import hashlib
import json

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import City

DESCRIPTIONS = ("description_en", "description_ar", "description_fr", "description_es")


def profile_parts(city: City, *, contact_levels) -> list[dict]:
    """The profile as the my-city form edits it, one entry per part: `key`, `label`, `value`
    (the current value as text for people) and `raw` (what the fingerprint is made of)."""
    parts = []
    for name in DESCRIPTIONS:
        text = getattr(city, name)
        parts.append(_part(name, capfirst(City._meta.get_field(name).verbose_name), [text], [text]))
    languages = sorted(city.working_languages.all(), key=lambda language: language.code)
    parts.append(
        _part(
            "working_languages",
            _("Working languages"),
            [", ".join(str(language) for language in languages)],
            [language.code for language in languages],
        )
    )
    for key, label, rows, term, grade in (
        ("challenges", _("Challenges faced"), city.challenges.select_related("challenge"), "challenge", "intensity"),
        (
            "offers",
            _("Practice it can share"),
            city.offers.select_related("practice_area"),
            "practice_area",
            "maturity",
        ),
        ("needs", _("Wants help with"), city.needs.select_related("practice_area"), "practice_area", "priority"),
    ):
        rows = sorted(rows, key=lambda row: getattr(row, term).code)
        parts.append(
            _part(
                key,
                label,
                [f"{getattr(row, term).name} ({getattr(row, f'get_{grade}_display')()})" for row in rows],
                [f"{getattr(row, term).code}:{getattr(row, grade)}" for row in rows],
            )
        )
    contacts = sorted(
        city.focal_points.filter(visibility__in=contact_levels),
        key=lambda contact: (contact.name, contact.email, contact.pk),
    )
    parts.append(
        _part(
            "contacts",
            _("Contacts and who can see them"),
            [
                ", ".join(value for value in (c.name, c.role, c.email, c.phone, c.languages) if value)
                + f" ({c.get_visibility_display()})"
                for c in contacts
            ],
            [[c.name, c.role, c.email, c.phone, c.languages, c.visibility] for c in contacts],
        )
    )
    return parts


def _part(key, label, lines, raw) -> dict:
    return {"key": key, "label": label, "value": "\n".join(line for line in lines if line), "raw": raw}


def fingerprint(parts: list[dict]) -> str:
    """A short digest of each part, for the form's hidden `opened` field."""
    return json.dumps(
        {
            part["key"]: hashlib.sha256(json.dumps(part["raw"], ensure_ascii=False).encode()).hexdigest()[:16]
            for part in parts
        },
        separators=(",", ":"),
    )


def changes_since(opened: str, parts: list[dict]) -> list[dict]:
    """The parts that differ from the fingerprint the person opened (all of them when it is
    missing or unreadable: then the person is shown every current value)."""
    try:
        seen = json.loads(opened)
    except (TypeError, ValueError):
        seen = {}
    if not isinstance(seen, dict):
        seen = {}
    now = json.loads(fingerprint(parts))
    return [part for part in parts if seen.get(part["key"]) != now[part["key"]]]
