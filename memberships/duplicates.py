"""Look-alikes: does an application resemble an existing member or another open
application in the same country? Names are compared across scripts by folding
them (core.text.fold) and transliterating to Latin letters (anyascii), so
"الدار البيضاء" and "Ad-Dar al-Bayda" can meet. Written here (difflib plus
anyascii) because the comparison is small and the generic words to drop are
the network's own."""

import re
from difflib import SequenceMatcher

from anyascii import anyascii

from cities.models import City
from core.text import fold

from .models import OPEN_STATES, JoinApplication

THRESHOLD = 0.7  # a flag for a person to check, so a few false alarms are fine
GENERIC = re.compile(
    r"\b(city|town|municipality|municipal|council|county|district|province|region|state|government|of|the|"
    r"ville|commune|municipalite|de|du|la|le|ciudad|municipio|alcaldia|del|el|"
    r"mdyn[hy]?|bldy[hy]?|mhafz[hy]?|al)\b"
)


def name_key(name: str) -> str:
    latin = anyascii(fold(name)).lower()
    latin = re.sub(r"[^a-z0-9 ]+", " ", latin)
    return " ".join(GENERIC.sub(" ", latin).split())


def skeleton(key: str) -> str:
    """Consonants only: transliterated Arabic has few vowels, Latin spellings many."""
    words = []
    for word in key.split():
        if word.startswith("l") and len(word) > 3:  # the Arabic article al- becomes a bare l
            word = word[1:]
        word = re.sub(r"[aeiouwy]", "", word)
        word = re.sub(r"h$", "", word)
        words.append(re.sub(r"(.)\1+", r"\1", word))
    return " ".join(word for word in words if word)


def similarity(a: str, b: str) -> float:
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0
    score = SequenceMatcher(None, key_a, key_b).ratio()
    bone_a, bone_b = skeleton(key_a), skeleton(key_b)
    if bone_a == bone_b and len(bone_a.replace(" ", "")) >= 3:
        # Same three or more consonants in the same order: "الزرقاء"/"Zarqa", "الموصل"/"Mosul".
        return max(score, 0.9)
    if min(len(bone_a), len(bone_b)) >= 4:
        score = max(score, 0.95 * SequenceMatcher(None, bone_a, bone_b).ratio())
    return score


def _best(name: str, names) -> float:
    return max((similarity(name, other) for other in names if other), default=0.0)


def look_alikes(applications: list[JoinApplication]) -> dict[int, list[tuple[str, object, float]]]:
    """For each application, the members and open applications in its country that look like it,
    never itself nor the authority its approval created or reactivated (`application.city`).

    Two queries whatever the number of applications.
    """
    countries = {application.country_id for application in applications}
    cities = list(
        City.objects.filter(country_id__in=countries).only(
            "slug", "name", "name_en", "name_ar", "name_fr", "name_es", "country_id", "stage"
        )
    )
    others = list(
        JoinApplication.objects.filter(country_id__in=countries, state__in=OPEN_STATES).only(
            "authority_name", "country_id", "state"
        )
    )
    result: dict[int, list] = {}
    for application in applications:
        found = []
        for city in cities:
            if city.country_id != application.country_id or city.pk == application.city_id:
                continue  # another country, or the authority this application created or reactivated
            score = _best(
                application.authority_name, [city.name, city.name_en, city.name_ar, city.name_fr, city.name_es]
            )
            if score >= THRESHOLD:
                found.append(("member", city, score))
        for other in others:
            if other.pk != application.pk and other.country_id == application.country_id:
                score = similarity(application.authority_name, other.authority_name)
                if score >= THRESHOLD:
                    found.append(("application", other, score))
        result[application.pk] = sorted(found, key=lambda item: -item[2])
    return result
