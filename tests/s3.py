"""An S3-compatible stand-in for the tests: moto's server, on 127.0.0.1 at a free port, in this process.

`STORAGE=s3` (make test-shared) makes `config/settings/test.py` call `use_s3()` before the base settings
are read: the uploads, the letters (the `private/` prefix of the uploads' bucket) and the backups then go
through the same S3 storages production builds from `AWS_STORAGE_BUCKET_NAME` and `BACKUP_BUCKET_NAME`,
only at the stand-in's address (`AWS_S3_ENDPOINT_URL`). The variables stay in the environment, so the app
servers a test starts (tests/test_shared_services.py) share this stand-in and its buckets.

No Django here: it runs before the settings exist.
"""

from __future__ import annotations

import json
import logging
import os
import sys

BUCKETS = {"AWS_STORAGE_BUCKET_NAME": "scn-test-files", "BACKUP_BUCKET_NAME": "scn-test-backups"}
REGION = "us-east-1"
# Wagtail's images; documents are sent by Wagtail's view after its checks, the letters are under private/.
PUBLIC_FOLDERS = ("original_images", "images")
_servers = []  # kept for the life of the process (a daemon thread each)


def start_stand_in() -> str:
    """Start moto's server and make the buckets; its address."""
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _servers.append(server)
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test"
    )
    for bucket in BUCKETS.values():
        client.create_bucket(Bucket=bucket)
    client.put_bucket_policy(Bucket=BUCKETS["AWS_STORAGE_BUCKET_NAME"], Policy=json.dumps(public_read_policy()))
    return endpoint


def public_read_policy(bucket: str = BUCKETS["AWS_STORAGE_BUCKET_NAME"]) -> dict:
    """What docs/deploy.md asks of a bucket that holds the uploads and the letters: anyone may read the
    uploads (Wagtail's images and renditions), nobody but the site the documents and the `private/` prefix."""
    public = [f"arn:aws:s3:::{bucket}/{folder}/*" for folder in PUBLIC_FOLDERS]
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": public}],
    }


def s3_environment(endpoint: str) -> dict[str, str]:
    """What a process needs to use the stand-in at `endpoint` (its buckets, keys that it accepts)."""
    return {
        **BUCKETS,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "STORAGE": "s3",
    }


def use_s3() -> str:
    """Point this process (and those it starts) at a stand-in. A test process starts its own (each of
    pytest-xdist's workers too: they would otherwise inherit the first's and empty each other's buckets);
    an app server a test started uses the test's, which `AWS_S3_ENDPOINT_URL` names. Returns its address."""
    inherited = os.environ.get("AWS_S3_ENDPOINT_URL") if "pytest" not in sys.modules else None
    endpoint = inherited or start_stand_in()
    os.environ.update(s3_environment(endpoint))
    return endpoint


# Tests about where files lie on local disk (a folder, an absolute path, a file's time set with os.utime):
# skipped on S3 (conftest.py). What each proves there is proven on S3 by tests/test_s3_storage.py.
LOCAL_DISK_ONLY = {
    "memberships/tests/test_join.py::test_apply_in_french_stores_the_application_and_confirms_in_french": (
        "reads the letter's path on disk; on S3: test_letters_are_private_objects_with_short_lived_addresses"
    ),
    "memberships/tests/test_letters.py::test_letters_are_stored_where_storages_private_says": (
        "compares the private folder with PRIVATE_MEDIA_ROOT; on S3: test_letters_are_private_objects_with_"
        "short_lived_addresses"
    ),
    "core/tests/test_periodic.py::test_the_kept_letters_sweep_is_the_daily_job_and_the_command": (
        "ages a file with os.utime; on S3: test_left_behind_kept_letters_are_swept_from_the_bucket"
    ),
    "operations/tests/test_backup.py::test_round_trip_gives_back_every_row_and_file_and_fresh_versions": (
        "puts OPEN_DATA_ROOT inside the private folder; on S3: test_backup_round_trip_through_the_buckets"
    ),
}
