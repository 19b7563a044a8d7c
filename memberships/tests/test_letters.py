"""Letters of commitment at rest: where they are stored, how long a kept letter lives, what staff get
when a file is missing."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string

from memberships.models import ApplicationEvent, JoinApplication, KeptLetter
from memberships.tests.test_join import pdf_bytes, upload, valid_data

pytestmark = pytest.mark.django_db


def kept_token(client) -> str:
    """Post the form with a valid letter and one wrong field: the letter is kept under a token."""
    response = client.post("/en/join/", {**valid_data(focal_email="wrong"), "letter": upload(pdf_bytes())})
    assert response.status_code == 400
    return response.context["form"].data["pending_letter"]


def test_letters_are_stored_where_storages_private_says():
    backend = import_string(settings.STORAGES["private"]["BACKEND"])
    for field in (JoinApplication._meta.get_field("letter"), ApplicationEvent._meta.get_field("letter")):
        assert isinstance(field.storage, backend)
        # Where it writes, not which instance: a test that changed STORAGES before this one leaves Django
        # a fresh `storages["private"]`, while the fields keep the one made when the models loaded.
        assert os.path.abspath(field.storage.location) == os.path.abspath(settings.PRIVATE_MEDIA_ROOT)
    assert os.path.abspath(storages["private"].location) == os.path.abspath(settings.PRIVATE_MEDIA_ROOT)
    with pytest.raises(ValueError):
        storages["private"].url("letters/x.pdf")  # private files have no public address


def test_with_s3_configured_letters_go_to_a_private_s3_location():
    code = "import json; from config.settings import base; print(json.dumps(base.STORAGES['private'], default=str))"
    env = {**os.environ, "AWS_STORAGE_BUCKET_NAME": "network-files", "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    private = json.loads(result.stdout.strip().splitlines()[-1])
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"
    options = private["OPTIONS"]
    assert options["bucket_name"] == "network-files" and options["location"] == "private"
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert options["custom_domain"] is None  # never an unsigned public address


def test_a_kept_letter_is_deleted_once_the_application_uses_it(client, django_capture_on_commit_callbacks):
    token = kept_token(client)
    kept = KeptLetter.objects.get()
    storage, name = kept.file.storage, kept.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/join/", {**valid_data(), "pending_letter": token}).status_code == 302
    assert JoinApplication.objects.get().letter.read().startswith(b"%PDF-")
    assert not KeptLetter.objects.exists() and not storage.exists(name)


def test_one_kept_letter_serves_one_application_only(client, django_capture_on_commit_callbacks):
    token = kept_token(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/en/join/", {**valid_data(), "pending_letter": token}).status_code == 302
    again = client.post("/en/join/", {**valid_data(authority_name="Autre Ville"), "pending_letter": token})
    assert again.status_code == 400 and "letter" in again.context["form"].errors
    assert JoinApplication.objects.count() == 1


def test_a_kept_letter_claimed_twice_at_once_is_refused_the_second_time(client, django_capture_on_commit_callbacks):
    """Two posts racing with one token: both read the letter, only the first may use it."""
    from memberships import services
    from memberships.letters import read_pending

    token = kept_token(client)
    first, second = read_pending(token)[1], read_pending(token)[1]
    form_data = {k: v for k, v in valid_data().items() if k not in ("body_kind", "challenges", "priorities")}
    form_data.update(country_id=form_data.pop("country"), population=250000, consent=True)
    services.application_submit(data=form_data, challenges=[], priorities=[], letter=first, language="en")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.application_submit(data=form_data, challenges=[], priorities=[], letter=second, language="en")
    assert "letter" in refused.value.message_dict
    assert JoinApplication.objects.count() == 1


def test_kept_letters_older_than_a_day_are_swept(client):
    kept_token(client)
    old = KeptLetter.objects.get()
    storage, name = old.file.storage, old.file.name
    KeptLetter.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(hours=25))
    kept_token(client)  # a fresh one stays
    call_command("sweep_kept_letters")
    assert not storage.exists(name)
    assert KeptLetter.objects.count() == 1 and storage.exists(KeptLetter.objects.get().file.name)


def test_keeping_a_letter_also_sweeps_old_ones(client):
    kept_token(client)
    old = KeptLetter.objects.get()
    storage, name = old.file.storage, old.file.name
    KeptLetter.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=2))
    kept_token(client)
    assert not KeptLetter.objects.filter(pk=old.pk).exists() and not storage.exists(name)


def test_a_missing_letter_file_is_not_found_rather_than_an_error(client, staff_user, application):
    application.letter.storage.delete(application.letter.name)
    client.force_login(staff_user)
    assert client.get(f"/en/join/letters/{application.pk}/").status_code == 404
    event = application.events.exclude(letter="").get()
    assert client.get(f"/en/join/letters/{application.pk}/{event.pk}/").status_code == 404
