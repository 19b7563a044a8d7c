"""Who sees what, for every role, on every page, export and API that shows members."""

import pytest

from cities.tests.factories import add_focal_point
from conftest import ROLES, as_role

# Run as in production: staff privileges need a code confirmed in the session (`as_role` confirms
# one for every staff role but the two "without a second factor").
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


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
    # Signed in with a password alone: a plain member until a code is confirmed.
    "staff without a second factor": {"members"},
    "hub staff of A's hub without a second factor": {"members"},
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
    "staff without a second factor": 404,
    "hub staff of A's hub without a second factor": 404,
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


# The my-city form of city A: role -> contact levels the form holds, offers and lets the person
# change or remove. A role not listed here (including any role added to ROLES later) must not
# open the form at all.
MY_CITY_CONTACT_LEVELS = {
    "focal point of A": {"members"},
    "hub staff of A's hub": {"members", "hub"},
    "staff": {"members", "hub", "staff"},
}
CONTACT_LEVELS = ("members", "hub", "staff")


def contact_of(world, level):
    return world["city A"].focal_points.get(email=f"{level}-contact@example.org")


def my_city_post(world, contact, **changes):
    """The my-city form posted back with one contact of city A named by its id."""
    from cities.tests.test_self_service import management, profile_post

    values = {field: getattr(contact, field) for field in ("name", "role", "email", "phone", "languages")}
    values.update(id=contact.pk, visibility=contact.visibility)
    values.update(changes)
    return profile_post(
        edit_version=str(world["city A"].edit_version),
        **management("contacts", 1, initial=1),
        **{f"contacts-0-{name}": value for name, value in values.items()},
    )


def refused_outright(response):
    """Not found, or sent to sign in first."""
    return response.status_code == 404 or (response.status_code == 302 and "next=" in response.url)


@pytest.mark.parametrize("role", ROLES)
def test_my_city_form_holds_only_the_contacts_the_editor_may_see(client, world, role):
    response = as_role(client, world, role).get("/en/my-city/city-a/")
    text = response.content.decode()
    shown = {level for level in CONTACT_LEVELS if f"{level}-contact@example.org" in text}
    if role not in MY_CITY_CONTACT_LEVELS:
        assert refused_outright(response) and shown == set()
        return
    assert response.status_code == 200
    assert shown == MY_CITY_CONTACT_LEVELS[role]
    contacts = response.context["contacts"]
    for subform in contacts.forms:
        assert {value for value, _label in subform.fields["visibility"].choices} == MY_CITY_CONTACT_LEVELS[role]


@pytest.mark.parametrize("level", CONTACT_LEVELS)
@pytest.mark.parametrize("role", ROLES)
def test_no_one_widens_a_contact_they_cannot_see(client, world, role, level):
    contact = contact_of(world, level)
    response = as_role(client, world, role).post(
        "/en/my-city/city-a/", my_city_post(world, contact, visibility="members", name="Renamed")
    )
    contact.refresh_from_db()
    if level in MY_CITY_CONTACT_LEVELS.get(role, set()):
        assert response.status_code == 302
        assert (contact.visibility, contact.name) == ("members", "Renamed")
    else:
        assert (contact.visibility, contact.name) == (level, "Amina Example")
        if role in MY_CITY_CONTACT_LEVELS:
            assert response.status_code == 400 and "not one you can change" in response.content.decode()
        else:
            assert refused_outright(response)


@pytest.mark.parametrize("level", CONTACT_LEVELS)
@pytest.mark.parametrize("role", ROLES)
def test_no_one_gives_a_contact_an_audience_they_are_not_part_of(client, world, role, level):
    """Even on a contact they may edit, the audiences offered are only those the editor belongs to."""
    allowed = MY_CITY_CONTACT_LEVELS.get(role, set())
    contact = contact_of(world, "members")
    response = as_role(client, world, role).post("/en/my-city/city-a/", my_city_post(world, contact, visibility=level))
    contact.refresh_from_db()
    if level in allowed:
        assert response.status_code == 302 and contact.visibility == level
    else:
        assert contact.visibility == "members"
        if allowed:
            assert response.status_code == 400
            assert response.context["contacts"].forms[0].errors["visibility"]
        else:
            assert refused_outright(response)


@pytest.mark.parametrize("level", CONTACT_LEVELS)
@pytest.mark.parametrize("role", ROLES)
def test_no_one_removes_a_contact_they_cannot_see(client, world, role, level):
    contact = contact_of(world, level)
    response = as_role(client, world, role).post("/en/my-city/city-a/", my_city_post(world, contact, DELETE="on"))
    still_there = world["city A"].focal_points.filter(pk=contact.pk).exists()
    if level in MY_CITY_CONTACT_LEVELS.get(role, set()):
        assert response.status_code == 302 and not still_there
    else:
        assert still_there
        if role in MY_CITY_CONTACT_LEVELS:
            assert response.status_code == 400 and "not one you can change" in response.content.decode()
        else:
            assert refused_outright(response)
