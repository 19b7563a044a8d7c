"""Incidents: the form's messages, who may do what (every role), hub scoping, the assembled page."""

import datetime

import pytest
from django.core.cache import caches
from django.utils import translation
from django.utils.translation import gettext

from cities.models import Challenge, Country, Hub
from cities.tests.factories import CityFactory, add_challenge
from conftest import ROLES, as_role
from crisis.models import Incident, IncidentStep

from .conftest import ATTACKS, incident_data, make_incident

pytestmark = pytest.mark.django_db

ALLOWED = {"hub staff of A's hub", "staff"}


def test_an_unknown_place_no_challenge_and_a_future_date_get_messages_and_nothing_is_lost(client, world):
    as_role(client, world, "staff")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    data = incident_data(world, city="", date=tomorrow, challenges=[], summary="Crowd gathered at the station.")
    response = client.post("/admin/incidents/new/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "The date cannot be in the future." in html
    assert "Unknown place: choose a member authority" in html
    assert "Choose at least one challenge involved." in html
    assert "Crowd gathered at the station." in html and tomorrow in html  # kept
    assert not Incident.objects.exists()


def test_a_place_needs_a_name_and_coordinates_in_range(client, world):
    as_role(client, world, "staff")
    response = client.post(
        "/admin/incidents/new/", incident_data(world, city="", place_name="Harbour", latitude="95", longitude="")
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Give the place&#x27;s longitude" in html
    assert "less than or equal to 90" in html and 'value="Harbour"' in html
    response = client.post("/admin/incidents/new/", incident_data(world, city="no-such-town"))
    assert "No member authority has this address or name" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_place_with_coordinates_belongs_to_the_chosen_hub(client, world):
    as_role(client, world, "staff")
    esa = Hub.objects.get(code="esa")
    response = client.post(
        "/admin/incidents/new/",
        incident_data(world, city="", place_name="Lakeside market", latitude="-0.1", longitude="34.75", hub=esa.pk),
    )
    incident = Incident.objects.get()
    assert response.status_code == 302 and incident.hub == esa and incident.place == "Lakeside market"
    assert incident.created_by == world["staff"]
    (step,) = IncidentStep.objects.filter(incident=incident)
    assert step.text == "Incident recorded."
    with translation.override("ar"):  # worded when read, in the reader's language
        assert step.text == gettext("Incident recorded.") != "Incident recorded."


@pytest.mark.usefixtures("two_factor_required")
@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_and_do_what(client, world, site, role):
    incident = make_incident(world)
    as_role(client, world, role)
    allowed = role in ALLOWED
    pages = {
        "list": "/admin/incidents/",
        "create": "/admin/incidents/new/",
        "page": f"/admin/incidents/{incident.pk}/",
        "edit": f"/admin/incidents/{incident.pk}/edit/",
    }
    crisis_mode = allowed or role == "hub staff of another hub"  # their own hub's incidents only
    for name, url in pages.items():
        status = client.get(url).status_code
        expected = crisis_mode if name in ("list", "create") else allowed
        assert (status == 200) is expected, (name, status)
        if not expected:
            assert status in (302, 403, 404), (name, status)
    if crisis_mode:
        listed = client.get(pages["list"]).content.decode()
        assert (f"/admin/incidents/{incident.pk}/" in listed) is allowed
    steps = IncidentStep.objects.count()
    client.post(
        pages["page"], {"action": "step", "step-when": datetime.date.today().isoformat(), "step-what": "Called"}
    )
    assert (IncidentStep.objects.count() == steps + 1) is allowed
    client.post(pages["create"], incident_data(world, summary="Another one"))
    assert Incident.objects.filter(summary="Another one").exists() is allowed
    client.post(pages["edit"], incident_data(world, summary="Changed"))
    assert Incident.objects.filter(summary="Changed").exists() is allowed
    client.post(pages["page"], {"action": "statement", "statement-title": "T", "statement-summary": "S",
                                "statement-body": "B", "statement-cosign_days": "7"})  # fmt: skip
    assert Incident.objects.filter(pk=incident.pk, statement__isnull=False).exists() is allowed


def test_hub_staff_never_see_another_hubs_incidents(client, world):
    ours = make_incident(world)
    theirs = make_incident(world, city=world["city B"].slug, summary="In Morocco")
    as_role(client, world, "hub staff of A's hub")
    html = client.get("/admin/incidents/").content.decode()
    assert f"/admin/incidents/{ours.pk}/" in html and f"/admin/incidents/{theirs.pk}/" not in html
    assert client.get(f"/admin/incidents/{theirs.pk}/").status_code == 404
    assert client.get(f"/admin/incidents/{theirs.pk}/edit/").status_code == 404
    response = client.post("/admin/incidents/new/", incident_data(world, city=world["city B"].slug, summary="Not ours"))
    assert response.status_code == 400 and "only for places of your Regional Hub" in response.content.decode()
    assert not Incident.objects.filter(summary="Not ours").exists()
    # The past incidents of the page: their own hub's only.
    as_role(client, world, "staff")
    assert f"/admin/incidents/{theirs.pk}/" in client.get(f"/admin/incidents/{ours.pk}/").content.decode()
    as_role(client, world, "hub staff of A's hub")
    assert f"/admin/incidents/{theirs.pk}/" not in client.get(f"/admin/incidents/{ours.pk}/").content.decode()


def test_the_page_assembles_the_networks_answer(client, world, network, site):
    from resources.tests.conftest import make

    make(
        site["resources"], title="Keeping markets safe", practice_areas=[], topics=[Challenge.objects.get(code=ATTACKS)]
    )
    make(site["resources"], title="Youth clubs", topics=[Challenge.objects.get(code="youth-radicalisation")])
    earlier = make_incident(world, date=(datetime.date.today() - datetime.timedelta(days=400)).isoformat(),
                            summary="Earlier")  # fmt: skip
    incident = make_incident(world)
    as_role(client, world, "staff")
    html = client.get(f"/admin/incidents/{incident.pk}/").content.decode()
    peers = html.split('id="peers-heading"')[1].split("</section>")[0]
    assert "Peer Town" in peers and "Both face attacks on public spaces" in peers
    assert "Far Town" not in peers and "Neighbour Town" not in peers
    near = html.split('id="nearby-heading"')[1].split("</section>")[0]
    assert "Neighbour Town" in near and "Peer Town" not in near and "1 member within 300 km." in near
    wide = client.get(f"/admin/incidents/{incident.pk}/?km=99999999999999").content.decode()
    assert "within 2,000 km" in wide  # bounded
    assert "Peer Town" not in client.get(f"/admin/incidents/{incident.pk}/?km=abc").content.decode().split(
        'id="nearby-heading"')[1].split("</section>")[0]  # fmt: skip
    experts = html.split('id="experts-heading"')[1].split("</section>")[0]
    assert "Crisis-Expert" in experts and "Youth-Expert" not in experts
    reading = html.split('id="resources-heading"')[1].split("</section>")[0]
    assert "Keeping markets safe" in reading and "Youth clubs" not in reading
    contacts = html.split('id="contacts-heading"')[1].split("</section>")[0]
    assert "esa-hub@example.org" in contacts and "mena-hub@example.org" not in contacts
    similar = html.split('id="similar-heading"')[1].split("</section>")[0]
    assert f"/admin/incidents/{earlier.pk}/" in similar


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_matches_are_computed_after_the_commit_and_kept_per_version(client, world, network):
    from crisis.selectors import _cache_key

    incident = make_incident(world)  # committed: the task warms the cache at once (immediate backend)
    store = caches["shared"]
    assert [slug for slug, _score, _reasons in store.get(_cache_key(incident))] == ["peer-town"]
    add_challenge(CityFactory(slug="new-peer", name="New Peer"), ATTACKS)  # the data version moves on
    as_role(client, world, "staff")
    assert "New Peer" in client.get(f"/admin/incidents/{incident.pk}/").content.decode()
    assert store.get(_cache_key(incident)) is not None


def _network_of(size: int) -> None:
    kenya = Country.objects.get(code="KE")
    for number in range(size):
        city = CityFactory(country=kenya, latitude=-1 + number / 100, longitude=36.8)
        add_challenge(city, ATTACKS)


@pytest.mark.parametrize("size", [3, 30])
def test_the_pages_run_a_bounded_number_of_queries(client, world, network, size, django_assert_max_num_queries):
    _network_of(size)
    for _ in range(size // 3):
        make_incident(world)
    incident = make_incident(world)
    as_role(client, world, "staff")
    client.get(f"/admin/incidents/{incident.pk}/")  # the matches into the cache
    with django_assert_max_num_queries(41):
        assert client.get(f"/admin/incidents/{incident.pk}/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/admin/incidents/").status_code == 200


def test_the_page_in_arabic(client, world, network):
    incident = make_incident(world)
    staff = world["staff"]
    staff.wagtail_userprofile.preferred_language = "ar"
    staff.wagtail_userprofile.save()
    as_role(client, world, "staff")
    response = client.get(f"/admin/incidents/{incident.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and 'dir="rtl"' in html and 'lang="ar"' in html
    assert "<bdi>City A</bdi>" in html


def test_a_timeline_entry_needs_what_was_done(client, world):
    incident = make_incident(world)
    as_role(client, world, "staff")
    page = f"/admin/incidents/{incident.pk}/"
    response = client.post(page, {"action": "step", "step-when": datetime.date.today().isoformat(), "step-what": ""})
    assert response.status_code in (200, 400) and "This field is required." in response.content.decode()
    assert not IncidentStep.objects.filter(incident=incident, event="").exists()
