"""Open data at any size: map data compressed once per data version, whole-network exports as files
per data version and visibility level, never a staff file for anyone else; `warm()` before forking.

These tests commit (transaction=True): files and compressed bodies are kept only for a committed
data version."""

import gzip
import json

import pytest

from cities import open_data
from cities.directory_index import get_directory_index, warm
from cities.models import Country
from cities.selectors import data_version
from cities.tests.factories import CityFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def network():
    kenya = Country.objects.get(code="KE")
    return [CityFactory(slug=f"town-{n}", name=f"Town {n}", country=kenya) for n in range(3)]


@pytest.fixture
def staff_client(staff_user):
    from django.test import Client

    client = Client()
    client.force_login(staff_user)
    return client


def test_map_data_is_compressed_once_and_sent_to_who_accepts_it(client, network, monkeypatch):
    calls = []
    original = open_data.compress
    monkeypatch.setattr(open_data, "compress", lambda data: calls.append(1) or original(data))
    plain = client.get("/en/network/map/data.json")
    assert "Content-Encoding" not in plain and json.loads(plain.content)["count"] == 3
    zipped = client.get("/en/network/map/data.json", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    client.get("/en/network/map/data.json", HTTP_ACCEPT_ENCODING="gzip")
    assert calls == [1]  # compressed once for this data version, not per request
    CityFactory(slug="town-new", name="Town New", country=network[0].country)
    assert json.loads(client.get("/en/network/map/data.json").content)["count"] == 4


def test_the_whole_csv_is_a_file_per_data_version_and_level(client, staff_client, network):
    response = client.get("/en/network/export.csv")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    public_file = open_data.export_path("csv", "public", "en", data_version().committed)
    content = body(response)
    assert public_file.exists() and content == public_file.read_bytes()
    assert b"Town 2" in content
    staff = staff_client.get("/en/network/export.csv")
    staff_file = open_data.export_path("csv", "staff", "en", data_version().committed)
    assert staff.status_code == 200 and staff_file.exists()
    staff_file.write_text("staff only\n")  # whatever the staff file holds, the public never gets it
    assert b"staff only" not in body(client.get("/en/network/export.csv"))
    CityFactory(slug="town-new", name="Town New", country=network[0].country)  # the data version moves on
    fresh = body(client.get("/en/network/export.csv"))
    assert b"Town New" in fresh
    assert not public_file.exists()  # the old version's file is removed


def test_a_file_not_built_yet_is_being_prepared(client, network, monkeypatch):
    from types import SimpleNamespace

    from cities import tasks

    # a queue that has not run the build yet
    monkeypatch.setattr(tasks, "build_export", SimpleNamespace(enqueue=lambda **kwargs: None))
    response = client.get("/en/network/export.geojson")
    assert response.status_code == 503 and response["Retry-After"]
    assert "no-store" in response["Cache-Control"]


def test_a_change_of_member_data_builds_every_public_file_after_the_commit(client, network, settings, monkeypatch):
    from types import SimpleNamespace

    from cities import tasks
    from core.i18n import LANGUAGE_CODES

    settings.OPEN_DATA_BUILD_ON_CHANGE = True
    # no build on a download: what a reader gets was built after the change
    monkeypatch.setattr(tasks, "build_export", SimpleNamespace(enqueue=lambda **kwargs: None))
    CityFactory(slug="town-new", name="Town New", country=network[0].country)
    version = data_version().committed
    for fmt in ("csv", "geojson"):
        for language in LANGUAGE_CODES:
            assert open_data.export_path(fmt, "public", language, version).exists()
        assert not open_data.export_path(fmt, "staff", "en", version).exists()  # staff files: on demand only
    response = client.get("/ar/network/export.csv")
    assert response.status_code == 200 and b"Town New" in body(response)


def test_the_public_files_are_built_once_per_version(network, settings, monkeypatch):
    from types import SimpleNamespace

    from cities import tasks

    settings.OPEN_DATA_BUILD_ON_CHANGE = True
    enqueued = []
    queue = SimpleNamespace(enqueue=lambda: enqueued.append(data_version().committed))
    monkeypatch.setattr(tasks, "build_public_exports", queue)
    CityFactory(slug="town-new", name="Town New", country=network[0].country)
    open_data.exports_changed(data_version().committed)  # a second process told of the same version
    assert enqueued == [data_version().committed]


def test_warm_builds_the_index_and_it_still_follows_the_data(network):
    warm(freeze=False)
    index = get_directory_index()
    assert len(index.ids) == 3
    CityFactory(slug="town-new", name="Town New", country=network[0].country)
    assert len(get_directory_index().ids) == 4


def test_warm_never_raises_on_an_empty_database():
    from cities.models import City

    City.objects.all().delete()
    warm(freeze=False)


def test_big_map_data_is_one_file_per_version_that_every_process_shares(client, network, monkeypatch):
    monkeypatch.setattr(open_data, "KEEP_AS_FILE_BYTES", 200)  # the demo network's data counts as big
    built = body(client.get("/en/network/map/data.json"))  # built, compressed and written once
    plain = client.get("/en/network/map/data.json")
    zipped = client.get("/en/network/map/data.json", HTTP_ACCEPT_ENCODING="gzip")
    assert plain.streaming and zipped.streaming and body(plain) == built  # sent from the kept files
    plain = client.get("/en/network/map/data.json")
    assert "Content-Disposition" not in plain and plain["Content-Type"] == "application/json"
    assert zipped["Content-Encoding"] == "gzip" and gzip.decompress(body(zipped)) == built
    assert json.loads(built)["count"] == 3
    kept = sorted((open_data.open_data_root() / "kept").glob(f"v{data_version().committed}-*"))
    assert {path.suffix for path in kept} >= {".identity", ".gzip"}
    # Another process (its own empty cache) sends the same file, without building anything
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(open_data, "compress", lambda data: pytest.fail("built again"))
    assert body(client.get("/en/network/map/data.json")) == built
    monkeypatch.undo()
    monkeypatch.setattr(open_data, "KEEP_AS_FILE_BYTES", 200)
    CityFactory(slug="town-new", name="Town New", country=network[0].country)  # the data version moves on
    assert json.loads(body(client.get("/en/network/map/data.json")))["count"] == 4
    assert not any(path.exists() for path in kept)  # the old version's files are removed


def test_a_kept_file_removed_under_the_cache_is_built_again(client, network, monkeypatch):
    monkeypatch.setattr(open_data, "KEEP_AS_FILE_BYTES", 200)
    first = body(client.get("/en/network/map/data.json"))
    for path in (open_data.open_data_root() / "kept").glob("v*"):
        path.unlink()
    again = client.get("/en/network/map/data.json")
    assert again.status_code == 200 and body(again) == first


def test_a_database_started_afresh_never_serves_the_files_of_the_one_before(client, network):
    """A database emptied and filled again (a reset, or another database on the same file folder and
    cache) counts its versions from a number of its own, so the files and cache entries kept for the
    other one's numbers are never taken for its own."""
    from cities.models import City, DataVersion
    from cities.selectors import bump_data_version, forget_local_state

    def start_afresh():
        DataVersion.objects.all().delete()  # what a flush or a new database leaves
        forget_local_state()
        bump_data_version()

    start_afresh()
    old = body(client.get("/en/network/export.csv"))
    assert b"town-0" in old
    start_afresh()
    City.objects.filter(slug="town-0").update(slug="renamed-town")  # no signal: only the reset moves the version
    open_data.build_export_file("csv", "public", "en")
    fresh = body(client.get("/en/network/export.csv"))
    assert b"renamed-town" in fresh and b"town-0" not in fresh
