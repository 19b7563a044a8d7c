import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, RoleAssignment
from accounts.services import ADMIN_GROUPS, role_grant
from cities.models import Country, Hub, Stage
from cities.tests.factories import CityFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, search index entries start past the newest recency buckets (search.ranking), as
    on a site that has lived: how many statements a search takes then does not hang on how many
    entries the tests before it made (on a fresh database every entry sits in the newest buckets)."""
    from django.db import connection

    from search.ranking import BUCKET, FIRST_BUCKETS

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('wagtailsearch_indexentry', 'id'), "
                    "GREATEST((SELECT last_value FROM wagtailsearch_indexentry_id_seq), %s))",
                    [(FIRST_BUCKETS + 1) * BUCKET],
                )


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English: a test that activates a language and does not deactivate it
    must not change what the next one reads."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    from cities.directory_index import forget_directory_index

    # Each test rolls the database back, so data version numbers repeat: forget what was built on them.
    cache.clear()
    forget_directory_index()
    yield
    cache.clear()
    forget_directory_index()


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
    # Staff who signed in with a password alone: `as_role` does not confirm a code for them.
    staff_no_code, hub_no_code = make_person("staff-no-code@example.org"), make_person("esa-hub-no-code@example.org")
    role_grant(user=staff_no_code, role=Role.MANAGEMENT_UNIT)
    role_grant(user=hub_no_code, role=Role.HUB_STAFF, hub=Hub.objects.get(code="esa"))
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
        "staff without a second factor": staff_no_code,
        "hub staff of A's hub without a second factor": hub_no_code,
    }


ROLES = [
    "anonymous",
    "practitioner",
    "focal point of A",
    "focal point of B",
    "hub staff of A's hub",
    "hub staff of another hub",
    "staff",
    "staff without a second factor",
    "hub staff of A's hub without a second factor",
]

# Signed in with a password only; every other staff role has confirmed a code in its session.
WITHOUT_SECOND_FACTOR = {"staff without a second factor", "hub staff of A's hub without a second factor"}


@pytest.fixture
def two_factor_required(settings):
    """Production's rule: staff and hub privileges need a code confirmed in the session."""
    settings.STAFF_TWO_FACTOR_REQUIRED = True


def works_in_the_admin(user) -> bool:
    """Asked of the database, so that nothing is cached on the fixture's user object."""
    return user.is_superuser or RoleAssignment.objects.filter(user=user, role__in=list(ADMIN_GROUPS)).exists()


def confirm_second_factor(client, user):
    """What the two-factor page does after a right code: a confirmed device kept in the session."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "default"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def as_role(client, world, role):
    client.logout()
    if world[role] is not None:
        client.force_login(world[role])
        if role not in WITHOUT_SECOND_FACTOR and works_in_the_admin(world[role]):
            confirm_second_factor(client, world[role])
    return client
