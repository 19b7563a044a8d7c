"""A full disk when a letter of commitment is uploaded: a clear message next to the letter, everything else
typed kept, no application, step or half-written file left, and no server error.

The disk fills at the lowest level Django's file storage reaches: the write of the file's bytes inside
`FileSystemStorage._save` (half of the first chunk lands on disk, then ENOSPC), as a real full disk does.
"""

import errno
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import filesystem
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import OutgoingEmail
from memberships import services
from memberships.models import ApplicationEvent, JoinApplication, KeptLetter, State
from memberships.tests.builders import application_send
from memberships.tests.test_join import pdf_bytes, valid_data

pytestmark = pytest.mark.django_db

NO_ROOM = "the server has no room for files just now"


class _FullDiskFile:
    """A file on a disk that fills up: the first write puts half its bytes down, then ENOSPC."""

    def __init__(self, real):
        self.real = real

    def write(self, data):
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self):
        self.real.close()


class _OsWithFullDisk:
    """`os` as Django's file system storage sees it, with file writes failing for want of room."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def fdopen(fd, *args, **kwargs):
        return _FullDiskFile(os.fdopen(fd, *args, **kwargs))


@pytest.fixture
def full_disk(monkeypatch):
    monkeypatch.setattr(filesystem, "os", _OsWithFullDisk())
    return monkeypatch


def stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


def letter(name="letter.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def test_a_full_disk_on_the_join_form_says_so_next_to_the_letter_and_keeps_the_form(client, full_disk):
    before = stored_files()
    response = client.post("/en/join/", {**valid_data(), "letter": letter()})
    assert response.status_code == 503  # not a 500: the form, with the reason
    page = response.content.decode()
    assert NO_ROOM in " ".join(response.context["form"].errors["letter"])
    assert NO_ROOM in page
    for typed in ('value="Ville de Démo"', 'value="moussa@example.org"', 'value="Awa Exemple"', "Apprendre d"):
        assert typed in page
    assert "Traceback" not in page
    assert not JoinApplication.objects.exists() and not ApplicationEvent.objects.exists()
    assert not OutgoingEmail.objects.exists()  # no "received" e-mail for an application that is not there
    assert stored_files() == before  # the half-written letter is gone

    full_disk.undo()  # room again: the same post goes through
    response = client.post("/en/join/", {**valid_data(), "letter": letter()})
    assert response.status_code == 302 and JoinApplication.objects.count() == 1


def test_a_full_disk_while_keeping_the_letter_for_the_next_try(client, full_disk):
    """Another field is wrong, so the letter would be kept for the next try: it cannot be, and the form says
    both things instead of failing."""
    before = stored_files()
    response = client.post("/en/join/", {**valid_data(focal_email="not an address"), "letter": letter()})
    assert response.status_code == 400
    form = response.context["form"]
    assert "focal_email" in form.errors and NO_ROOM in " ".join(form.errors["letter"])
    assert not form.data.get("pending_letter")
    assert 'value="Ville de Démo"' in response.content.decode()
    assert not KeptLetter.objects.exists() and stored_files() == before


def test_a_full_disk_when_the_applicant_sends_a_new_letter(
    client, full_disk, staff_user, django_capture_on_commit_callbacks
):
    full_disk.undo()  # the application itself was stored while there was room
    staff = staff_user
    with django_capture_on_commit_callbacks(execute=True):
        application = application_send()
        services.application_start_review(application=application, actor=staff)
        services.application_request_information(application=application, actor=staff, note="Please sign it.")
    first, steps = application.letter.name, application.events.count()
    full_disk.setattr(filesystem, "os", _OsWithFullDisk())
    before = stored_files()
    response = client.post(
        f"/en/join/application/{application.withdraw_token}/",
        {"action": "reply", "reply-note": "Signed now.", "reply-letter": letter("signed.pdf")},
    )
    assert response.status_code == 400
    assert NO_ROOM in response.content.decode() and "Signed now." in response.content.decode()
    application.refresh_from_db()
    assert application.state == State.MORE_INFO and application.letter.name == first
    assert application.events.count() == steps and stored_files() == before
