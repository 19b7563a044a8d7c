"""What the load test's visitors ask for and how they fill the site's forms: plain Python, no Locust, no Django.

The locustfile (`locustfile.py`) builds every address from here, and `tests/test_load_scenario.py` resolves
the same addresses with Django's URL resolver and posts the same forms through Django's test client, so a
renamed route or a new required field breaks a fast test, not the first minute of a ten-minute run.

Forms are filled the way a browser does: the page is fetched, every field of the chosen form is read with
its current value (hidden CSRF token and stale-save fields included: `edit_version`, `opened`), a few are
changed, and the whole form is posted back. A write counts as done only when the site answers with a
redirect to the page that follows success; anything else (the form again with an error, a 409 conflict,
a 429 limit) is a failure in the figures.
"""

from __future__ import annotations

import io
import random
import re
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

LANGUAGES = ("en", "ar", "fr", "es")

# Words a visitor types in the site search, in each language (the demo's pages and authorities hold them).
SEARCH_TERMS = {
    "en": ["youth", "prevention", "hate", "network", "mayor", "social cohesion", "toolkit", "city", "women"],
    "ar": ["الشباب", "الوقاية", "الكراهية", "شبكة", "المدن", "التماسك الاجتماعي", "بلدية"],
    "fr": ["jeunesse", "prévention", "haine", "réseau", "maire", "cohésion sociale", "ville", "femmes"],
    "es": ["juventud", "prevención", "odio", "red", "alcalde", "cohesión social", "ciudad", "mujeres"],
}

# The directory's filters a visitor combines (values read from the page's own <select>s at start, see
# `filter_choices`): one filter, two, a text search, a sort, a later page.
FILTER_NAMES = ("hub", "region", "authority_type", "settlement_type", "population", "challenge", "offers", "needs")
DIRECTORY_TEXT = ["a", "san", "city", "al", "mun"]

# One name per kind of write: the figures count a write as done from its request's successes under this
# name, and `bench/load/prepare.py counts` reads the rows it leaves.
WRITES = {
    "profile": "/[lang]/my-city/[slug]/ (save)",
    "message": "/[lang]/exchanges/[id]/messages/",
    "join": "/[lang]/join/ (apply)",
}
SIGN_IN = "/[lang]/account/sign-in/ (sign in)"


# --- addresses -----------------------------------------------------------------------------------------


def home(lang: str) -> str:
    return f"/{lang}/"


def directory(lang: str, query: dict | None = None) -> str:
    return f"/{lang}/network/" + (f"?{urlencode(query)}" if query else "")


def map_data(lang: str) -> str:
    return f"/{lang}/network/map/data.json"


def profile(lang: str, slug: str) -> str:
    return f"/{lang}/network/{slug}/"


def search(lang: str, words: str) -> str:
    return f"/{lang}/search/?{urlencode({'q': words})}"


def sign_in(lang: str) -> str:
    return f"/{lang}/account/sign-in/"


def my_city(lang: str, slug: str) -> str:
    return f"/{lang}/my-city/{slug}/"


def exchange(lang: str, pk: int) -> str:
    return f"/{lang}/exchanges/{pk}/"


def exchange_message(lang: str, pk: int) -> str:
    return f"/{lang}/exchanges/{pk}/messages/"


def join(lang: str) -> str:
    return f"/{lang}/join/"


def join_thanks(lang: str) -> str:
    return f"/{lang}/join/thanks/"


def members_api(page_size: int = 100) -> str:
    return f"/api/v1/members?page_size={page_size}"


def directory_query(rng: random.Random, choices: dict[str, list[str]]) -> dict:
    """A filter combination as visitors make them: mostly one or two facets, sometimes words or a sort."""
    names = [name for name in FILTER_NAMES if choices.get(name)]
    query: dict[str, str] = {}
    kind = rng.random()
    if kind < 0.15 or not names:
        return query
    for name in rng.sample(names, k=1 if kind < 0.6 else min(2, len(names))):
        query[name] = rng.choice(choices[name])
    if rng.random() < 0.2:
        query["q"] = rng.choice(DIRECTORY_TEXT)
    if rng.random() < 0.2 and choices.get("sort"):
        query["sort"] = rng.choice(choices["sort"])
    if rng.random() < 0.1:
        query["page"] = "2"
    return query


# --- forms ---------------------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # names of <input type="file">
    choices: dict[str, list[str]] = field(default_factory=dict)  # every option of selects, radios, checkboxes

    def names(self) -> set[str]:
        return {name for name, _value in self.fields} | set(self.choices) | set(self.files)

    def value(self, name: str, default: str = "") -> str:
        return next((value for key, value in self.fields if key == name), default)

    def set(self, name: str, *values: str) -> None:
        """Replace every value of `name` (one value for a text field, several for a multiple choice)."""
        self.fields = [(key, value) for key, value in self.fields if key != name]
        self.fields.extend((name, value) for value in values)

    def data(self) -> list[tuple[str, str]]:
        return list(self.fields)


class _FormParser(HTMLParser):
    """Every <form> of a page with the values a browser would send as it stands (no JavaScript)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._options: list[tuple[str, bool]] = []
        self._option: list | None = None  # [value or None, selected, text]
        self._textarea: list | None = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = Form(action=attrs.get("action") or "", method=(attrs.get("method") or "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            if kind == "file":
                form.files.append(name)
            elif kind in ("checkbox", "radio"):
                value = attrs.get("value", "on")
                form.choices.setdefault(name, []).append(value)
                if "checked" in attrs:
                    form.fields.append((name, value))
            else:
                form.fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = (name, "multiple" in attrs)
            self._options = []
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "selected" in attrs, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            name, text = self._textarea
            self._form.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value, selected, text = self._option
            self._options.append((text.strip() if value is None else value, selected))
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, multiple = self._select
            self._form.choices[name] = [value for value, _selected in self._options]
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]  # a browser sends the first option of a single select
            self._form.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "form":
            self._form = None


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def find_form(html: str, *, page: str, action: str | None = None, having: str | None = None) -> Form:
    """The page's POST form whose action is `action` (or, with no action, the page itself) or that has a
    field named `having`. `page` is the address the HTML came from. Raises LookupError when none."""
    for form in forms_in(html):
        if form.method != "post":
            continue
        target = urlsplit(form.action).path or urlsplit(page).path
        if action is not None and target == action:
            return form
        if having is not None and having in form.names():
            if not form.action:
                form.action = urlsplit(page).path
            return form
    raise LookupError(f"no form posting to {action or having!r} on {page}")


# --- what each write fills in --------------------------------------------------------------------------

EDIT_MARK = re.compile(r"\s*\[load test edit [^\]]*\]$")


def fill_profile(form: Form, *, mark: str) -> None:
    """A focal point touches the English description (the rest of the form goes back as it was)."""
    text = EDIT_MARK.sub("", form.value("description_en"))
    form.set("description_en", f"{text} [load test edit {mark}]".strip())


def fill_message(form: Form, *, mark: str) -> None:
    form.set("body", f"Load test message {mark}: how did your youth forum start? (generated by bench/load)")


# A country and a phone number dialled there that the join form accepts (core/phones.py checks both).
JOIN_COUNTRY, JOIN_PHONE = "KE", "+254 20 222 2222"


def fill_join(form: Form, *, mark: str, rng: random.Random) -> None:
    """A sub-national authority applies, as the form's required fields ask (memberships/forms.py)."""
    form.set("body_kind", "local")
    form.set("authority_name", f"Load Test Town {mark}")
    types = [value for value in form.choices.get("authority_type", []) if value]
    form.set("authority_type", rng.choice(types) if types else "city")
    form.set("country", JOIN_COUNTRY)
    form.set("region_in_country", "Load test region")
    form.set("population", str(rng.randint(5_000, 2_000_000)))
    form.set("website", "")
    form.set("head_name", "Load Test Mayor")
    form.set("head_title", "Mayor")
    form.set("focal_name", "Load Test Focal Point")
    form.set("focal_role", "Prevention coordinator")
    form.set("focal_email", f"load-applicant-{mark}@load.example.org")
    form.set("focal_phone", JOIN_PHONE)
    languages = [value for value in form.choices.get("focal_languages", []) if value]
    form.set("focal_languages", *(languages[:1] or ["en"]))
    for name in ("challenges", "priorities"):
        options = [value for value in form.choices.get(name, []) if value]
        form.set(name, *rng.sample(options, k=min(2, len(options))))
    form.set("hopes", "To learn from cities like ours (generated by the load test).")
    form.set("consent", "on")
    form.set("homepage", "")  # the honeypot stays empty, as a person leaves it


def letter_pdf() -> bytes:
    """A one-page PDF letter of a few hundred bytes that pypdf reads (memberships/letters.py)."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Letter of commitment - load test) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    table = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table))
    return out.getvalue()


# --- what success looks like ---------------------------------------------------------------------------


def redirected_to(status: int, location: str, expected: str) -> bool:
    """The answer to a write that worked: a redirect (303/302) to `expected` (its path; a fragment is fine)."""
    return status in (302, 303) and urlsplit(location or "").path == urlsplit(expected).path


def write_problem(status: int, location: str, expected: str) -> str | None:
    """None when the write worked, else a short reason for the figures (same words for the same failure)."""
    if redirected_to(status, location, expected):
        return None
    if status >= 500:
        return f"server error {status}"
    if status in (302, 303):
        return f"redirected elsewhere ({urlsplit(location).path})"
    return {
        400: "refused: the form came back with errors (400)",
        403: "refused: forbidden (403)",
        409: "refused: stale save, someone saved first (409)",
        429: "refused: rate limit (429)",
    }.get(status, f"unexpected status {status}")
