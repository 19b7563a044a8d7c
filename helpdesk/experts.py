"""Experts for a help-desk request or for an authority's needs, ranked by the peer-matching engine.

The Expert Pool is matched with the same engine as cities (`matching/engine.py`): each
available expert becomes a profile that offers their areas of expertise at the "leading"
maturity, and the request (or the authority) becomes a profile that needs the topic (or
the authority's needs). `Engine.helpers` then ranks who covers the needs best, with a
shared working language tipping the balance, and says why.

Experts are not authorities, so the engine's context fields (authority type, settlement
type, population, country) get the same neutral values on every profile: they add the
same amount to every expert's score and never change the order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cities.models import PracticeArea, Region, language_name
from matching.engine import CAN_HELP, SHARED_LANGUAGES, Engine, Match, Options
from matching.profiles import PRACTICE_AREA_CODES, profile_from_dict

from .models import Expert, Urgency

ASKER = "asker"
# A region code no Region can have (not a slug): for experts who list no region.
NO_REGION = "(none)"
NEUTRAL = {
    "stage": "member",
    "authority_type": "city",
    "settlement_type": "urban",
    "country": "ZZ",  # user-assigned in ISO 3166: no real country
    "population": None,
    "hub": None,
    "challenges": {},
}
URGENCY_PRIORITY = {Urgency.LOW: "low", Urgency.NORMAL: "medium", Urgency.URGENT: "high"}
_TWO_LETTERS = re.compile(r"^[a-z]{2}$")


@dataclass
class ExpertSuggestion:
    """One expert, their score (0 to 1) and the reasons, as sentences in the current language."""

    expert: Expert
    score: float
    in_region: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def experts_for_request(help_request, top: int = 10) -> list[ExpertSuggestion]:
    """The best available experts for a help-desk request, best first.

    The request needs its topic, with the priority its urgency gives (low / medium / high),
    in the request's language. Experts who work in the region of the asker's authority come
    first: the engine is asked once limited to that region (`Options(region=...)`), and the
    list is then filled from the whole pool (a second, unlimited query, skipping experts
    already listed). An expert who lists several regions counts as working in the request's
    region when it is one of them; otherwise their profile carries their first region (in
    the regions' order). Unavailable experts and the asker themselves are never suggested.
    Only experts who know the topic can help, so the list may be shorter than `top`.
    """
    region = help_request.city.country.region
    needs = {help_request.topic.code: URGENCY_PRIORITY.get(help_request.urgency, "medium")}
    return experts_suggest(
        needs=needs,
        languages=[help_request.language],
        region=region,
        top=top,
        exclude_user_id=help_request.asker_id,
    )


def experts_for_city_needs(city, top: int = 10) -> list[ExpertSuggestion]:
    """The best available experts for what an authority needs help with (its `CityNeed` rows and
    their priorities), in its working languages, preferring experts of its region as
    `experts_for_request` does. An authority that lists no need gets an empty list."""
    needs = dict(city.needs.values_list("practice_area__code", "priority"))
    languages = list(city.working_languages.values_list("code", flat=True))
    return experts_suggest(needs=needs, languages=languages, region=city.country.region, top=top)


def experts_suggest(
    *, needs: dict[str, str], languages: list[str], region: Region | None, top: int, exclude_user_id=None
) -> list[ExpertSuggestion]:
    needs = {code: priority for code, priority in needs.items() if code in PRACTICE_AREA_CODES}
    if not needs:
        return []
    experts = list(
        Expert.objects.filter(available=True, user__is_active=True)
        .exclude(user_id=exclude_user_id)
        .select_related("user")
        .prefetch_related("areas", "languages", "regions")
        .order_by("pk")
    )
    if not experts:
        return []
    region_code = region.code if region is not None else None
    asker = {
        **NEUTRAL,
        "id": ASKER,
        "name": ASKER,
        "region": region_code or NO_REGION,
        "languages": _two_letter(languages),
        "offers": {},
        "needs": needs,
    }
    by_id = {f"expert-{expert.pk}": expert for expert in experts}
    profiles = [profile_from_dict(asker)] + [
        profile_from_dict(_expert_profile(key, expert, region_code)) for key, expert in by_id.items()
    ]
    engine = Engine(profiles)
    matches: list[Match] = []
    if region_code:
        matches = engine.helpers(ASKER, top=top, options=Options(region=region_code))
    taken = {match.id for match in matches}
    if len(matches) < top:
        rest = engine.helpers(ASKER, top=top + len(matches))
        matches += [match for match in rest if match.id not in taken][: top - len(matches)]
    area_names = {area.code: area.name for area in PracticeArea.objects.all()}
    return [
        ExpertSuggestion(
            expert=by_id[match.id],
            score=match.score,
            in_region=match.id in taken,
            reasons=_reasons(match, area_names, region if match.id in taken else None),
        )
        for match in matches
    ]


def _expert_profile(key: str, expert: Expert, region_code: str | None) -> dict:
    regions = [region.code for region in sorted(expert.regions.all(), key=lambda r: (r.sort_order, r.name_en))]
    if region_code in regions:
        home = region_code
    else:
        home = regions[0] if regions else NO_REGION
    return {
        **NEUTRAL,
        "id": key,
        "name": str(expert),
        "region": home,
        "languages": _two_letter(language.code for language in expert.languages.all()),
        "offers": {area.code: "leading" for area in expert.areas.all() if area.code in PRACTICE_AREA_CODES},
        "needs": {},
    }


def _two_letter(codes) -> list[str]:
    return sorted({code for code in codes if code and _TWO_LETTERS.match(code)})


def _reasons(match: Match, area_names: dict[str, str], region: Region | None) -> list[str]:
    """The engine's reason codes as sentences (the context reasons are the same for every expert: left out)."""
    sentences = []
    for reason in match.reasons:
        if reason.code == CAN_HELP:
            area = reason.params.get("area", "")
            sentences.append(_("Expertise in %(area)s") % {"area": area_names.get(area, area)})
        elif reason.code == SHARED_LANGUAGES:
            names = ", ".join(str(language_name(code)) for code in reason.params.get("languages", []))
            sentences.append(_("Works in %(languages)s") % {"languages": names})
    if region is not None:
        sentences.append(_("Works in the region: %(region)s") % {"region": region.name})
    return sentences
