"""Two app servers, as on two machines behind a load balancer (docs/deploy.md, "Several machines"), sharing
what must be shared: one PostgreSQL database, one Redis, one S3-compatible storage, one secret key.

The test starts two real gunicorn processes (config/gunicorn.py, as deploy/stack.py does) on free ports, on
a database of their own (`test_two_apps`, a copy of this test's, dropped at the end), Redis database 12 and
the S3 stand-in of tests/s3.py, and shows that a visitor may land on either: a session made on A works on
B; a profile changed through A shows on B at once (the version-keyed caches in Redis); the rate limit
counts the posts of A and B together; a letter uploaded through A's join form is downloaded by staff
through B. It needs the suite on PostgreSQL and Redis (DATABASE_URL, REDIS_URL) and is skipped otherwise;
it runs in its own stage (`make test-shared`, marker `shared`), never twice in one CI run.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection, connections

from cities.tests.factories import CityFactory
from deploy.stack import Stack, free_port
from memberships.tests.test_join import pdf_bytes

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs the suite on PostgreSQL (DATABASE_URL=postgres://...): SQLite is one machine's file",
    ),
    pytest.mark.skipif(
        not settings.REDIS_URL, reason="needs Redis (REDIS_URL): without it each app server caches in its own memory"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DATABASE = "test_two_apps"
REDIS_DATABASE = 12
PASSWORD = "a long enough secret"


def _skip_unless_redis_answers():
    import redis

    try:
        redis.Redis.from_url(_redis_url(), socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis does not answer at {settings.REDIS_URL}: {error}")


def _redis_url() -> str:
    return urlunsplit(urlsplit(settings.REDIS_URL)._replace(path=f"/{REDIS_DATABASE}"))


def _server_dsn(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _copy_database() -> None:
    """`test_two_apps` as a copy of this test's committed database (a template copy: a second, where
    migrating a new one takes a minute)."""
    import psycopg

    template = connection.settings_dict["NAME"]
    connections.close_all()  # a template must have no open connection
    with psycopg.connect(_server_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        admin.execute(f'CREATE DATABASE "{DATABASE}" TEMPLATE "{template}"')


def _drop_database() -> None:
    import psycopg

    with psycopg.connect(_server_dsn("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def _storage_env() -> dict[str, str]:
    """The S3 stand-in this process uses (STORAGE=s3), or a new one for the app servers alone."""
    from tests.s3 import s3_environment, start_stand_in

    if os.environ.get("STORAGE") == "s3" and os.environ.get("AWS_S3_ENDPOINT_URL"):
        return s3_environment(os.environ["AWS_S3_ENDPOINT_URL"])
    return s3_environment(start_stand_in())


def _app_env() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PYTEST_", "AWS_", "BACKUP_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",  # the suite's settings: the same secret key in both
        DATABASE_URL=_server_dsn(DATABASE),
        REDIS_URL=_redis_url(),
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        GUNICORN_WARM_UP="false",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
        TRUSTED_PROXY_COUNT="0",  # both see the test as 127.0.0.1: one visitor for the rate limit
        **_storage_env(),
    )
    return env


class Visitor:
    """A browser: one cookie jar, whichever server it talks to."""

    def __init__(self):
        import requests

        self.session = requests.Session()

    def get(self, base: str, path: str, **kwargs):
        return self.session.get(base + path, allow_redirects=False, timeout=30, **kwargs)

    def form_token(self, base: str, path: str) -> str:
        page = self.get(base, path)
        assert page.status_code == 200, (path, page.status_code)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def post(self, base: str, path: str, data: dict, files=None, token_from: str | None = None):
        token = self.form_token(token_from or base, path)
        headers = {"Referer": base + path}
        return self.session.post(
            base + path,
            data={**data, "csrfmiddlewaretoken": token},
            files=files,
            headers=headers,
            allow_redirects=False,
            timeout=60,
        )

    def sign_in(self, base: str, email: str):
        response = self.post(base, "/en/account/sign-in/", {"username": email, "password": PASSWORD})
        assert response.status_code == 302, response.text[:500]


def _people_and_city():
    from accounts.models import Role
    from accounts.services import role_grant
    from conftest import make_person

    city = CityFactory(slug="shared-town", name="Shared Town", description_en="Before the change.")
    focal = make_person("focal-shared@example.org")
    focal.set_password(PASSWORD)
    focal.save()
    role_grant(user=focal, role=Role.FOCAL_POINT, city=city)
    staff = make_person("staff-shared@example.org")
    staff.set_password(PASSWORD)
    staff.save()
    role_grant(user=staff, role=Role.MANAGEMENT_UNIT)
    return city


def _join_data() -> dict:
    from cities.models import Challenge, PracticeArea

    return {
        "body_kind": "local",
        "authority_name": "Ville Partagée",
        "authority_type": "municipality",
        "country": "SN",
        "region_in_country": "Dakar",
        "population": "250000",
        "website": "https://shared.example.org",
        "head_name": "Awa Exemple",
        "head_title": "Maire",
        "focal_name": "Moussa Exemple",
        "focal_role": "Chargé de prévention",
        "focal_email": "moussa@example.org",
        "focal_phone": "+221 33 889 12 34",
        "focal_languages": "fr, wo",
        "hopes": "Apprendre d'autres villes.",
        "consent": "on",
        "challenges": [Challenge.objects.get(code="online-hate").pk],
        "priorities": [PracticeArea.objects.get(code="youth-engagement").pk],
    }


def _profile_edit(description: str, page_html: str) -> dict:
    """The profile form as it was opened, with a new English description (the city has no rows in its
    lists yet, so each list is sent empty, without the blank row the page offers)."""
    version = re.search(r'name="edit_version" value="(\d+)"', page_html).group(1)
    data = {"description_en": description, "working_languages": ["en"], "edit_version": version}
    for prefix in ("challenges", "offers", "needs", "contacts"):
        assert re.search(rf'name="{prefix}-INITIAL_FORMS" value="0"', page_html)
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def _application_ids() -> list[int]:
    import psycopg

    with psycopg.connect(_server_dsn(DATABASE)) as database:
        return [row[0] for row in database.execute("SELECT id FROM memberships_joinapplication ORDER BY id")]


def test_two_app_servers_share_sessions_caches_limits_and_files():
    _skip_unless_redis_answers()
    import redis

    from core import ratelimit

    _people_and_city()
    join_data = _join_data()
    redis.Redis.from_url(_redis_url()).flushdb()
    _copy_database()
    env, workdir = _app_env(), Path(tempfile.mkdtemp(prefix="scn-two-apps-"))
    servers = [Stack(env=env, app_port=free_port(), proxy_port=None, workdir=workdir, worker=False) for _ in "AB"]
    try:
        for server in servers:  # from this thread: a server gets SIGTERM when the thread that started it ends
            server.start(timeout=90)
        a, b = (server.app_url for server in servers)

        # A session made on A is good on B (sessions in the shared database and Redis, one secret key).
        focal = Visitor()
        focal.sign_in(a, "focal-shared@example.org")
        assert focal.get(b, "/en/my-city/").headers["Location"] == "/en/my-city/shared-town/"
        assert Visitor().get(b, "/en/my-city/").headers["Location"].startswith("/en/account/sign-in/")

        # A change made through A shows on B at once: B's kept profile is keyed on the shared data version.
        reader = Visitor()
        assert "Before the change." in reader.get(b, "/en/network/shared-town/").text  # now kept by B
        form = focal.get(a, "/en/my-city/shared-town/")
        edited = focal.session.post(
            a + "/en/my-city/shared-town/",
            data={
                **_profile_edit("After the change, made on A.", form.text),
                "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1),
            },
            headers={"Referer": a + "/en/my-city/shared-town/"},
            allow_redirects=False,
            timeout=30,
        )
        assert edited.status_code == 302, edited.text[:2000]
        profile = reader.get(b, "/en/network/shared-town/").text
        assert "After the change, made on A." in profile and "Before the change." not in profile

        # A letter uploaded through A's join form: staff download it through B (one bucket for both).
        applicant = Visitor()
        letter = pdf_bytes()
        joined = applicant.post(a, "/en/join/", join_data, files={"letter": ("letter.pdf", letter, "application/pdf")})
        assert joined.status_code == 302 and joined.headers["Location"] == "/en/join/thanks/", joined.text[:2000]
        [application] = _application_ids()
        staff = Visitor()
        staff.sign_in(b, "staff-shared@example.org")
        download = staff.get(b, f"/en/join/letters/{application}/")
        assert download.status_code == 200 and download.content == letter
        assert focal.get(b, f"/en/join/letters/{application}/").status_code == 404  # staff only, on B too

        # The rate limit counts A's and B's posts together: after the limit through A, B refuses the next.
        robot = {"homepage": "http://spam.example"}  # counted, then answered as if stored
        for _ in range(ratelimit.JOIN.count - 1):  # the applicant's post above was the first
            assert applicant.post(a, "/en/join/", robot).status_code == 302
        refused = applicant.post(b, "/en/join/", robot, token_from=a)
        assert refused.status_code == 429
    finally:
        for server in servers:
            server.stop()
        redis.Redis.from_url(_redis_url()).flushdb()
        _drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
