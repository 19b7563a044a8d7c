"""Backup and restore (operations/backup.py): the round trip gives back every row and every file, a
backup from a newer version or another database is refused before anything changes, encrypted backups
are unreadable without the key, and only the newest are kept."""

import hashlib
import io
import json
import os
import subprocess
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accounts.models import User
from cities.models import City, FocalPoint
from cities.tests.factories import CityFactory, add_focal_point
from core.models import ContentVersion
from core.versions import read_number
from operations import backup

# Checked rows by table: the network, people, the content versions.
MAIN_TABLES = ["cities_city", "cities_focalpoint", "accounts_user", "core_contentversion", "wagtailcore_page"]


@pytest.fixture(autouse=True)
def no_backups_yet():
    """Each test starts with an empty backup storage and leaves one."""
    yield
    for name in storages["backups"].listdir("")[1]:
        storages["backups"].delete(name)


def table_digest(table: str) -> str:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")  # noqa: S608
        rows = cursor.fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def every_file() -> dict[str, bytes]:
    found = {}
    for alias in backup.FILE_STORAGES:
        for path in backup.stored_files(alias):
            with storages[alias].open(path, "rb") as handle:
                found[f"{alias}/{path}"] = handle.read()
    return found


def wipe_files():
    for alias in backup.FILE_STORAGES:
        for path in list(backup.stored_files(alias)):
            storages[alias].delete(path)


def fill():
    city = CityFactory(name="Backupville", name_en="Backupville")
    add_focal_point(city, name="Focal Person", email="focal@example.org")
    User.objects.create_user(email="member@example.org", password="a long enough secret", name="A Member")
    storages["default"].save("documents/report.pdf", ContentFile(b"%PDF-1.4 public report"))
    storages["private"].save("letters/2026/letter.pdf", ContentFile(b"%PDF-1.4 a letter of commitment \x00\xff"))
    storages["private"].save("open-data/kept/v1-abc.gzip", ContentFile(b"built again from the database"))
    ContentVersion.objects.get_or_create(name="chrome")
    return city


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_round_trip_gives_back_every_row_and_file_and_fresh_versions(settings):
    settings.OPEN_DATA_ROOT = storages["private"].location + "/open-data"  # where production keeps it
    fill()
    counts = backup.table_rows()
    digests = {table: table_digest(table) for table in MAIN_TABLES}
    files = every_file()
    chrome = read_number(ContentVersion, "chrome")
    assert "private/letters/2026/letter.pdf" in files and "default/documents/report.pdf" in files
    assert not any(key.startswith("private/open-data/") for key in files)  # built again, not backed up

    out = io.StringIO()
    call_command("backup", "--no-encrypt", stdout=out)
    assert "Backup made" in out.getvalue()
    [name] = backup.backups_list()

    # Wipe: the database emptied, every file gone, and a change made after the backup.
    call_command("flush", interactive=False, verbosity=0)
    wipe_files()
    assert City.objects.count() == 0 and every_file() == {}

    out = io.StringIO()
    call_command("restore", name, interactive=False, stdout=out)
    assert "Restored and checked" in out.getvalue()
    assert backup.table_rows() == counts
    assert {table: table_digest(table) for table in MAIN_TABLES if table != "core_contentversion"} == {
        table: digest for table, digest in digests.items() if table != "core_contentversion"
    }
    assert every_file() == files
    assert City.objects.get(name="Backupville") and FocalPoint.objects.get(email="focal@example.org")
    assert User.objects.get(email="member@example.org").check_password("a long enough secret")
    # Caches and kept files named by the old numbers are never taken for the restored data's.
    assert read_number(ContentVersion, "chrome") != chrome


def manifest_archive(tmp_path, **changes) -> str:
    manifest = {
        "format": backup.FORMAT,
        "created_at": "2026-12-01T02:30:00+00:00",
        "database": {"vendor": connection.vendor, "dump": backup.DUMP_NAMES[connection.vendor]},
        "migrations": backup._applied_migrations(),
        "tables": {},
        "files": {},
        **changes,
    }
    path = tmp_path / "strongcities-test-20261201-023000.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return str(path)


@pytest.mark.django_db
def test_a_backup_from_a_newer_version_is_refused_and_nothing_changes(tmp_path):
    CityFactory(name="Still Here")
    newer = manifest_archive(tmp_path, migrations=[*backup._applied_migrations(), "cities.9999_from_the_future"])
    with pytest.raises(CommandError, match=r"newer version of the platform.*cities\.9999_from_the_future"):
        call_command("restore", path=newer, interactive=False)
    assert City.objects.filter(name="Still Here").exists()


@pytest.mark.django_db
def test_a_backup_of_another_kind_of_database_is_refused(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = manifest_archive(tmp_path, database={"vendor": other, "dump": "database"})
    with pytest.raises(CommandError, match=f"backup is of a {other} database"):
        call_command("restore", path=archive, interactive=False)


@pytest.mark.django_db
def test_what_is_not_a_backup_gets_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="There is no backup"):
        call_command("restore", interactive=False)
    with pytest.raises(CommandError, match="No backup named"):
        call_command("restore", "strongcities-nowhere.tar.gz", interactive=False)
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="is not a backup of this platform"):
        call_command("restore", path=str(junk), interactive=False)


@pytest.mark.django_db
def test_the_operator_must_say_yes(tmp_path, monkeypatch):
    CityFactory(name="Still Here")
    archive = manifest_archive(tmp_path)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", path=archive, stdout=io.StringIO())
    assert City.objects.filter(name="Still Here").exists()


@pytest.fixture
def gpg_home(tmp_path, monkeypatch):
    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Backups <backups@example.org>", "future-default"],
        check=True,
        capture_output=True,
    )
    return home


# A backup is made outside any transaction (a command, a task): these tests commit, like the round trip.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_encrypted_backup_reads_only_with_the_key(gpg_home, settings, monkeypatch):
    settings.BACKUP_GPG_RECIPIENT = "backups@example.org"
    storages["private"].save("letters/secret.pdf", ContentFile(b"%PDF-1.4 only for the key's owner"))
    summary = backup.backup_create()  # encrypted by default once a recipient is set
    assert summary.name.endswith(".tar.gz.gpg")
    with storages["backups"].open(summary.name, "rb") as handle:
        raw = handle.read()
    assert b"only for the key's owner" not in raw and b"manifest.json" not in raw
    opened = backup.backup_open(name=summary.name)
    try:
        assert "private/letters/secret.pdf" in opened.manifest["files"]
    finally:
        opened.close()

    monkeypatch.setenv("GNUPGHOME", str(gpg_home.parent / "elsewhere"))  # a keyring without the secret key
    os.makedirs(os.environ["GNUPGHOME"], mode=0o700)
    with pytest.raises(CommandError, match="could not be decrypted"):
        call_command("restore", summary.name, interactive=False)


@pytest.mark.django_db
def test_encrypting_without_a_recipient_says_what_to_set(settings):
    settings.BACKUP_GPG_RECIPIENT = ""
    with pytest.raises(CommandError, match="BACKUP_GPG_RECIPIENT"):
        call_command("backup", "--encrypt")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_the_newest_backups_are_kept(settings):
    settings.BACKUP_GPG_RECIPIENT = ""
    for stamp in ("20261126-023000", "20261127-023000", "20261128-023000"):
        storages["backups"].save(f"strongcities-web1-{stamp}.tar.gz", ContentFile(b"old"))
    storages["backups"].save("notes.txt", ContentFile(b"not a backup: left alone"))
    settings.BACKUP_KEEP = 2
    result = backup.backup_scheduled()  # the daily job
    assert "2 older backup(s) deleted" in result
    kept = backup.backups_list()
    assert len(kept) == 2 and kept[1] == "strongcities-web1-20261128-023000.tar.gz"
    assert storages["backups"].exists("notes.txt")
    out = io.StringIO()
    call_command("backup", "--list", stdout=out)
    assert out.getvalue().split() == kept
