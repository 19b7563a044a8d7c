"""The load test's visitors (Locust 2.47, requirements/load.txt), run by `make load` (bench/load.py).

Three kinds of people, weighted roughly as on the real site (by simultaneous users: 85 % anonymous readers,
10 % focal points, 5 % applicants):

- `Visitor`: the home page, the directory with a few filter combinations, the map data, authority
  profiles and the site search, in the four languages (English half the time).
- `FocalPoint`: signs in with a load account (bench/load/prepare.py; no second factor for focal points),
  opens their authority's profile form and saves it through the real form (CSRF token, `edit_version` and
  `opened` as the page gave them), reads their exchange and posts in its thread.
- `Applicant`: fills the public join form with a small valid PDF letter.

Every write is checked: it counts as done only when the site redirects to the page that follows success
(scenario.write_problem names every other answer). Server errors (5xx) and successful writes are also
counted by name into LOAD_REPORT (JSON) for bench/load.py.

Environment: LOAD_ACCOUNTS (the JSON `prepare.py accounts` wrote), LOAD_PASSWORD, LOAD_REPORT (where
to write the counts), LOAD_SEED (optional). Run alone: `locust -f bench/load/locustfile.py --host URL`.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import threading
import uuid
from collections import Counter
from pathlib import Path

# isort: off
from locust import FastHttpUser, HttpUser, between, events, task  # first: gevent patches the standard library

import requests  # after locust: an ssl module imported before the patch recurses without end
from urllib3.util.retry import Retry
# isort: on

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scenario  # noqa: E402

RNG = random.Random(int(os.environ.get("LOAD_SEED", "2026")))
LANGUAGE_WEIGHTS = [("en", 5), ("ar", 2), ("fr", 2), ("es", 1)]


def pick_language(rng: random.Random = RNG) -> str:
    return rng.choices([lang for lang, _w in LANGUAGE_WEIGHTS], weights=[w for _l, w in LANGUAGE_WEIGHTS])[0]


class Site:
    """What every visitor needs to know about the site, read once when the test starts."""

    slugs: list[str] = []
    filters: dict[str, list[str]] = {}
    accounts: list[dict] = []
    password = ""
    _next_account = itertools.count()
    _lock = threading.Lock()

    @classmethod
    def read(cls, host: str) -> None:
        slugs = []
        for page in range(1, 4):  # up to 300 authorities to visit
            answer = requests.get(f"{host}{scenario.members_api(100)}&page={page}", timeout=60)
            if answer.status_code != 200:
                break
            slugs += [item["slug"] for item in answer.json()["results"]]
        cls.slugs = slugs
        page = requests.get(host + scenario.directory("en"), timeout=60).text
        choices = {}
        for form in scenario.forms_in(page):
            for name, values in form.choices.items():
                choices[name] = [value for value in values if value]
        cls.filters = choices
        accounts = os.environ.get("LOAD_ACCOUNTS")
        cls.accounts = json.loads(Path(accounts).read_text()) if accounts else []
        cls.password = os.environ.get("LOAD_PASSWORD", "")

    @classmethod
    def account(cls) -> dict | None:
        """Each focal point user its own account (two editing one profile would refuse each other's saves)."""
        with cls._lock:
            index = next(cls._next_account)
        return cls.accounts[index] if index < len(cls.accounts) else None


# --- counts for bench/load.py ----------------------------------------------------------------------------

SERVER_ERRORS: Counter = Counter()  # request name -> 5xx answers
NO_ANSWER: Counter = Counter()  # request name -> connection errors, timeouts (no status)
DONE: Counter = Counter()  # request name -> successful requests (writes: redirected to success)


@events.test_start.add_listener
def _read_site(environment, **_kwargs):
    Site.read(environment.host.rstrip("/"))


@events.request.add_listener
def _count(request_type, name, response_time, response_length, response=None, exception=None, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    if status >= 500:
        SERVER_ERRORS[f"{request_type} {name}"] += 1
    elif status == 0 and exception is not None:
        NO_ANSWER[f"{request_type} {name}"] += 1
    if exception is None:
        DONE[name] += 1


@events.quitting.add_listener
def _write_report(environment, **_kwargs):
    path = os.environ.get("LOAD_REPORT")
    if path:
        report = {
            "server_errors": dict(SERVER_ERRORS),
            "no_answer": dict(NO_ANSWER),
            "writes_done": {kind: DONE[name] for kind, name in scenario.WRITES.items()},
            "sign_ins_done": DONE[scenario.SIGN_IN],
        }
        Path(path).write_text(json.dumps(report))


def _mark() -> str:
    return uuid.uuid4().hex[:10]


# A browser sends a GET again, once, when a kept-alive connection was closed by the server just as the
# request went out (Varnish closes idle client connections after 5 s; focal points think longer than
# that). `Visitor` (FastHttpUser, reads only) does the same with max_retries = 1; writes are never sent twice.
BROWSER_RETRY = Retry(total=1, connect=1, read=1, status=0, redirect=0, other=0, allowed_methods={"GET", "HEAD"})


def browser_like(session) -> None:
    for adapter in session.adapters.values():
        adapter.max_retries = BROWSER_RETRY


# --- the people ------------------------------------------------------------------------------------------


def post_form(user, *, page: str, kind: str, fill, expected: str, page_name: str, files=None, **find) -> None:
    """Open `page`, find its form (`find`: `action=` or `having=`, as `scenario.find_form`), fill it, post
    it (with `files`) and count the write only if it landed on `expected`."""
    answer = user.client.get(page, name=page_name)
    if answer.status_code != 200:
        return  # already a failure in the figures
    try:
        form = scenario.find_form(answer.text, page=page, **find)
    except LookupError as missing:
        user.environment.events.request.fire(
            request_type="POST", name=scenario.WRITES[kind], response_time=0, response_length=0, exception=missing,
            context={},
        )  # fmt: skip
        return
    fill(form, mark=_mark())
    with user.client.post(
        find.get("action", page),
        data=form.data(),
        files=files,
        name=scenario.WRITES[kind],
        allow_redirects=False,
        catch_response=True,
    ) as response:
        problem = scenario.write_problem(response.status_code, response.headers.get("Location", ""), expected)
        if problem:
            response.failure(problem)
        else:
            response.success()


class Visitor(FastHttpUser):
    """Someone reading about the network, not signed in: most of what the site serves (through Varnish)."""

    weight = 17
    wait_time = between(1, 5)
    max_retries = 1  # as a browser, see BROWSER_RETRY

    def on_start(self):
        self.lang = pick_language()

    @task(3)
    def home(self):
        self.client.get(scenario.home(self.lang), name="/[lang]/")

    @task(4)
    def directory(self):
        query = scenario.directory_query(RNG, Site.filters)
        self.client.get(scenario.directory(self.lang, query), name="/[lang]/network/?[filters]")

    @task(1)
    def map_data(self):
        self.client.get(scenario.map_data(self.lang), name="/[lang]/network/map/data.json")

    @task(4)
    def profile(self):
        if Site.slugs:
            self.client.get(scenario.profile(self.lang, RNG.choice(Site.slugs)), name="/[lang]/network/[slug]/")

    @task(2)
    def search(self):
        words = RNG.choice(scenario.SEARCH_TERMS[self.lang])
        self.client.get(scenario.search(self.lang, words), name="/[lang]/search/?q=[words]")


class FocalPoint(HttpUser):
    """A city's focal point: keeps the profile up to date and talks with a partner city."""

    weight = 2
    wait_time = between(5, 15)

    def on_start(self):
        browser_like(self.client)
        self.lang = pick_language()
        self.account = Site.account()
        self.signed_in = False
        if self.account is None:
            return
        page = scenario.sign_in(self.lang)
        answer = self.client.get(page, name="/[lang]/account/sign-in/")
        target = scenario.my_city(self.lang, self.account["city"])
        try:
            form = scenario.find_form(answer.text, page=page, having="password")
        except LookupError:
            return
        form.set("username", self.account["email"])
        form.set("password", Site.password)
        form.set("next", target)
        with self.client.post(
            page, data=form.data(), name=scenario.SIGN_IN, allow_redirects=False, catch_response=True
        ) as response:
            problem = scenario.write_problem(response.status_code, response.headers.get("Location", ""), target)
            if problem:
                response.failure(f"sign-in {problem}")
            else:
                self.signed_in = True

    @task(3)
    def read_profile_form(self):
        if self.signed_in:
            self.client.get(scenario.my_city(self.lang, self.account["city"]), name="/[lang]/my-city/[slug]/")

    @task(1)
    def save_profile(self):
        if self.signed_in:
            page = scenario.my_city(self.lang, self.account["city"])
            post_form(
                self,
                page=page,
                action=page,
                kind="profile",
                fill=scenario.fill_profile,
                expected=page,
                page_name="/[lang]/my-city/[slug]/",
            )

    @task(3)
    def read_exchange(self):
        if self.signed_in:
            self.client.get(scenario.exchange(self.lang, self.account["exchange"]), name="/[lang]/exchanges/[id]/")

    @task(1)
    def send_message(self):
        if self.signed_in:
            page = scenario.exchange(self.lang, self.account["exchange"])
            post_form(
                self,
                page=page,
                action=scenario.exchange_message(self.lang, self.account["exchange"]),
                kind="message",
                fill=scenario.fill_message,
                expected=page,
                page_name="/[lang]/exchanges/[id]/",
            )

    @task(3)
    def peers(self):
        """Signed in, the directory and profiles come from the app, never from the cache."""
        if Site.slugs:
            slug = RNG.choice(Site.slugs)
            self.client.get(scenario.profile(self.lang, slug), name="/[lang]/network/[slug]/ (signed in)")


class Applicant(HttpUser):
    """An authority applying to join, letter of commitment attached."""

    weight = 1
    wait_time = between(10, 30)
    letter = scenario.letter_pdf()

    def on_start(self):
        browser_like(self.client)
        self.lang = pick_language()

    @task
    def apply(self):
        post_form(
            self,
            page=scenario.join(self.lang),
            having="authority_name",
            kind="join",
            fill=lambda form, mark: scenario.fill_join(form, mark=mark, rng=RNG),
            expected=scenario.join_thanks(self.lang),
            page_name="/[lang]/join/",
            files={"letter": ("letter.pdf", self.letter, "application/pdf")},
        )
