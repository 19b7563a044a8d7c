"""The engine's reasons as sentences in the reader's language.

The engine gives codes and parameters (`matching.engine.Reason`); the words are
here, translated like every other string. Names of challenges and practice areas
come from the vocabulary in code, so the command line can explain suggestions
read from a file with no database.
"""

from django.utils.translation import get_language, gettext, pgettext

from cities.models import AuthorityType, SettlementType, language_name
from cities.vocabulary import CHALLENGES, PRACTICE_AREAS, REGIONS
from core.l10n import number

_COLUMNS = {"en": 1, "ar": 2, "fr": 3, "es": 4}


def _names(vocabulary) -> dict[str, tuple[str, ...]]:
    return {row[0]: row[1:5] for row in vocabulary}


_CHALLENGE_NAMES, _AREA_NAMES, _REGION_NAMES = _names(CHALLENGES), _names(PRACTICE_AREAS), _names(REGIONS)

# Worded strength of a match: (lowest score, words), strongest first. Scores are not shown:
# "match 0.64" means nothing to a reader, and the three kinds' scores are not on one scale anyway.
STRENGTHS = (
    (0.6, "very-close"),
    (0.4, "close"),
    (0.0, "some"),
)


def strength(score: float) -> str:
    """A match's strength in words, in the active language."""
    labels = {
        "very-close": gettext("Very close match"),
        "close": gettext("Close match"),
        "some": gettext("Some common ground"),
    }
    for floor, key in STRENGTHS:
        if score >= floor:
            return labels[key]
    return labels["some"]


def region_name(code: str) -> str:
    """A region's name in the active language (the code when unknown)."""
    names = _REGION_NAMES.get(code)
    if names is None:
        return code
    column = _COLUMNS.get((get_language() or "en")[:2], 1) - 1
    return names[column] or names[0]


def _level(kind: str, level: str) -> str:
    """An intensity, maturity or priority in lower case, for the middle of a sentence."""
    words = {
        "emerging": pgettext("intensity", "emerging"),
        "significant": pgettext("intensity", "significant"),
        "severe": pgettext("intensity", "severe"),
        "starting": pgettext("maturity", "starting"),
        "established": pgettext("maturity", "established"),
        "leading": pgettext("maturity", "leading"),
        "low": pgettext("priority", "low"),
        "medium": pgettext("priority", "medium"),
        "high": pgettext("priority", "high"),
    }
    return words.get(level, level)


def term_name(code: str) -> str:
    """A challenge's or practice area's name in the active language."""
    names = _CHALLENGE_NAMES.get(code) or _AREA_NAMES.get(code)
    if names is None:
        return code
    column = _COLUMNS.get((get_language() or "en")[:2], 1) - 1
    name = names[column] or names[0]
    # In a sentence, a term is not capitalised (except in German-like languages we do not have).
    return name[0].lower() + name[1:] if column in (0, 2, 3) and not name[:2].isupper() else name


def join_words(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c" in the active language."""
    words = [word for word in words if word]
    if len(words) <= 1:
        return "".join(words)
    separator = pgettext("list separator", ", ")
    return gettext("%(first)s and %(last)s") % {"first": separator.join(words[:-1]), "last": words[-1]}


def join_terms(terms: list[str]) -> str:
    """Names of challenges or practice areas as one list: "a; b; c". Semicolons, because the
    names themselves hold "and" ("Online hate and disinformation"), so "a, b and c" would not
    say where one ends and the next begins."""
    return pgettext("separator between names that may contain 'and'", "; ").join(term for term in terms if term)


def _shared_challenge(code: str, levels: dict | None, city: str) -> str:
    name = term_name(code)
    if not isinstance(levels, dict):
        return name
    theirs, yours = levels.get("theirs"), levels.get("yours")
    if theirs == yours:
        return gettext("%(challenge)s (both %(level)s)") % {"challenge": name, "level": _level("intensity", theirs)}
    return gettext("%(challenge)s (%(city)s %(theirs)s, you %(yours)s)") % {
        "challenge": name,
        "city": city,
        "theirs": _level("intensity", theirs),
        "yours": _level("intensity", yours),
    }


def _can_help(city: str, area: str, maturity: str, priority: str) -> str:
    values = {"city": city, "area": term_name(area)}
    if priority not in ("high", "medium", "low"):  # asked about an area the city does not list as a need
        sentences = {
            "leading": gettext("%(city)s leads in %(area)s"),
            "established": gettext("%(city)s has established practice in %(area)s"),
            "starting": gettext("%(city)s is starting work on %(area)s"),
        }
    elif priority == "high":
        sentences = {
            "leading": gettext("%(city)s leads in %(area)s, which you marked as a high priority"),
            "established": gettext(
                "%(city)s has established practice in %(area)s, which you marked as a high priority"
            ),
            "starting": gettext("%(city)s is starting work on %(area)s, which you marked as a high priority"),
        }
    else:
        values["priority"] = {"medium": gettext("medium"), "low": gettext("low")}.get(priority, priority)
        sentences = {
            "leading": gettext("%(city)s leads in %(area)s (your priority: %(priority)s)"),
            "established": gettext("%(city)s has established practice in %(area)s (your priority: %(priority)s)"),
            "starting": gettext("%(city)s is starting work on %(area)s (your priority: %(priority)s)"),
        }
    return sentences.get(maturity, sentences["established"]) % values


def reason_text(reason: dict, *, city_name: str) -> str:
    """One reason ({"code", "params"}) about the suggested city `city_name`, as a sentence."""
    code, params = reason.get("code"), reason.get("params") or {}
    if code == "shared_challenges":
        intensities = params.get("intensities") or {}
        items = [_shared_challenge(c, intensities.get(c), city_name) for c in params.get("challenges", [])]
        return gettext("Both face %(challenges)s") % {"challenges": join_terms(items)}
    if code == "can_help":
        return _can_help(city_name, params.get("area", ""), params.get("maturity", ""), params.get("priority", ""))
    if code == "can_learn":
        values = {
            "city": city_name,
            "area": term_name(params.get("area", "")),
            "maturity": _level("maturity", params.get("maturity", "")),
            "priority": _level("priority", params.get("priority", "")),
        }
        if params.get("maturity") and params.get("priority"):
            return (
                gettext("In return, %(city)s needs %(area)s (their priority: %(priority)s), where you are %(maturity)s")
                % values
            )
        return gettext("In return, you can share your practice in %(area)s") % values
    if code == "shared_languages":
        return gettext("Shares %(languages)s") % {
            "languages": join_words([language_name(code) for code in params.get("languages", [])])
        }
    if code == "similar_size":
        return gettext("Similar size")
    if code == "same_authority_type":
        kind = params.get("authority_type", "")
        label = AuthorityType(kind).label if kind in AuthorityType.values else kind
        return gettext("Same type of authority: %(type)s") % {"type": label}
    if code == "same_settlement_type":
        kind = params.get("settlement_type", "")
        label = SettlementType(kind).label if kind in SettlementType.values else kind
        return gettext("Same kind of place: %(type)s") % {"type": label}
    if code == "same_region":
        return gettext("Same region: %(region)s") % {"region": region_name(params.get("region", ""))}
    if code == "nearby":
        return gettext("About %(km)s km away") % {"km": number(params.get("km", 0))}
    if code == "different_size":
        values = {"city": city_name, "factor": number(params.get("factor", 0))}
        if params.get("larger"):
            return gettext("Differs in size: %(city)s has about %(factor)s times your population") % values
        return gettext("Differs in size: you have about %(factor)s times the population of %(city)s") % values
    if code == "different_region":
        return gettext("Differs in region: %(region)s (yours: %(yours)s)") % {
            "region": region_name(params.get("region", "")),
            "yours": region_name(params.get("yours", "")),
        }
    if code == "same_country":
        return gettext("In the same country")
    if code == "same_hub":
        return gettext("In the same Regional Hub")
    return ""


def reasons_text(reasons: list[dict], *, city_name: str) -> list[str]:
    return [text for text in (reason_text(reason, city_name=city_name) for reason in reasons) if text]
