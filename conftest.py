import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from accounts.models import Role
from accounts.services import role_grant
from cities.models import Country, Hub, Stage
from cities.tests.factories import CityFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def make_person(email, **extra):
    return get_user_model().objects.create_user(email=email, name=email.split("@")[0].title(), password="pw", **extra)


@pytest.fixture
def staff_user(db):
    user = make_person("staff@example.org")
    role_grant(user=user, role=Role.MANAGEMENT_UNIT)
    return user


@pytest.fixture
def member_user(db):
    """A practitioner of a member city in Ghana (not one the tests look at)."""
    user = make_person("member@example.org")
    home = CityFactory(
        slug="practitioner-home",
        name="Practitioner Home",
        country=Country.objects.get(code="GH"),
        latitude=5.6,
        longitude=-0.2,
    )
    role_grant(user=user, role=Role.PRACTITIONER, city=home)
    return user


@pytest.fixture
def esa_hub_staff(db):
    user = make_person("esa-hub@example.org")
    role_grant(user=user, role=Role.HUB_STAFF, hub=Hub.objects.get(code="esa"))
    return user


@pytest.fixture
def mena_hub_staff(db):
    user = make_person("mena-hub@example.org")
    role_grant(user=user, role=Role.HUB_STAFF, hub=Hub.objects.get(code="mena"))
    return user


@pytest.fixture
def world(db, esa_hub_staff, mena_hub_staff, staff_user, member_user):
    kenya = Country.objects.get(code="KE")
    city_a = CityFactory(slug="city-a", name="City A", country=kenya)
    city_b = CityFactory(
        slug="city-b", name="City B", country=Country.objects.get(code="MA"), latitude=34, longitude=-6
    )
    joining = CityFactory(slug="joining-town", name="Joining Town", country=kenya, stage=Stage.JOINING)
    focal_a, focal_b = make_person("focal-a@example.org"), make_person("focal-b@example.org")
    role_grant(user=focal_a, role=Role.FOCAL_POINT, city=city_a)
    role_grant(user=focal_b, role=Role.FOCAL_POINT, city=city_b)
    joining_focal = make_person("joining-focal@example.org")
    role_grant(user=joining_focal, role=Role.FOCAL_POINT, city=joining)
    return {
        "city A": city_a,
        "city B": city_b,
        "anonymous": None,
        "practitioner": member_user,
        "focal point of A": focal_a,
        "focal point of B": focal_b,
        "hub staff of A's hub": esa_hub_staff,
        "hub staff of another hub": mena_hub_staff,
        "staff": staff_user,
        "focal point of the joining town": joining_focal,
    }


ROLES = [
    "anonymous",
    "practitioner",
    "focal point of A",
    "focal point of B",
    "hub staff of A's hub",
    "hub staff of another hub",
    "staff",
]


def as_role(client, world, role):
    client.logout()
    if world[role] is not None:
        client.force_login(world[role])
    return client
