"""The load test's scenario (bench/load/) against the real site, without running Locust: every address it
asks for resolves, its set-up makes focal points who can sign in, and each of its writes, filled the way the
locustfile fills it, succeeds through the real form (CSRF enforced) and leaves the row its count reads."""

import importlib.util
import json
import random
import runpy
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
LOAD = ROOT / "bench" / "load"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"load_{name}", LOAD / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


scenario = _module("scenario")
prepare = _module("prepare")


def test_every_address_the_load_asks_for_resolves():
    choices = {"hub": ["esa"], "authority_type": ["city"], "sort": ["name"]}
    rng = random.Random(1)
    paths = [scenario.directory(lang, scenario.directory_query(rng, choices)) for lang in scenario.LANGUAGES]
    for lang in scenario.LANGUAGES:
        paths += [
            scenario.home(lang),
            scenario.map_data(lang),
            scenario.profile(lang, "some-city"),
            scenario.search(lang, scenario.SEARCH_TERMS[lang][0]),
            scenario.sign_in(lang),
            scenario.my_city(lang, "some-city"),
            scenario.exchange(lang, 7),
            scenario.exchange_message(lang, 7),
            scenario.join(lang),
            scenario.join_thanks(lang),
        ]
    paths.append(urlsplit(scenario.members_api()).path)
    unresolved = []
    for path in paths:
        language = path.split("/")[1]
        try:
            with translation.override(language if language in scenario.LANGUAGES else None):
                resolve(urlsplit(path).path)
        except Resolver404:
            unresolved.append(path)
    assert not unresolved
    # The write kinds the locustfile reports are the ones bench/load.py counts in the database.
    assert set(scenario.WRITES) == {"profile", "message", "join"}


def _post(client, path, form, **files):
    data = {}
    for name, value in form.data():
        data.setdefault(name, []).append(value)
    response = client.post(path, {**data, **files})
    return scenario.write_problem(response.status_code, response.get("Location", ""), path)


@pytest.mark.django_db
def test_each_write_succeeds_through_the_real_form_and_is_counted(world):
    """What a focal point and an applicant of the load do, with the test client instead of Locust."""
    accounts = prepare.load_accounts(count=1, password="load-test-password-1")
    assert prepare.load_accounts(count=1, password="load-test-password-2") == accounts  # same people every run
    account = accounts[0]
    client = Client(enforce_csrf_checks=True)
    before = prepare.write_counts()

    lang = "fr"
    page, target = scenario.sign_in(lang), scenario.my_city(lang, account["city"])
    form = scenario.find_form(client.get(page).content.decode(), page=page, having="password")
    form.set("username", account["email"])
    form.set("password", "load-test-password-2")
    form.set("next", target)
    data = dict(form.data())
    response = client.post(page, data)
    assert scenario.write_problem(response.status_code, response["Location"], target) is None

    form = scenario.find_form(client.get(target).content.decode(), page=target, action=target)
    assert {"edit_version", "opened", "csrfmiddlewaretoken"} <= form.names()  # the stale-save fields go back
    scenario.fill_profile(form, mark="one")
    assert _post(client, target, form) is None
    scenario.fill_profile(form, mark="two")  # the same form again: the site refuses a stale save
    assert _post(client, target, form) == "refused: stale save, someone saved first (409)"

    page = scenario.exchange(lang, account["exchange"])
    action = scenario.exchange_message(lang, account["exchange"])
    form = scenario.find_form(client.get(page).content.decode(), page=page, action=action)
    scenario.fill_message(form, mark="one")
    response = client.post(action, {name: value for name, value in form.data()})
    assert scenario.write_problem(response.status_code, response["Location"], page) is None

    applicant = Client(enforce_csrf_checks=True)
    page = scenario.join(lang)
    form = scenario.find_form(applicant.get(page).content.decode(), page=page, having="authority_name")
    scenario.fill_join(form, mark="one", rng=random.Random(1))
    letter = SimpleUploadedFile("letter.pdf", scenario.letter_pdf(), content_type="application/pdf")
    data = {}
    for name, value in form.data():
        data.setdefault(name, []).append(value)
    response = applicant.post(page, {**data, "letter": letter})
    assert (
        scenario.write_problem(response.status_code, response.get("Location", ""), scenario.join_thanks(lang)) is None
    )

    after = prepare.write_counts()
    assert {kind: after[kind] - before[kind] for kind in after} == {"profile": 1, "message": 1, "join": 1}


def test_the_rate_limit_switch_is_only_for_this_machine(monkeypatch):
    """LOAD_TEST_NO_RATE_LIMITS empties the limits only when every allowed host is the loopback."""

    def ratelimit_backend(hosts: str) -> str:
        monkeypatch.setenv("LOAD_TEST_NO_RATE_LIMITS", "true")
        monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", hosts)
        return runpy.run_path(str(ROOT / "config" / "settings" / "base.py"))["CACHES"]["ratelimit"]["BACKEND"]

    assert ratelimit_backend("127.0.0.1,localhost").endswith("DummyCache")
    assert not ratelimit_backend("network.example.org,127.0.0.1").endswith("DummyCache")
    assert not ratelimit_backend("").endswith("DummyCache")


def test_with_the_switch_no_limit_refuses(settings):
    from core import ratelimit

    dummy = {**settings.CACHES, "ratelimit": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy):
        assert not any(
            ratelimit.over_limit(ratelimit.JOIN, key="address:load") for _ in range(3 * ratelimit.JOIN.count)
        )


@pytest.mark.skipif(importlib.util.find_spec("locust") is None, reason="Locust is installed by `make load` only")
def test_the_locustfile_imports_with_its_three_kinds_of_people():
    """In a process of its own: importing Locust patches the standard library for gevent."""
    code = (
        "import json, locustfile as f; "
        "print(json.dumps({c.__name__: c.weight for c in (f.Visitor, f.FocalPoint, f.Applicant)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=LOAD, capture_output=True, text=True, timeout=60, check=True
    )
    weights = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(weights) == {"Visitor", "FocalPoint", "Applicant"}
    assert weights["Visitor"] / sum(weights.values()) >= 0.8  # mostly anonymous readers
