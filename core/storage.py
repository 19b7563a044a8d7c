"""Private files (letters of commitment): the `private` entry of `STORAGES`.

By default a folder on local disk outside the public media (`PRIVATE_MEDIA_ROOT`); with S3 configured, a
private prefix of the bucket (see `config/settings/base.py`). Either way private files have no public address:
they are read only by views that check permissions and stream the file.
"""

from functools import cached_property

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


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


def private_storage():
    """The private storage, as configured in `STORAGES["private"]` (a callable, for model fields)."""
    return storages["private"]
