"""Who sees what, for every role, on every page, export and API that shows members."""

import pytest

from cities.tests.factories import add_focal_point
from conftest import as_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(world):
    for level in ("members", "hub", "staff"):
        add_focal_point(world["city A"], visibility=level, email=f"{level}-contact@example.org")
    return world


# role -> contact levels of city A that role may read on the public profile
CONTACTS = {
    "anonymous": set(),
    "practitioner": {"members"},
    "focal point of A": {"members"},
    "focal point of B": {"members"},
    "hub staff of A's hub": {"members", "hub"},
    "hub staff of another hub": {"members"},
    "staff": {"members", "hub", "staff"},
    "focal point of the joining town": {"members"},
}


@pytest.mark.parametrize("role", list(CONTACTS))
def test_focal_point_contacts_by_role(client, world, role):
    text = as_role(client, world, role).get("/en/network/city-a/").content.decode()
    shown = {level for level in ("members", "hub", "staff") if f"{level}-contact@example.org" in text}
    assert shown == CONTACTS[role]


@pytest.mark.parametrize("role", list(CONTACTS))
@pytest.mark.parametrize(
    "url",
    [
        "/en/network/export.csv",
        "/en/network/export.geojson",
        "/api/v1/members",
        "/api/v1/members/city-a",
        "/en/network/map/data.json",
        "/en/network/?q=city",
    ],
)
def test_contacts_never_leave_through_exports_api_or_lists(client, world, role, url):
    response = as_role(client, world, role).get(url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"-contact@example.org" not in content


NON_PUBLIC_PROFILE = {
    "anonymous": 404,
    "practitioner": 404,
    "focal point of A": 404,
    "focal point of B": 404,
    "hub staff of A's hub": 200,
    "hub staff of another hub": 404,
    "staff": 200,
    "focal point of the joining town": 200,
}


@pytest.mark.parametrize("role, status", NON_PUBLIC_PROFILE.items())
def test_a_joining_authority_is_seen_by_its_own_people_its_hub_and_staff(client, world, role, status):
    assert as_role(client, world, role).get("/en/network/joining-town/").status_code == status
    api = client.get("/api/v1/members/joining-town").status_code
    assert api == status


@pytest.mark.parametrize("role", list(CONTACTS))
def test_only_staff_list_other_membership_stages(client, world, role):
    response = as_role(client, world, role).get("/en/network/?stage=joining")
    listed = {city.slug for city in response.context["cities"]}
    assert ("joining-town" in listed) == (role == "staff")


@pytest.mark.parametrize("role", list(CONTACTS))
def test_the_one_city_visibility_check_agrees_with_the_queryset(world, role):
    from cities.models import City
    from core.visibility import city_visible_to

    user = world[role]
    listed = set(City.objects.visible_to(user).values_list("pk", flat=True))
    for city in City.objects.select_related("country__region__hub"):
        assert city_visible_to(user, city) == (city.pk in listed), (role, city.slug)
