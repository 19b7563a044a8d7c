"""Fixtures: the LibreTranslate/DeepL stand-in as a separate process on 127.0.0.1, settings that
point the engines at it, and the pauses between retries, recorded."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from translations.engines import base

STANDIN = Path(__file__).parent / "standins" / "standin.py"


class Standin:
    def __init__(self, url: str):
        self.url = url

    def control(self, **settings) -> None:
        requests.post(self.url + "/_control", json=settings, timeout=5).raise_for_status()

    def requests(self) -> list[dict]:
        return requests.get(self.url + "/_control", timeout=5).json()["requests"]


@pytest.fixture(scope="session")
def standin_server():
    process = subprocess.Popen(
        [sys.executable, str(STANDIN), "--port", "0"], stdout=subprocess.PIPE, text=True, stderr=subprocess.DEVNULL
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("PORT "), line
        yield Standin(f"http://127.0.0.1:{int(line.split()[1])}")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def standin(standin_server):
    standin_server.control(reset=True)
    return standin_server


@pytest.fixture
def pauses(monkeypatch):
    """The pauses the engines make between attempts (not waited for)."""
    seen = []
    monkeypatch.setattr(base, "sleep", seen.append)
    return seen


@pytest.fixture
def engines(settings, standin, pauses):
    """Both HTTP engines pointed at the stand-in, with short timeouts; `settings.TRANSLATION_ENGINE`
    is left for each test to choose."""
    settings.TRANSLATION_ENGINES = {
        "libretranslate": {"LIBRETRANSLATE_URL": standin.url, "API_KEY": "", "TIMEOUT": 2},
        "deepl": {"AUTH_KEY": "standin-key", "API_URL": standin.url, "TIMEOUT": 2},
        "apertium": {"BINARY": "apertium", "TIMEOUT": 30},
    }
    settings.TRANSLATION_RETRY = {
        "MAX_ATTEMPTS": 4,
        "BACKOFF": 0.5,
        "MAX_DELAY": 8,
        "BATCH_SIZE": 50,
        "BATCH_CHARS": 20_000,
    }
    settings.TRANSLATION_ENGINE = ["libretranslate"]
    return settings


@pytest.fixture(autouse=True)
def _forget_glossary():
    """Each test rolls the database back: forget matchers built on its data."""
    from translations import glossary

    glossary.forget_glossary()
    yield
    glossary.forget_glossary()


@pytest.fixture(autouse=True)
def _apertium_installed(request):
    """Apertium runs for real: `make test` installs it (`make translation-deps`); without it, say so."""
    if "apertium" in request.node.name and shutil.which("apertium") is None:
        pytest.fail("Debian's apertium is not installed: run `make translation-deps`")


@pytest.fixture
def homes(db):
    from .pages import build_homes

    return build_homes()
