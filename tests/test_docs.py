"""The operations and deployment guides cannot rot: every `manage.py` command, setting and file they name
exists in the code."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ["docs/operations.md", "docs/deploy.md"]
ENV_EXAMPLE = (ROOT / ".env.example").read_text()
# Named in the guides but not the project's: Varnish's words for what it did with a request.
NOT_SETTINGS = {"HIT", "MISS", "PASS", "PURGE", "BAN"}
# Commands of apps installed only with their service (django-rq with REDIS_URL).
WITH_REDIS = {"rqworker"}


def _module_constant(name: str) -> bool:
    """A constant of one of the project's modules (e.g. `RTL_LANGUAGES` in core/i18n.py)."""
    pattern = re.compile(rf"^{name}\s*[:=]", re.M)
    return any(pattern.search(path.read_text()) for path in ROOT.glob("*/*.py") if ".venv" not in path.parts)


def _text(guide: str) -> str:
    return (ROOT / guide).read_text()


@pytest.mark.parametrize("guide", GUIDES)
def test_every_command_named_exists(guide):
    named = set(re.findall(r"manage\.py\s+([a-z_]+)", _text(guide)))
    assert named, f"{guide} names no command"
    missing = named - set(get_commands()) - WITH_REDIS
    assert not missing, f"{guide} names commands that do not exist: {sorted(missing)}"


@pytest.mark.parametrize("guide", GUIDES)
def test_every_setting_named_exists(guide):
    """A name in capitals in backticks is a setting or an environment variable the code reads."""
    named = set(re.findall(r"`([A-Z][A-Z0-9_]{3,})`", _text(guide)))
    unknown = {
        name
        for name in named - NOT_SETTINGS
        if not hasattr(settings, name)
        and not re.search(rf"^#?\s*{name}=", ENV_EXAMPLE, re.M)
        and not _module_constant(name)
    }
    assert not unknown, f"{guide} names settings that exist nowhere: {sorted(unknown)}"


@pytest.mark.parametrize("guide", GUIDES)
def test_every_file_named_exists(guide):
    named = set(
        re.findall(
            r"`((?:config|core|cities|deploy|docs|operations|translations|tests|bench)/[\w./-]+\.\w+)`", _text(guide)
        )
    )
    missing = {path for path in named if not (ROOT / path).exists()}
    assert not missing, f"{guide} names files that do not exist: {sorted(missing)}"


def test_the_jobs_on_a_clock_are_all_documented():
    from core import periodic

    text = _text("docs/operations.md")
    assert all(f"`{name}`" in text for name in periodic.JOBS), "a periodic job is missing from docs/operations.md"


def _section(guide: str, title: str) -> str:
    text = _text(guide)
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


# Read by the libraries themselves, not by the project's settings: dj-database-url, and boto3 (django-storages
# leaves the keys to it).
READ_BY_LIBRARIES = {"DATABASE_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def test_every_variable_of_the_several_machines_layout_is_read_by_the_code():
    """Stricter than a name in `.env.example`: each environment variable the layout tells an operator to
    set on every machine is read by the settings (or gunicorn's configuration, or the release digest)."""
    section = _section("docs/deploy.md", "One machine or several")
    named = set(re.findall(r"`([A-Z][A-Z0-9_]{3,})`", section))
    variables = {name for name in named if re.search(rf"^#?\s*{name}=", ENV_EXAMPLE, re.M)}
    assert {"DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "BACKUP_BUCKET_NAME"} <= variables
    code = "".join(path.read_text() for path in [*ROOT.glob("config/**/*.py"), ROOT / "core" / "release.py"])
    unread = {name for name in variables - READ_BY_LIBRARIES if f'"{name}"' not in code}
    assert not unread, f"docs/deploy.md asks for variables no code reads: {sorted(unread)}"
    assert READ_BY_LIBRARIES <= named


def test_what_must_be_shared_covers_every_shared_part():
    section = _section("docs/deploy.md", "One machine or several")
    table = section[section.index("**What must be shared, and why**") :]
    rows = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    for part in ("database", "Redis", "file storage", "DJANGO_SECRET_KEY", "release", "time"):
        assert any(part in row for row in rows), f"no row for {part} in docs/deploy.md's table of shared parts"


@pytest.mark.parametrize("guide", GUIDES)
def test_every_make_target_named_exists(guide):
    makefile = (ROOT / "Makefile").read_text()
    named = set(re.findall(r"`make ([a-z][\w-]*)", _text(guide)))
    missing = {target for target in named if not re.search(rf"^{re.escape(target)}:", makefile, re.M)}
    assert not missing, f"{guide} names make targets that do not exist: {sorted(missing)}"
