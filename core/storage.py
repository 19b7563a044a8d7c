"""The project's storages: private files (letters of commitment, the `private` entry of `STORAGES`; backups,
`backups`) and the static files (`staticfiles`).

By default a folder on local disk outside the public media (`PRIVATE_MEDIA_ROOT`); with S3 configured, a
private prefix of the bucket (see `config/settings/base.py`). Either way private files have no public address:
they are read only by views that check permissions and stream the file.
"""

import os
from functools import cached_property

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under `PRIVATE_MEDIA_ROOT`, never under `MEDIA_ROOT`, and without a URL."""

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Private files have no public address; serve them through a view that checks permissions.")

    def _save(self, name, content):
        """Django's, without the half-written file it leaves when writing fails (a full disk): the error
        goes up (the form says so, core/tests/test_upload_faults.py) and nothing of the file stays.
        Names here are random (`letter_path`), so the file at `name` is the one this call began."""
        try:
            return super()._save(name, content)
        except OSError as error:
            if not isinstance(error, FileExistsError):
                try:
                    os.remove(self.path(name))
                except OSError:
                    pass  # never created, or already gone
            raise


class BackupFileSystemStorage(PrivateFileSystemStorage):
    """Backups (operations/backup.py) under `BACKUP_ROOT`: private files too, read when the setting is."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.BACKUP_ROOT)


def private_storage():
    """The private storage, as configured in `STORAGES["private"]` (a callable, for model fields)."""
    return storages["private"]


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed and compressed static files, each address worked out once per process.

    The manifest is read once when the process starts and does not change while it runs, yet Django
    cleans, splits, looks up, joins and quotes the name on every `{% static %}`: about 30 µs each, a
    dozen times a page. A wrong name still raises, every time (nothing is kept for it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:
            return super().url(name, force)
        address = self._addresses.get(name)
        if address is None:
            address = self._addresses[name] = super().url(name)
        return address
