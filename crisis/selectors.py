"""The incident page's sections, each read in a bounded number of queries.

The peers (member cities that faced the same challenges in a similar context) come from the matching
engine, asked once per incident version and network data version and kept in the shared cache (the
first reading at 100,000 authorities takes seconds: `tasks.warm_incident` does it after each change).
The cache keeps slugs, scores and reason codes; names and sentences are read and worded per request,
in the reader's language."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import get_language

from accounts.models import Role, RoleAssignment
from cities.models import City, CityChallenge, Stage
from cities.selectors import data_version
from helpdesk.experts import NEUTRAL, experts_suggest
from matching.engine import Engine, Options
from matching.explain import reasons_text
from matching.profiles import profile_from_dict
from matching.sources import city_profiles
from resources.listing_index import LISTING_VERSION
from resources.models import ResourcePage
from resources.selectors import in_language, published

from .models import Incident

PEERS = 8
NEARBY = 12
PAST = 8
RESOURCES = 8
EXPERTS = 6
# ?km= on the page: a whole number within these bounds (core/params.py).
KM_DEFAULT, KM_MIN, KM_MAX = 300, 10, 2000
CACHE = "shared"
CACHE_SECONDS = 7 * 24 * 3600
INCIDENT = "incident"
# The practice areas the network answers a crisis with (the Expert Pool, the Resource Hub).
CRISIS_AREAS = ("crisis-response", "victim-support", "strategic-communications")
KM_PER_DEGREE = 111.195


@dataclass
class Peer:
    city: City
    score: float
    reasons: list[str] = field(default_factory=list)


def _profile(incident: Incident, challenge_codes: list[str]):
    """The incident as the engine's asker: its city's own profile with the incident's challenges added
    (as severe), or for a place with coordinates, the place and its hub's region."""

    added = dict.fromkeys(challenge_codes, "severe")
    if incident.city_id:
        own = city_profiles(City.objects.filter(pk=incident.city_id))[0].to_dict()
        own.update(id=INCIDENT, challenges={**own["challenges"], **added})
        return profile_from_dict(own)
    hub = incident.hub
    return profile_from_dict(
        {
            **NEUTRAL,
            "id": INCIDENT,
            "name": incident.place_name,
            "region": hub.region.code if hub else "(none)",
            "hub": hub.code if hub else None,
            "lat": incident.latitude,
            "lon": incident.longitude,
            "languages": [],
            "challenges": added,
            "offers": {},
            "needs": {},
        }
    )


def _cache_key(incident: Incident) -> str | None:

    version = data_version()
    if not version.shared:
        return None
    return f"crisis:peers:{incident.pk}:{incident.version}:{version}"


def peer_matches(incident: Incident) -> list[tuple[str, float, list[dict]]]:
    """[(slug, score, reasons as {"code", "params"})] of the incident's peers, cached per version."""

    key = _cache_key(incident)
    store = caches[CACHE]
    if key is not None:
        found = store.get(key)
        if found is not None:
            return found
    codes = list(incident.challenges.values_list("code", flat=True))
    # Candidates: member and joining authorities that face at least one of the incident's challenges.
    facing = CityChallenge.objects.filter(challenge__code__in=codes).values("city_id")
    candidates = City.objects.filter(stage__in=[Stage.MEMBER, Stage.JOINING], pk__in=facing)
    if incident.city_id:
        candidates = candidates.exclude(pk=incident.city_id)
    profiles = city_profiles(candidates)
    result: list = []
    if profiles:
        engine = Engine([_profile(incident, codes), *profiles])
        matches = engine.peers(INCIDENT, top=PEERS, options=Options(diversity=3))
        result = [(m.id, round(m.score, 4), [{"code": r.code, "params": r.params} for r in m.reasons]) for m in matches]
    if key is not None:
        store.set(key, result, CACHE_SECONDS)
    return result


def peers(incident: Incident, user) -> list[Peer]:

    matches = peer_matches(incident)
    cities = {
        city.slug: city
        for city in City.objects.visible_to(user)
        .filter(slug__in=[slug for slug, _score, _reasons in matches])
        .select_related("country")
    }
    return [
        Peer(city=cities[slug], score=score, reasons=reasons_text(reasons, city_name=cities[slug].display_name))
        for slug, score, reasons in matches
        if slug in cities
    ]


def nearby(incident: Incident, km: int) -> tuple[list[tuple[City, int]], int]:
    """Member authorities within `km` of the place, nearest first (at most NEARBY), and how many there are.

    A box on the indexed latitude and longitude (only the box: with the stage in the condition SQLite
    reads every member by the stage's index instead), the stage and the great-circle distance checked
    here on the box's few columns, then the nearest rows read in full: two queries."""
    where = incident.coordinates
    if where is None:
        return [], 0
    lat, lon = where
    dlat = km / KM_PER_DEGREE
    dlon = min(180.0, dlat / max(math.cos(math.radians(min(89.0, abs(lat) + dlat))), 0.01))
    box = City.objects.filter(latitude__gte=lat - dlat, latitude__lte=lat + dlat)
    if dlon < 180:
        box = box.filter(longitude__gte=lon - dlon, longitude__lte=lon + dlon)
    within = []
    for pk, stage, city_lat, city_lon in box.values_list("pk", "stage", "latitude", "longitude").order_by():
        if stage == Stage.MEMBER and pk != incident.city_id:
            distance = _km(lat, lon, city_lat, city_lon)
            if distance <= km:
                within.append((distance, pk))
    within.sort()
    nearest = within[:NEARBY]
    cities = City.objects.select_related("country").in_bulk([pk for _distance, pk in nearest])
    return [(cities[pk], round(distance)) for distance, pk in nearest if pk in cities], len(within)


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def experts(incident: Incident):
    """Available experts in crisis response, victim support and strategic communications, those of the
    place's region first (`helpdesk.experts`, the engine). Staff-only page: names and reasons."""
    region = incident.hub.region if incident.hub_id else None
    return experts_suggest(needs=dict.fromkeys(CRISIS_AREAS, "high"), languages=[], region=region, top=EXPERTS)


def resources(incident: Incident) -> list:
    """Published Resource Hub resources on the incident's challenges or the crisis areas, newest first,
    one per translation group, in the reader's language where translated. The pages tagged so are found
    through the two tag tables (no DISTINCT over the page table), the newest read, one per group kept;
    which ones is kept in the shared cache per incident version and Resource Hub listing version."""

    key = (
        None
        if LISTING_VERSION.pending()
        else f"crisis:resources:{incident.pk}:{incident.version}:{LISTING_VERSION.read()}"
    )
    store = caches[CACHE]
    pks = store.get(key) if key else None
    if pks is None:
        pks = _resource_pks(incident)
        if key:
            store.set(key, pks, CACHE_SECONDS)
    pages = ResourcePage.objects.only("pk", "translation_key").in_bulk(pks)
    return in_language(ResourcePage, [pages[pk] for pk in pks if pk in pages], get_language() or "en")


def _resource_pks(incident: Incident) -> list[int]:

    challenge_ids = list(incident.challenges.values_list("pk", flat=True))
    on_topic = ResourcePage.topics.through.objects.filter(challenge_id__in=challenge_ids).values("resourcepage_id")
    in_area = ResourcePage.practice_areas.through.objects.filter(practicearea__code__in=CRISIS_AREAS).values(
        "resourcepage_id"
    )
    rows = (
        published(ResourcePage)
        .filter(Q(pk__in=on_topic) | Q(pk__in=in_area))
        .only("pk", "translation_key", "path")
        .order_by("-publication_date", "-pk")[: RESOURCES * 6]
    )
    firsts, seen = [], set()
    for row in rows:
        if row.translation_key not in seen:
            seen.add(row.translation_key)
            firsts.append(row)
    return [row.pk for row in firsts[:RESOURCES]]


def hub_contacts(incident: Incident) -> list:
    """The staff of the incident's hub (names and e-mail addresses; a staff-only page)."""

    if not incident.hub_id:
        return []
    return [
        assignment.user
        for assignment in RoleAssignment.objects.filter(
            role=Role.HUB_STAFF, hub_id=incident.hub_id, user__is_active=True
        )
        .select_related("user")
        .order_by("user__name", "user_id")[:20]
    ]


def similar_incidents(incident: Incident, user) -> list[Incident]:
    """Past incidents like this one (same kind or a shared challenge) that `user` may see, the same hub's
    first, newest first."""
    challenge_ids = list(incident.challenges.values_list("pk", flat=True))
    like = Q(kind=incident.kind) | Q(pk__in=Incident.challenges.through.objects.filter(
        challenge_id__in=challenge_ids).values("incident_id"))  # fmt: skip
    rows = (
        Incident.objects.visible_to(user)
        .exclude(pk=incident.pk)
        .filter(like, date__lte=incident.date)
        .annotate(
            same_hub=Case(When(hub_id=incident.hub_id, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .select_related("city", "hub")
        .order_by("same_hub", "-date", "-pk")[:PAST]
    )
    return list(rows)
