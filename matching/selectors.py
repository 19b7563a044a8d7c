"""Reads for the pages: stored suggestions, with the suggested authorities, in two queries."""

from dataclasses import dataclass

from cities.models import City, Stage
from core.visibility import city_visible_to

from .engine import Engine
from .explain import reasons_text, strength, term_name
from .models import Kind, Suggestion
from .profiles import PRACTICE_AREA_CODES
from .sources import city_profiles

SUGGESTED_STAGES = (Stage.MEMBER, Stage.JOINING)


@dataclass(frozen=True)
class Suggested:
    city: City
    score: float
    components: dict
    reasons: list[str]

    @property
    def strength(self) -> str:
        """How close a match this is, in words ("Close match"), in the active language."""
        return strength(self.score)


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
    """`city`'s stored lists as `viewer` may see them, with components and reasons.

    Suggested authorities must still be joining or members (a list may be older than a
    suspension) and visible to the viewer. At most seven queries whatever the lists hold: the lists,
    the suggested authorities, and the profiles (five) of the asker and those shown, from
    which a small engine recomputes the components and reasons of each shown match.
    """
    stored = list(Suggestion.objects.filter(city=city, kind__in=kinds).only("kind", "area", "matches"))
    slugs = {slug for suggestion in stored for slug, _score in suggestion.matches[:top]}
    cities = {
        other.slug: other
        # Found by slug alone (the unique index); stage and visibility are checked here, as a
        # condition on the stage makes SQLite scan the stage index instead.
        for other in City.objects.filter(slug__in=slugs).select_related("country__region__hub").order_by()
        if other.stage in SUGGESTED_STAGES and other.pk != city.pk and city_visible_to(viewer, other)
    }
    # Profiles are read only when there is something to show (none before the first run).
    engine = (
        Engine(city_profiles(City.objects.filter(pk__in=[city.pk, *(c.pk for c in cities.values())])))
        if cities
        else None
    )

    def rows(suggestion):
        shown = [(slug, score) for slug, score in suggestion.matches if slug in cities][:top]
        if not shown:
            return []
        explained = engine.explain(
            suggestion.kind, city.slug, [slug for slug, _ in shown], area=suggestion.area or None
        )
        found = []
        for slug, score in shown:
            components, reasons = explained[slug]
            other = cities[slug]
            stored_reasons = [{"code": reason.code, "params": reason.params} for reason in reasons]
            found.append(
                Suggested(
                    city=other,
                    score=score,
                    components=components,
                    reasons=reasons_text(stored_reasons, city_name=other.display_name),
                )
            )
        return found

    lists = {(s.kind, s.area): rows(s) for s in stored}
    return SuggestionLists(
        ready=bool(stored),
        peers=lists.get((Kind.PEERS, ""), []),
        pairs=lists.get((Kind.PAIRS, ""), []),
        helpers=lists.get((Kind.HELPERS, ""), []),
        helpers_by_area={area: found for (kind, area), found in lists.items() if kind == Kind.HELPERS and area},
    )
