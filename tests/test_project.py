"""Project-level checks: settings, docs that cannot rot, translations complete."""

import os
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env=None):
    # The browser tests' async-safety switch must not leak into a deployment check.
    base = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **(env or {})}, capture_output=True, text=True
    )


PROD = {"DJANGO_SETTINGS_MODULE": "config.settings.prod", "DATABASE_URL": "sqlite:////tmp/prod-check.sqlite3"}


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={**PROD, "DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", env={**PROD, "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": ""})
    assert result.returncode != 0 and "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_deploy_check_is_clean():
    secret = "a-very-long-and-random-secret-key-for-the-deploy-check-0123456789-ABCDEFG"
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            **PROD,
            "DJANGO_SECRET_KEY": secret,
            "DJANGO_ALLOWED_HOSTS": "network.example.org",
            "EMAIL_HOST": "smtp.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


PROD_OK = {**PROD, "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "network.example.org"}
SHOW_MAIL = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"


def test_production_refuses_to_start_without_a_mail_server():
    """Never the console backend in production: it would print live reset links into the log."""
    result = run_manage("check", env={**PROD_OK, "EMAIL_HOST": "", "EMAIL_DISABLED": ""})
    assert result.returncode != 0 and "EMAIL_HOST" in result.stderr and "EMAIL_DISABLED" in result.stderr


def test_production_sends_through_the_configured_smtp_server():
    env = {**PROD_OK, "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "2525", "EMAIL_USE_TLS": "false"}
    result = run_manage("shell", "--no-imports", "-c", SHOW_MAIL, env=env)
    assert result.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.org", "2525", "False"]


def test_production_without_email_only_by_an_explicit_opt_out():
    result = run_manage(
        "shell", "--no-imports", "-c", SHOW_MAIL, env={**PROD_OK, "EMAIL_HOST": "", "EMAIL_DISABLED": "true"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "core.mail_backends.DisabledBackend"


def test_every_environment_variable_is_documented_in_env_example():
    used = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        used |= set(re.findall(r'os\.environ(?:\.get)?\(\s*"([A-Z_]+)"', path.read_text()))
        used |= set(re.findall(r'os\.environ\["([A-Z_]+)"\]', path.read_text()))
        used |= set(re.findall(r'env_(?:bool|list)\("([A-Z_]+)"', path.read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    set_by_tools = {"PYTEST_XDIST_WORKER"}  # pytest-xdist names each test process (config/settings/test.py)
    assert used - documented - set_by_tools == set()


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text().split("\n## ")[0]
    assert "make run" in head and "make test" in head


def test_architecture_doc_names_every_top_level_folder():
    doc = (ROOT / "docs" / "architecture.md").read_text()
    ignored = {".git", ".venv", "node_modules", "staticfiles", "media", "private", "artifacts", ".pytest_media", ".ci"}
    folders = [p.name for p in ROOT.iterdir() if p.is_dir() and p.name not in ignored and not p.name.startswith(".")]
    missing = [name for name in folders if f"`{name}/" not in doc]
    assert missing == []


def test_every_folder_with_tests_is_collected():
    """A tests folder left out of pytest's testpaths never runs in `make test` (search's did not)."""
    import tomllib

    testpaths = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {p.parent.name for p in ROOT.glob("*/tests") if p.is_dir() and p.parent.name not in {".venv"}}
    assert with_tests - testpaths == set()


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_translations_are_complete(language):
    catalog = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert len(catalog) > 100


def test_no_string_is_missing_from_the_catalogues(tmp_path):
    """Extracting messages from the current code finds nothing the catalogues lack."""
    catalog = {entry.msgid for entry in polib.pofile(str(ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"))}
    missing = sorted(entry.msgid for entry in _extract(tmp_path) if entry.msgid not in catalog)
    assert missing == [], "run `make messages` and translate"


def _extract(tmp_path):
    """Extract the current messages into a fresh catalogue outside the tree."""
    import shutil

    work = tmp_path / "src"
    shutil.copytree(
        ROOT,
        work,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", ".git", "locale", "artifacts", "media", "staticfiles", "*.sqlite3", "bench"
        ),
    )
    (work / "locale").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location", "--ignore=tests"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.returncode == 0, result.stderr
    return polib.pofile(str(work / "locale" / "fr" / "LC_MESSAGES" / "django.po"))


def test_every_application_state_and_role_is_documented():
    from accounts.models import Role
    from memberships.models import State

    doc = (ROOT / "docs" / "membership.md").read_text()
    assert [state for state in State.values if f"`{state}`" not in doc] == []
    assert [role for role in Role.values if f"`{role}`" not in doc] == []


def test_every_exchange_and_help_desk_state_is_documented():
    from exchanges.models import State as ExchangeState
    from helpdesk.models import State as HelpState

    doc = (ROOT / "docs" / "exchanges.md").read_text()
    assert [state for state in ExchangeState.values if f"`{state}`" not in doc] == []
    assert [state for state in HelpState.values if f"`{state}`" not in doc] == []


def test_each_test_process_takes_its_own_redis_database():
    from config.settings.test import _redis_url_for_worker

    assert _redis_url_for_worker("redis://127.0.0.1:6379/1", "gw0") == "redis://127.0.0.1:6379/1"
    assert _redis_url_for_worker("redis://127.0.0.1:6379/1", "gw2") == "redis://127.0.0.1:6379/3"
    assert _redis_url_for_worker("redis://:secret@cache:6379", "gw1") == "redis://:secret@cache:6379/1"


def test_make_run_prints_the_admin_address_on_the_port_it_serves():
    """`make run PORT=8123` tells the admin's address with that port, not the default 8000."""
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, env={**os.environ}, check=True
    )
    line = next(line for line in result.stdout.splitlines() if "ensure_admin" in line)
    assert "http://127.0.0.1:8123" in line
