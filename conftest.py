import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from accounts.models import Role
from accounts.services import role_grant
from cities.models import Country, Hub
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
