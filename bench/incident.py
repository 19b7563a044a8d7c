"""Crisis mode on the 100,000-authority database: an incident's assembled page (peers from the matching
engine, members nearby, experts, resources, the hub's staff, past incidents).

Prints the time to compute the peers once (what `crisis.tasks.warm_incident` does after each change,
before anyone opens the page), then the page's p50/p95 with the peers in the shared cache, for the
Management Unit, in English and Arabic. Run `make bench-data` first (bench/data/scale.sqlite3); the
incident and the staff member it makes are kept there for the next run.
"""

import datetime
import time

from _common import measure, staff_client

from accounts.models import Role, User
from accounts.services import role_grant
from cities.models import Challenge, City, CityChallenge
from crisis.models import Incident, IncidentKind
from crisis.selectors import _cache_key, peer_matches

SUMMARY = "Bench incident: an attack on a market (bench data)."

staff, _ = User.objects.get_or_create(email="bench-crisis@example.org", defaults={"name": "Bench Crisis"})
if not staff.roles.filter(role=Role.MANAGEMENT_UNIT).exists():
    role_grant(user=staff, role=Role.MANAGEMENT_UNIT)
incident = Incident.objects.filter(summary=SUMMARY).first()
if incident is None:
    challenge = Challenge.objects.get(code="attacks-public-spaces")
    city = (
        City.objects.filter(stage="member", pk__in=CityChallenge.objects.filter(challenge=challenge).values("city_id"))
        .order_by("pk")
        .first()
    )
    incident = Incident.objects.create(
        date=datetime.date.today() - datetime.timedelta(days=1),
        city=city,
        hub=city.hub,
        kind=IncidentKind.ATTACK_PUBLIC_SPACE,
        summary=SUMMARY,
        created_by=staff,
    )
    incident.challenges.set([challenge, Challenge.objects.get(code="violent-extremism")])
incident = Incident.objects.select_related("city__country__region__hub", "hub__region").get(pk=incident.pk)
print(f"{'authorities':<58} {City.objects.count():8d}")

from django.core.cache import caches  # noqa: E402

caches["shared"].delete(_cache_key(incident))
start = time.perf_counter()
found = peer_matches(incident)
print(
    f"{'peers computed once (the background warm-up)':<58} {time.perf_counter() - start:8.2f} s  ({len(found)} peers)"
)

client, _ = staff_client("bench-crisis@example.org", role=Role.MANAGEMENT_UNIT)
url = f"/admin/incidents/{incident.pk}/"
measure("incident page, peers cached (Management Unit)", url, client=client)
measure("same, 1,000 km around", url + "?km=1000", client=client)
measure("incidents list", "/admin/incidents/", client=client)
staff.wagtail_userprofile.preferred_language = "ar"
staff.wagtail_userprofile.save()
measure("same, admin in Arabic", url, client=client)
staff.wagtail_userprofile.preferred_language = ""
staff.wagtail_userprofile.save()
