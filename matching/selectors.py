"""Reads for the pages: stored suggestions, with the suggested authorities, in two queries."""

from dataclasses import dataclass

from cities.models import City, Stage

from .explain import reasons_text, term_name
from .models import Kind, Suggestion
from .profiles import PRACTICE_AREA_CODES

SUGGESTED_STAGES = (Stage.MEMBER, Stage.JOINING)


@dataclass(frozen=True)
class Suggested:
    city: City
    score: float
    components: dict
    reasons: list[str]


@dataclass(frozen=True)
class SuggestionLists:
    ready: bool  # False until the background worker has computed this city's lists once
    peers: list[Suggested]
    pairs: list[Suggested]
    helpers: list[Suggested]
    helpers_by_area: dict[str, list[Suggested]]  # practice area code -> helpers with that one need

    @property
    def help_with(self) -> list[tuple[str, str, list[Suggested]]]:
        """(area code, area name, helpers) for each need, in the vocabulary's order."""
        order = {code: i for i, code in enumerate(PRACTICE_AREA_CODES)}
        return [
            (code, term_name(code), found)
            for code, found in sorted(self.helpers_by_area.items(), key=lambda item: order.get(item[0], 99))
        ]


def suggestions_for(
    city: City, *, viewer, top: int = 10, kinds=(Kind.PEERS, Kind.PAIRS, Kind.HELPERS)
) -> SuggestionLists:
    """`city`'s stored lists as `viewer` may see them: suggested authorities must still be
    joining or members (a list may be older than a suspension) and visible to the viewer."""
    stored = list(Suggestion.objects.filter(city=city, kind__in=kinds).only("kind", "area", "matches"))
    slugs = {match["id"] for suggestion in stored for match in suggestion.matches[:top]}
    cities = {
        other.slug: other
        for other in City.objects.visible_to(viewer)
        .filter(slug__in=slugs, stage__in=SUGGESTED_STAGES)
        .exclude(pk=city.pk)
        .select_related("country")
    }

    def rows(matches):
        found = []
        for match in matches:
            other = cities.get(match["id"])
            if other is not None and len(found) < top:
                found.append(
                    Suggested(
                        city=other,
                        score=match["score"],
                        components=match["components"],
                        reasons=reasons_text(match["reasons"], city_name=other.display_name),
                    )
                )
        return found

    lists = {(s.kind, s.area): rows(s.matches) for s in stored}
    return SuggestionLists(
        ready=bool(stored),
        peers=lists.get((Kind.PEERS, ""), []),
        pairs=lists.get((Kind.PAIRS, ""), []),
        helpers=lists.get((Kind.HELPERS, ""), []),
        helpers_by_area={area: found for (kind, area), found in lists.items() if kind == Kind.HELPERS and area},
    )
