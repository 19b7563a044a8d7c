"""The network's data version is shared by every process and moves on commit;
whatever an index or a cache says, a page never shows an authority the reader may not see."""

import sqlite3
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, transaction

from cities.models import Stage
from cities.tests.factories import CityFactory

SUSPEND = """
import sys
import django

django.setup()
from cities.models import City, Stage
from cities.services import city_change_stage

city_change_stage(city=City.objects.get(slug=sys.argv[1]), to=Stage.SUSPENDED, actor=None)
"""


@pytest.fixture
def shared_database(transactional_db, django_db_serialized_rollback, tmp_path):
    """The test database, committed and open to another process: returns that process's environment.

    On PostgreSQL the test database already is one. SQLite's test database lives in this process's
    memory, so it is copied to a file that both processes use for the length of the test.
    """
    import os

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    db = connection.settings_dict
    if connection.vendor != "sqlite":
        auth = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        yield env
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    in_memory, name = connection.connection, db["NAME"]
    with sqlite3.connect(path) as copy:
        in_memory.backup(copy)
    copy.close()
    connection.connection = None  # the next query opens the file
    db["NAME"] = str(path)
    env["DATABASE_URL"] = f"sqlite:///{path}"
    try:
        yield env
    finally:
        connection.close()
        db["NAME"] = name
        connection.connection = in_memory


def in_another_process(env, code: str, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def listed(response) -> set[str]:
    return {city.slug for city in response.context["cities"]}


def api_listed(client) -> tuple[int, set[str]]:
    data = client.get("/api/v1/members").json()
    return data["count"], {item["slug"] for item in data["results"]}


def hub_count(client, code: str) -> int:
    return next(hub["member_count"] for hub in client.get("/api/v1/hubs").json() if hub["code"] == code)


def test_a_city_suspended_by_another_process_leaves_the_directory_and_the_api(client, shared_database):
    CityFactory(slug="mombasa", name="Mombasa", latitude=-4.05, longitude=39.66)
    CityFactory(slug="kisumu", name="Kisumu", latitude=-0.1, longitude=34.75)
    assert listed(client.get("/en/network/")) == {"mombasa", "kisumu"}
    assert api_listed(client) == (2, {"mombasa", "kisumu"})
    assert hub_count(client, "esa") == 2

    # A shell, a command or another worker: its own process, its own memory.
    in_another_process(shared_database, SUSPEND, "mombasa")

    assert listed(client.get("/en/network/")) == {"kisumu"}
    assert api_listed(client) == (1, {"kisumu"})
    assert hub_count(client, "esa") == 1
    assert client.get("/en/network/mombasa/").status_code == 404
    assert client.get("/api/v1/members/mombasa").status_code == 404
    assert "Mombasa" not in client.get("/en/network/kisumu/").content.decode()


class Rollback(Exception):
    pass


def test_the_version_moves_on_when_a_change_commits_and_not_before(transactional_db, django_db_serialized_rollback):
    from cities.models import DataVersion
    from cities.selectors import data_version

    before = data_version()
    with pytest.raises(Rollback), transaction.atomic():
        CityFactory(slug="never")
        raise Rollback
    assert data_version() == before, "a rolled-back change moved the version"

    with transaction.atomic():
        CityFactory(slug="mombasa")
        # Inside the transaction no other reader may see a new number: the row is untouched.
        assert DataVersion.objects.get().number == before.committed
    after = data_version()
    assert after.committed == before.committed + 1 and not after.pending


@pytest.mark.django_db
def test_a_stale_index_never_shows_a_city_the_reader_may_not_see(client):
    mombasa = CityFactory(slug="mombasa", name="Mombasa", latitude=-4.05, longitude=39.66)
    CityFactory(slug="kisumu", name="Kisumu", latitude=-0.1, longitude=34.75)
    assert listed(client.get("/en/network/")) == {"mombasa", "kisumu"}
    assert "Mombasa" in client.get("/en/network/kisumu/").content.decode()

    # A raw write sends no signal and moves no version: the index still counts Mombasa as a member.
    type(mombasa)._base_manager.filter(pk=mombasa.pk).update(stage=Stage.SUSPENDED, previous_stage=Stage.MEMBER)

    assert listed(client.get("/en/network/")) == {"kisumu"}
    assert api_listed(client)[1] == {"kisumu"}
    assert "Mombasa" not in client.get("/en/network/kisumu/").content.decode()


@pytest.mark.django_db
def test_each_database_counts_its_versions_from_a_number_of_its_own():
    """Two databases (or one reset) must never hand out the same version numbers: caches and kept
    files are keyed on them. The migration moves a row off the number every database used to start at."""
    from types import SimpleNamespace

    from django.apps import apps

    from cities.models import DataVersion
    from core.versions import start_apart

    step = start_apart("cities.DataVersion", 1)
    numbers = []
    for _database in range(2):
        DataVersion.objects.update(number=3)  # where a database migrated before this stood
        step(apps, SimpleNamespace(connection=connection))
        numbers.append(DataVersion.objects.get().number)
    assert numbers[0] > 3 and numbers[1] > 3 and numbers[0] != numbers[1]
    step(apps, SimpleNamespace(connection=connection))  # migrating again moves nothing
    assert DataVersion.objects.get().number == numbers[1]
