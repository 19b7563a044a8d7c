"""Files on S3-compatible storage, as on several machines (docs/deploy.md, "Several machines"): run with
STORAGE=s3 (make test-shared), against moto's server started by tests/s3.py, beside the tests of uploads,
letters and backups that run unchanged on S3 in the same stage. Public uploads get addresses that do not
expire and never overwrite one another; letters stay private behind short-lived signed addresses and
reach staff through the download view; kept letters are swept; a backup goes to its own bucket and comes
back whole."""

import io
import os
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from cities.models import City
from memberships.tests.builders import application_send
from memberships.tests.test_join import pdf_bytes

pytestmark = [
    pytest.mark.skipif(
        settings.STORAGES["default"]["BACKEND"] != "storages.backends.s3.S3Storage",
        reason="files on local disk here: STORAGE=s3 (make test-shared) runs these against an S3 stand-in",
    ),
]


def anonymous_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def object_grants(storage, name: str) -> list[dict]:
    client = storage.connection.meta.client
    return client.get_object_acl(Bucket=storage.bucket_name, Key=storage._normalize_name(name))["Grants"]


def submit(language="en"):
    return application_send(authority_name="Bucket Town", population=50000, letter_name="letter.pdf", language=language)


@pytest.mark.django_db
def test_an_image_keeps_a_lasting_address_and_two_of_one_name_are_both_kept():
    """Pages holding an image are kept by the proxy and the fragment cache for longer than a signed address
    lives: the address of a public upload carries no signature and answers without one."""
    from PIL import Image as Pillow
    from wagtail.images import get_image_model

    def png(colour):
        buffer = io.BytesIO()
        Pillow.new("RGB", (40, 30), colour).save(buffer, "PNG")
        return ImageFile(buffer, name="photo.png")

    first = get_image_model().objects.create(title="Red", file=png("red"))
    second = get_image_model().objects.create(title="Blue", file=png("blue"))
    assert first.file.name != second.file.name  # the second did not overwrite the first
    rendition = second.get_rendition("max-20x20")
    for url in (first.file.url, rendition.url):
        assert url.startswith(settings.AWS_S3_ENDPOINT_URL) and "Signature" not in url and "Expires" not in url
    status, body = anonymous_get(first.file.url)
    assert status == 200 and body == first.file.open("rb").read()
    assert storages["default"].bucket_name == settings.AWS_STORAGE_BUCKET_NAME


@pytest.mark.django_db
def test_a_document_is_sent_by_the_site_after_its_checks_never_read_from_the_bucket(client):
    """A document may sit in a restricted collection: the bucket does not give it to anyone, and Wagtail's
    view sends it (after checking the restrictions) instead of redirecting to an address one could pass on."""
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="Report", file=ContentFile(b"%PDF-1.4 report", "report.pdf"))
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert anonymous_get(document.file.storage.url(document.file.name))[0] == 403
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 report"


@pytest.mark.django_db
def test_letters_are_private_objects_with_short_lived_addresses(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit()
    letter = application.letter
    assert letter.storage is storages["private"] and letter.name.startswith("letters/")
    assert letter.read().startswith(b"%PDF-")
    grants = object_grants(letter.storage, letter.name)
    assert not any("AllUsers" in grant["Grantee"].get("URI", "") for grant in grants)  # nobody else may read it
    address = letter.storage.url(letter.name)
    assert f"/{settings.AWS_STORAGE_BUCKET_NAME}/private/letters/" in address
    query = parse_qs(urlsplit(address).query)  # signed, for a minute at most (SigV2's or SigV4's words)
    lives = int(query["X-Amz-Expires"][0]) if "X-Amz-Expires" in query else int(query["Expires"][0]) - time.time()
    assert 0 < lives <= 60
    assert anonymous_get(address.split("?", 1)[0])[0] == 403  # the same address unsigned: refused
    assert anonymous_get(address) == (200, pdf_bytes())


@pytest.mark.django_db
def test_staff_download_a_letter_from_the_bucket(client, staff_user, member_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit()
    client.force_login(member_user)
    assert client.get(f"/en/join/letters/{application.pk}/").status_code == 404
    client.force_login(staff_user)
    response = client.get(f"/en/join/letters/{application.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()


@pytest.mark.django_db
def test_left_behind_kept_letters_are_swept_from_the_bucket(monkeypatch):
    from memberships import letters

    storage = storages["private"]
    name = storage.save("pending/left-behind.pdf", ContentFile(b"%PDF-1.4"))
    assert letters.kept_letters_sweep_all() == 0 and storage.exists(name)  # less than a day old
    later = timezone.now() + timedelta(days=2)
    monkeypatch.setattr(letters.timezone, "now", lambda: later)
    assert letters.kept_letters_sweep_all() == 1
    assert not storage.exists(name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_round_trip_through_the_buckets():
    """The round trip of operations/tests/test_backup.py, on S3: the archive goes to the backups' bucket,
    the private prefix is backed up once (as the letters, not also as part of the uploads' bucket)."""
    from operations import backup
    from operations.tests.test_backup import MAIN_TABLES, every_file, fill, table_digest, wipe_files

    fill()
    counts, files = backup.table_rows(), every_file()
    digests = {table: table_digest(table) for table in MAIN_TABLES if table != "core_contentversion"}
    assert "private/letters/2026/letter.pdf" in files and "default/documents/report.pdf" in files
    assert not any(key.startswith("default/private/") for key in files)
    try:
        call_command("backup", "--no-encrypt", stdout=io.StringIO())
        [name] = backup.backups_list()
        assert storages["backups"].bucket_name == os.environ["BACKUP_BUCKET_NAME"]
        assert storages["backups"].exists(name)
        call_command("flush", interactive=False, verbosity=0)
        wipe_files()
        assert City.objects.count() == 0 and every_file() == {}
        out = io.StringIO()
        call_command("restore", name, interactive=False, stdout=out)
        assert "Restored and checked" in out.getvalue()
        assert backup.table_rows() == counts
        assert {table: table_digest(table) for table in digests} == digests
        assert every_file() == files
    finally:
        for kept in storages["backups"].listdir("")[1]:
            storages["backups"].delete(kept)
        wipe_files()
