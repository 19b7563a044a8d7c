"""Backups of the database and of every stored file (uploads and the private letters), and restoring them.

One backup is one archive in the backup storage (`STORAGES["backups"]`: `BACKUP_ROOT` on disk, or a
bucket), named `strongcities-<host>-<UTC time>.tar.gz`, `.gpg` added when it is encrypted for
`BACKUP_GPG_RECIPIENT` (python-gnupg; the key's owner alone can read it). Inside:

- `manifest.json`: when, the database's kind, the migrations applied, the rows of every table, and every
  file with its size and SHA-256;
- the database, dumped by django-dbbackup's connectors: SQLite's online backup (`database.sqlite3`, safe
  while the site runs) or `pg_dump`'s custom format (`database.pgdump`, restored by `pg_restore`);
- `files/<storage>/<name>` for the uploads ("default") and the private files ("private"). The open-data
  files and kept map data are left out: they are built again from the database.

`backup_restore` refuses a backup made by a newer version of the platform (migrations this code does not
know) or from another kind of database, with a message saying what to do; otherwise it replaces the
database, writes the files back, checks the rows of every table against the manifest, migrates forward,
and moves every cache version on to a fresh number (`core/versions.py`), so nothing kept for the numbers
the backup brought back is ever taken for current.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import socket
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from dbbackup.db.base import get_connector
from dbbackup.db.sqlite import SqliteBackupConnector
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

logger = logging.getLogger(__name__)

FORMAT = 1
PREFIX = "strongcities-"
FILE_STORAGES = ("default", "private")
CONNECTORS = {
    "sqlite": "operations.backup.SqliteConnector",
    "postgresql": "dbbackup.db.postgresql.PgDumpBinaryConnector",
}
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024
STAMP = re.compile(r"-(\d{8}-\d{6})\.tar")


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why and what to do."""


class SqliteConnector(SqliteBackupConnector):
    """django-dbbackup's SQLite connector (the online backup API), restoring through the same API into
    the open connection instead of writing over the database file: a file copied over a database in use
    (its WAL beside it, other processes reading) would be corrupt."""

    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with tempfile.NamedTemporaryFile(suffix=".sqlite3", dir=settings.BACKUP_TMP_DIR) as copy:
            shutil.copyfileobj(dump, copy, CHUNK)
            copy.flush()
            source = sqlite3.connect(copy.name)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()


@dataclass
class Summary:
    name: str
    size: int = 0
    tables: int = 0
    rows: int = 0
    files: int = 0
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.name}: {self.tables} tables, {self.rows} rows, {self.files} files, {self.size / 1e6:.1f} MB"
        return "; ".join([text, *self.notes])


def backup_storage():
    return storages["backups"]


# Reading what is there


def _vendor(using: str = DEFAULT_DB_ALIAS) -> str:
    return connections[using].vendor


def _applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def table_rows(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """{table: rows} of every table of the database."""
    connection = connections[using]
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from the database)
            counts[table] = cursor.fetchone()[0]
    return counts


def _root_of(storage) -> tuple | None:
    if isinstance(storage, FileSystemStorage):
        return ("file", Path(storage.location).resolve())
    bucket = getattr(storage, "bucket_name", None)
    return ("bucket", bucket, (getattr(storage, "location", "") or "").strip("/")) if bucket else None


def _left_out(alias: str) -> list[str]:
    """Folders of storage `alias` that are not its own: another storage kept inside it (private files in
    the uploads' bucket), or files built again from the database (open data under the private folder)."""
    root = _root_of(storages[alias])
    if root is None:
        return []
    inner = [_root_of(storages[other]) for other in FILE_STORAGES if other != alias]
    prefixes = []
    if root[0] == "file":
        inner.append(("file", Path(settings.OPEN_DATA_ROOT).resolve()))
        for other in inner:
            if other and other[0] == "file" and other[1] != root[1] and other[1].is_relative_to(root[1]):
                prefixes.append(other[1].relative_to(root[1]).as_posix() + "/")
    else:
        for other in inner:
            if other and other[0] == "bucket" and other[1] == root[1] and other[2] != root[2]:
                if other[2].startswith(f"{root[2]}/" if root[2] else ""):
                    prefixes.append(other[2][len(root[2]) + 1 if root[2] else 0 :] + "/")
    return prefixes


def stored_files(alias: str):
    """Every file name of storage `alias`, but what `_left_out` names."""
    storage, skip = storages[alias], _left_out(alias)
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, names = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in names:
            path = f"{folder}{name}"
            if not any(path.startswith(prefix) for prefix in skip):
                yield path
        folders.extend(f"{folder}{sub}/" for sub in subfolders if not any(f"{folder}{sub}/" == p for p in skip))


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


# Making a backup


def backup_create(*, encrypt: bool | None = None, keep: int | None = None, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Back the database and the stored files up into one archive in the backup storage; keep the newest
    `keep` backups (all when None). Encrypted when `encrypt`, or by default when a recipient is set."""
    vendor = _vendor(using)
    if vendor not in CONNECTORS:
        raise BackupError(f"Backups are made for SQLite and PostgreSQL, not {vendor}.")
    recipient = settings.BACKUP_GPG_RECIPIENT
    encrypt = bool(recipient) if encrypt is None else encrypt
    if encrypt and not recipient:
        raise BackupError("Set BACKUP_GPG_RECIPIENT (a key in the keyring of this user) to encrypt backups.")
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    host = "".join(c if c.isalnum() or c == "-" else "-" for c in settings.BACKUP_HOSTNAME or socket.gethostname())
    name = f"{PREFIX}{host}-{stamp}.tar.gz"
    workdir = Path(tempfile.mkdtemp(prefix="backup-", dir=settings.BACKUP_TMP_DIR))
    try:
        archive = workdir / name
        summary = Summary(name=name)
        with tarfile.open(archive, "w:gz") as tar:
            manifest = _write_contents(tar, vendor, using, summary)
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
        if encrypt:
            archive = _encrypt(archive, recipient)
            summary.name = name = archive.name
        summary.size = archive.stat().st_size
        with archive.open("rb") as handle:
            saved = backup_storage().save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(
                f"The backup storage saved {saved!r} instead of {name!r}: is a backup of the same second there?"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if keep:
        gone = backups_prune(keep=keep)
        if gone:
            summary.notes.append(f"{len(gone)} older backup(s) deleted")
    logger.info("Backup made: %s", summary)
    return summary


def _write_contents(tar: tarfile.TarFile, vendor: str, using: str, summary: Summary) -> dict:
    connector = get_connector(using, connector_path=CONNECTORS[vendor])
    rows = table_rows(using)
    dump = connector.create_dump()
    try:
        dump.seek(0, os.SEEK_END)
        info = tarfile.TarInfo(DUMP_NAMES[vendor])
        info.size, info.mtime = dump.tell(), int(timezone.now().timestamp())
        dump.seek(0)
        tar.addfile(info, dump)
    finally:
        dump.close()
    files = {}
    for alias in FILE_STORAGES:
        storage = storages[alias]
        for path in stored_files(alias):
            with storage.open(path, "rb") as handle:
                checksum = _sha256(handle)
                handle.seek(0)
                info = tarfile.TarInfo(f"files/{alias}/{path}")
                info.size = storage.size(path)
                info.mtime = int(timezone.now().timestamp())
                tar.addfile(info, handle)
            files[f"{alias}/{path}"] = {"size": info.size, "sha256": checksum}
    summary.tables, summary.rows, summary.files = len(rows), sum(rows.values()), len(files)
    return {
        "format": FORMAT,
        "created_at": timezone.now().astimezone(UTC).isoformat(),
        "database": {"vendor": vendor, "dump": DUMP_NAMES[vendor]},
        "migrations": _applied_migrations(using),
        "tables": rows,
        "files": files,
    }


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _gpg():
    import gnupg

    return gnupg.GPG()  # GNUPGHOME, or ~/.gnupg of the user running it


def _encrypt(archive: Path, recipient: str) -> Path:
    target = archive.with_name(archive.name + ".gpg")
    with archive.open("rb") as handle:
        result = _gpg().encrypt_file(handle, recipients=[recipient], output=str(target), armor=False, always_trust=True)
    if not result.ok:
        raise BackupError(f"Encryption for {recipient!r} failed ({result.status}): is the key in this user's keyring?")
    archive.unlink()
    return target


def _decrypt(source: Path, passphrase: str | None) -> Path:
    target = source.with_name(source.name.removesuffix(".gpg"))
    with source.open("rb") as handle:
        result = _gpg().decrypt_file(handle, passphrase=passphrase, output=str(target))
    if not result.ok:
        raise BackupError(
            f"This backup is encrypted and could not be decrypted ({result.status}): is the secret key here?"
        )
    return target


# The backups kept


def backups_list() -> list[str]:
    """The backups in the backup storage, newest first (by the UTC time in their names, whatever the host)."""
    try:
        names = backup_storage().listdir("")[1]
    except FileNotFoundError:
        return []
    stamped = [(match.group(1), name) for name in names if (match := STAMP.search(name)) and name.startswith(PREFIX)]
    return [name for _stamp, name in sorted(stamped, reverse=True)]


def backups_prune(*, keep: int) -> list[str]:
    """Delete all but the newest `keep` backups; returns the names deleted."""
    gone = backups_list()[max(keep, 1) :]
    for name in gone:
        backup_storage().delete(name)
    return gone


def backup_scheduled() -> str:
    """The daily backup (`core/periodic.py`), keeping BACKUP_KEEP."""
    return str(backup_create(keep=settings.BACKUP_KEEP))


# Restoring


@dataclass
class OpenedBackup:
    workdir: Path
    tar: tarfile.TarFile
    manifest: dict

    def close(self):
        self.tar.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def backup_open(*, name: str | None = None, path: str | None = None, passphrase: str | None = None) -> OpenedBackup:
    """Fetch (from the backup storage, or a local `path`), decrypt and open a backup; the newest when no
    name or path is given. Checks nothing yet (`restore_refusal`)."""
    if path is None and name is None:
        kept = backups_list()
        if not kept:
            raise BackupError("There is no backup in the backup storage.")
        name = kept[0]
    workdir = Path(tempfile.mkdtemp(prefix="restore-", dir=settings.BACKUP_TMP_DIR))
    try:
        local = workdir / Path(path or name).name
        if path is not None:
            if not Path(path).is_file():
                raise BackupError(f"No backup at {path}.")
            shutil.copyfile(path, local)
        else:
            if not backup_storage().exists(name):
                raise BackupError(f"No backup named {name!r} in the backup storage (see `manage.py backup --list`).")
            with backup_storage().open(name, "rb") as source, local.open("wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
        if local.name.endswith(".gpg"):
            local = _decrypt(local, passphrase)
        try:
            tar = tarfile.open(local, "r:*")
            manifest = json.load(tar.extractfile("manifest.json"))
        except (tarfile.TarError, KeyError, ValueError) as error:
            raise BackupError(f"{local.name} is not a backup of this platform ({error}).") from error
        return OpenedBackup(workdir=workdir, tar=tar, manifest=manifest)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


def restore_refusal(manifest: dict, using: str = DEFAULT_DB_ALIAS) -> str | None:
    """Why this backup cannot be restored here (None when it can)."""
    if manifest.get("format") != FORMAT:
        return f"This backup's format ({manifest.get('format')}) is not one this version reads ({FORMAT})."
    vendor = manifest.get("database", {}).get("vendor")
    if vendor != _vendor(using):
        return (
            f"This backup is of a {vendor} database and this site runs on {_vendor(using)}: restore it on "
            f"{vendor}, or move the data with `dumpdata`/`loaddata`."
        )
    newer = sorted(set(manifest.get("migrations", [])) - _known_migrations())
    if newer:
        shown = ", ".join(newer[:5]) + (f" and {len(newer) - 5} more" if len(newer) > 5 else "")
        return (
            f"This backup was made by a newer version of the platform: its database has changes this version "
            f"does not know ({shown}). Install that version (or a later one), then restore."
        )
    return None


def backup_restore(opened: OpenedBackup, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Replace the database and write the files back from an opened backup, then check, migrate and
    renumber the versions. Raises BackupError, before changing anything, when `restore_refusal` says so."""
    from core.versions import renumber_all

    manifest = opened.manifest
    refusal = restore_refusal(manifest, using)
    if refusal:
        raise BackupError(refusal)
    vendor = manifest["database"]["vendor"]
    summary = Summary(name=manifest.get("created_at", ""))
    connector = get_connector(using, connector_path=CONNECTORS[vendor])
    connections[using].close()  # pg_restore works on its own connection; ours must hold no lock
    dump = opened.tar.extractfile(manifest["database"]["dump"])
    if vendor == "postgresql":  # pg_restore reads a real file on its standard input
        local = opened.workdir / manifest["database"]["dump"]
        with local.open("wb") as out:
            shutil.copyfileobj(dump, out, CHUNK)
        with local.open("rb") as handle:
            connector.restore_dump(handle)
    else:
        connector.restore_dump(dump)
    connections[using].close()
    _forget_cached_rows()
    rows = table_rows(using)
    wrong = {t: (rows.get(t), n) for t, n in manifest["tables"].items() if rows.get(t) != n}
    if wrong:
        shown = ", ".join(f"{t}: {got} rows, the backup {want}" for t, (got, want) in sorted(wrong.items())[:5])
        raise BackupError(f"The restored database does not match the backup ({shown}).")
    summary.tables, summary.rows = len(rows), sum(manifest["tables"].values())
    summary.files, extra = _restore_files(opened)
    if extra:
        summary.notes.append(f"{extra} file(s) here and not in the backup were left in place")
    call_command("migrate", database=using, interactive=False, verbosity=0)  # a backup from an older version
    renumber_all(using)
    _forget_cached_rows()
    logger.warning("Backup of %s restored: %s", manifest.get("created_at"), summary)
    return summary


def _restore_files(opened: OpenedBackup) -> tuple[int, int]:
    files = opened.manifest["files"]
    written = 0
    for key, meta in files.items():
        alias, _sep, path = key.partition("/")
        storage = storages[alias]
        member = opened.tar.extractfile(f"files/{key}")
        checksum = _sha256(member)
        if checksum != meta["sha256"]:
            raise BackupError(
                f"The backup's copy of {key} is damaged (checksum differs): files written so far: {written}."
            )
        member = opened.tar.extractfile(f"files/{key}")
        if storage.exists(path):
            storage.delete(path)
        saved = storage.save(path, File(member, name=path))
        if saved != path:
            raise BackupError(f"{alias} storage saved {key} as {saved!r}.")
        written += 1
    extra = sum(1 for alias in FILE_STORAGES for path in stored_files(alias) if f"{alias}/{path}" not in files)
    return written, extra


def _forget_cached_rows() -> None:
    """What this process keeps read from the database (content types) is read again from the restored one."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
