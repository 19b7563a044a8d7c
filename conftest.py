from contextlib import contextmanager

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


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "shared: starts two app servers on PostgreSQL, Redis and S3 storage (make test-shared, only there)"
    )


def pytest_collection_modifyitems(config, items):
    """With STORAGE=s3 (tests/s3.py) the tests about files on local disk are skipped, each saying why."""
    if settings.STORAGES["default"]["BACKEND"] != "storages.backends.s3.S3Storage":
        return
    from tests.s3 import LOCAL_DISK_ONLY

    for item in items:
        reason = LOCAL_DISK_ONLY.get(item.nodeid.split("[", 1)[0])
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    wanted = set(getattr(item, "fixturenames", ()))
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))) or bool(
        wanted & {"transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}
    )


@contextmanager
def kept_for_module(request, django_db_blocker):
    """Rows made once for all the tests of a module (a site's pages in four languages take seconds to
    publish): made inside a transaction that is rolled back after the module's last test. Each test's own
    transaction is a savepoint inside it, so what a test changes is still undone after it.

    For modules without transactional tests only (they commit, and would commit these rows too):
    refused with a clear error otherwise. Fixtures built on this return ids, not model instances, for
    a test to read afresh: an instance changed by one test must not carry over to the next."""
    from django.db import transaction

    mixed = [item.nodeid for item in request.session.items if item.module is request.module and _transactional(item)]
    if mixed:
        raise pytest.UsageError(f"kept_for_module: {request.module.__name__} has transactional tests: {mixed[:3]}")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def restore_or_build(snapshot: dict, build) -> None:
    """For transactional tests (which empty the database after each): the first call runs `build()` and
    keeps the whole database serialized in `snapshot` (a module-scoped dict); later calls empty the
    database and load that copy (a fraction of a second, where building a site's pages takes seconds).

    Emptied without post_migrate, as Django itself does for serialized rollback (it would recreate content
    types under other ids); sequences are kept and then moved past the restored ids (on PostgreSQL a
    reset sequence would hand out ids that already exist)."""
    import json

    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    if "data" in snapshot:
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False)
        connection.creation.deserialize_db_from_string(snapshot["data"])
        with connection.cursor() as cursor:
            tables = [model for model in apps.get_models() if model._meta.managed and not model._meta.proxy]
            for statement in connection.ops.sequence_reset_sql(no_style(), tables):
                cursor.execute(statement)
        return
    build()
    # Content types first: Wagtail's Page and Task models look their own content type up (get_for_model,
    # which creates a missing one) when they are built without an id, as deserialized subclasses are.
    rows = json.loads(connection.creation.serialize_db_to_string())
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    snapshot["data"] = json.dumps(rows)


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
