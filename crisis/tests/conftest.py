"""A small known network around City A (Kenya, the ESA hub): peers, a neighbour, experts, a resource,
and the events site the statements go under."""

import datetime

import pytest

from cities.models import Challenge, Country
from cities.tests.factories import CityFactory, add_challenge
from events.tests.conftest import build_events_index
from helpdesk.tests.conftest import make_expert

ATTACKS = "attacks-public-spaces"


@pytest.fixture
def site(db):
    """The events index in four languages and a Resource Hub index (English) under the same home."""
    from resources.models import ResourceIndexPage

    indexes = build_events_index()
    home = indexes["en"].get_parent()
    resources = ResourceIndexPage(title="Resources", slug="resources", locale=indexes["en"].locale)
    home.add_child(instance=resources)
    resources.save_revision().publish()
    return {"events": indexes, "resources": resources}


@pytest.fixture
def network(world):
    """City A faces attacks on public spaces; a peer in Ghana does too; a neighbour 30 km from City A
    faces none; a far city in Morocco faces hate crime only."""
    add_challenge(world["city A"], ATTACKS, "severe")
    peer = CityFactory(slug="peer-town", name="Peer Town", country=Country.objects.get(code="GH"),
                       latitude=7.9, longitude=-1.0)  # fmt: skip
    add_challenge(peer, ATTACKS)
    neighbour = CityFactory(slug="neighbour-town", name="Neighbour Town", latitude=-1.0, longitude=36.9)
    far = CityFactory(slug="far-town", name="Far Town", country=Country.objects.get(code="MA"),
                      latitude=31.6, longitude=-8.0)  # fmt: skip
    add_challenge(far, "hate-crime")
    crisis_expert = make_expert("crisis-expert@example.org", areas=["crisis-response"], regions=["esa"])
    make_expert("youth-expert@example.org", areas=["youth-engagement"])
    return {"peer": peer, "neighbour": neighbour, "far": far, "expert": crisis_expert}


def incident_data(world, **changes):
    data = {
        "date": (datetime.date.today() - datetime.timedelta(days=1)).isoformat(),
        "kind": "attack_public_space",
        "city": world["city A"].slug,
        "place_name": "",
        "latitude": "",
        "longitude": "",
        "hub": "",
        "challenges": [Challenge.objects.get(code=ATTACKS).pk],
        "summary": "An explosion at the central market (test).",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def make_incident(world, actor=None, **changes):
    """An incident made through the form and the service, as the admin does."""
    from crisis import services
    from crisis.forms import IncidentForm

    actor = actor or world["staff"]
    form = IncidentForm(incident_data(world, **changes), user=actor)
    assert form.is_valid(), form.errors
    return services.incident_save(form=form, actor=actor)
