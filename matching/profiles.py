"""Matching profiles: the vocabulary, the `Profile` record and a JSON Lines reader.

Plain Python, no Django: the site builds dicts from the database and calls
`profile_from_dict`; the command line and the benchmark read JSON Lines files
with `read_profiles`. The schema and the bad-input rules are in docs/matching.md.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# The vocabulary (DESIGN.md, "Vocabulary"). A Django-side test checks these
# equal the database's starting vocabulary; the order is the taxonomy's order
# and is the column order of the engine's matrices.
CHALLENGE_CODES: tuple[str, ...] = (
    "violent-extremism",
    "hate-crime",
    "online-hate",
    "polarisation",
    "youth-radicalisation",
    "return-reintegration",
    "attacks-public-spaces",
    "post-conflict-tension",
    "threats-officials",
    "migration-tension",
    "identity-hatred",
    "gender-hate",
)
PRACTICE_AREA_CODES: tuple[str, ...] = (
    "prevention-network",
    "prevention-strategy",
    "risk-mapping",
    "youth-engagement",
    "womens-leadership",
    "schools-education",
    "mental-health",
    "community-policing",
    "social-cohesion",
    "strategic-communications",
    "victim-support",
    "rehabilitation",
    "crisis-response",
    "public-spaces",
    "monitoring-evaluation",
    "national-international",
    "mayoral-leadership",
    "partnerships",
)
STAGES: tuple[str, ...] = ("applicant", "joining", "member", "suspended", "left")
# Only these stages are ever suggested to others (any stage may ask).
ELIGIBLE_STAGES: tuple[str, ...] = ("joining", "member")
AUTHORITY_TYPES: tuple[str, ...] = (
    "capital-city",
    "city",
    "town",
    "municipality",
    "district",
    "county",
    "regional-government",
)
SETTLEMENT_TYPES: tuple[str, ...] = ("urban", "peri-urban", "rural")
# Levels, weakest first.
INTENSITIES: tuple[str, ...] = ("emerging", "significant", "severe")
MATURITIES: tuple[str, ...] = ("starting", "established", "leading")
PRIORITIES: tuple[str, ...] = ("low", "medium", "high")

FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "stage",
    "authority_type",
    "settlement_type",
    "population",
    "country",
    "region",
    "hub",
    "languages",
    "lat",
    "lon",
    "challenges",
    "offers",
    "needs",
)
REQUIRED_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "stage",
    "authority_type",
    "settlement_type",
    "country",
    "region",
)

_COUNTRY = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2}")


@dataclass(frozen=True, slots=True)
class Profile:
    """One authority as the matching engine sees it. Treat the dicts as read-only."""

    id: str
    name: str
    stage: str
    authority_type: str
    settlement_type: str
    country: str
    region: str
    population: int | None = None
    hub: str | None = None
    languages: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    challenges: dict[str, str] = field(default_factory=dict)  # challenge code -> intensity
    offers: dict[str, str] = field(default_factory=dict)  # practice area code -> maturity
    needs: dict[str, str] = field(default_factory=dict)  # practice area code -> priority

    @property
    def eligible(self) -> bool:
        """Whether the engine may suggest this authority to others."""
        return self.stage in ELIGIBLE_STAGES

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines record for this profile (the inverse of `profile_from_dict`)."""
        return {
            "id": self.id,
            "name": self.name,
            "stage": self.stage,
            "authority_type": self.authority_type,
            "settlement_type": self.settlement_type,
            "population": self.population,
            "country": self.country,
            "region": self.region,
            "hub": self.hub,
            "languages": list(self.languages),
            "lat": self.lat,
            "lon": self.lon,
            "challenges": dict(self.challenges),
            "offers": dict(self.offers),
            "needs": dict(self.needs),
        }


@dataclass(frozen=True, slots=True)
class ProfileError:
    """A problem with one input record. `line` is 1-based; 0 when the record did not come from a file."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class InvalidProfile(ValueError):
    """Raised by `profile_from_dict`; `.error` is the `ProfileError`."""

    def __init__(self, error: ProfileError):
        super().__init__(str(error))
        self.error = error


def _fail(message: str, line: int) -> InvalidProfile:
    return InvalidProfile(ProfileError(line, message))


def _quote(value: Any) -> str:
    """A value as a message shows it: 'text' for strings, JSON for anything else."""
    text = f"'{value}'" if isinstance(value, str) else json.dumps(value, default=repr)
    return text if len(text) <= 60 else text[:57] + "..."


def _one_of(value: Any, allowed: tuple[str, ...], what: str, line: int) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _fail(f"unknown {what} {_quote(value)} (expected one of: {', '.join(allowed)})", line)
    return value


def _text(value: Any, name: str, line: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(f"'{name}' must be a non-empty string", line)
    return value


def _population(value: Any, line: int) -> int | None:
    if value is None:
        return None
    # bool is an int in Python; 1208333.0 is accepted as a whole number.
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _fail("population must be a non-negative integer or null", line)
    return value or None  # 0 is what a form leaves when nobody filled it in: unknown, not a city of none


def _coordinate(value: Any, name: str, limit: float, line: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not -limit <= value <= limit:
        raise _fail(f"'{name}' must be a number between -{limit:g} and {limit:g} or null", line)
    return float(value)


def _levels(value: Any, name: str, codes: tuple[str, ...], levels: tuple[str, ...], line: int) -> dict[str, str]:
    """A {code: level} object, checked against the vocabulary (`name` is the field's name)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(f"'{name}' must be an object of code: level", line)
    what = "challenge code" if name == "challenges" else "practice area code"
    level_name = {"challenges": "intensity", "offers": "maturity", "needs": "priority"}[name]
    result = {}
    for code, level in value.items():
        if code not in codes:
            raise _fail(f"unknown {what} {_quote(code)} in '{name}'", line)
        if level not in levels:
            raise _fail(
                f"unknown {level_name} {_quote(level)} for {_quote(code)} in '{name}' "
                f"(expected one of: {', '.join(levels)})",
                line,
            )
        result[code] = level
    return result


def _languages(value: Any, line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(code, str) and _LANGUAGE.fullmatch(code) for code in value):
        raise _fail("'languages' must be a list of two-letter ISO 639-1 codes such as 'en'", line)
    return tuple(dict.fromkeys(value))  # drop repeats, keep the order


def profile_from_dict(data: Mapping[str, Any], *, line: int = 0) -> Profile:
    """Check one record and build its `Profile`; raise `InvalidProfile` naming the first problem."""
    if not isinstance(data, Mapping):
        raise _fail(f"expected a JSON object, got {type(data).__name__}", line)
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise _fail(f"unknown field {_quote(unknown[0])}", line)
    for name in REQUIRED_FIELDS:
        if data.get(name) is None:
            raise _fail(f"missing field '{name}'", line)
    country = data["country"]
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country):
        raise _fail(f"'country' must be a two-letter ISO 3166-1 code such as 'KE', got {_quote(country)}", line)
    hub = data.get("hub")
    return Profile(
        id=_text(data["id"], "id", line),
        name=_text(data["name"], "name", line),
        stage=_one_of(data["stage"], STAGES, "stage", line),
        authority_type=_one_of(data["authority_type"], AUTHORITY_TYPES, "authority type", line),
        settlement_type=_one_of(data["settlement_type"], SETTLEMENT_TYPES, "settlement type", line),
        country=country,
        region=_text(data["region"], "region", line),
        population=_population(data.get("population"), line),
        hub=None if hub is None else _text(hub, "hub", line),
        languages=_languages(data.get("languages"), line),
        lat=_coordinate(data.get("lat"), "lat", 90, line),
        lon=_coordinate(data.get("lon"), "lon", 180, line),
        challenges=_levels(data.get("challenges"), "challenges", CHALLENGE_CODES, INTENSITIES, line),
        offers=_levels(data.get("offers"), "offers", PRACTICE_AREA_CODES, MATURITIES, line),
        needs=_levels(data.get("needs"), "needs", PRACTICE_AREA_CODES, PRIORITIES, line),
    )


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def read_profiles(lines: Iterable[str], *, strict: bool = False) -> tuple[list[Profile], list[ProfileError]]:
    """Read JSON Lines (one profile per line) and return (profiles, errors).

    Blank lines are ignored; line numbers count every line from 1. Lenient (the
    default): a bad line is reported and skipped, the rest are used; of two lines
    with the same id the first wins. `strict=True`: reading stops at the first
    bad line and the result is ([], [that error]), so nothing partial is used.
    Bad input never raises.
    """
    profiles: list[Profile] = []
    errors: list[ProfileError] = []
    first_line: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        if number == 1:
            text = text.lstrip("\ufeff")  # a byte-order mark left by some editors
        if not text.strip():
            continue
        try:
            try:
                data = json.loads(text, parse_constant=_reject_constant)
            except (ValueError, RecursionError) as exc:  # JSONDecodeError, NaN / Infinity, absurd nesting
                detail = f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else str(exc)
                raise _fail(f"not valid JSON: {detail}", number)
            profile = profile_from_dict(data, line=number)
            if profile.id in first_line:
                raise _fail(f"duplicate id {_quote(profile.id)} (first on line {first_line[profile.id]})", number)
        except InvalidProfile as exc:
            if strict:
                return [], [exc.error]
            errors.append(exc.error)
            continue
        first_line[profile.id] = number
        profiles.append(profile)
    return profiles, errors
