"""The network's figures (issue 15, parts 3 and 5): each a function of a scope that returns one table,
which the chart, the accessible table under it and the CSV download all draw from.

A figure's table is kept language-neutral (codes, numbers, and the few names the data itself holds in
each language), so one cached copy serves every language; `labelled()` puts the reader's words on it.

Scopes: the whole network and each Regional Hub for staff (`scopes_for`: the Management Unit sees all,
hub staff their own hub only, staff without a second factor nothing), and `PUBLIC`, the public-safe
subset drawn only from what the public directory shows (`City.objects.public()`, published pages).

Caching: in the shared cache (`CACHES["shared"]`), keyed on the network's data version
(`cities.selectors.data_version`) and the insights version (`INSIGHTS_VERSION`, moved on after the
commit of a change to the activity the figures count: `signals.py`). After such a commit a task
recomputes the figures of the scopes read lately (`recompute_all`), so pages find them warm; a page
that finds none computes them once and keeps them. Nothing built from a connection's uncommitted rows
is kept.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from asgiref.local import Local
from django.core.cache import caches
from django.db.models import CharField, Count, Min, Q
from django.db.models.functions import Cast, Substr, TruncQuarter
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.release import release
from core.versions import SharedVersion

INSIGHTS_VERSION = SharedVersion("core.ContentVersion", "insights")
CACHE_SECONDS = 26 * 3600  # keys carry the day as well (quarters and events "held" move with the clock)
USED_SECONDS = 7 * 24 * 3600  # scopes read within this long are recomputed in the background
USED_KEY = "insights:scopes-used"

_state = Local()  # what the figures computed in one run share (`_one_run`), per thread


@contextmanager
def _one_run():
    """Figures computed together share their reads (the members' one grouped query per scope)."""
    _state.memo = {}
    try:
        yield
    finally:
        _state.memo = None


def shared_cache():
    return caches["shared"]


# Scopes ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    kind: str  # "network" | "hub" | "public"
    hub_id: int | None = None
    hub_code: str = ""

    @property
    def key(self) -> str:
        return f"hub-{self.hub_code}" if self.kind == "hub" else self.kind

    @property
    def public(self) -> bool:
        return self.kind == "public"


NETWORK = Scope("network")
PUBLIC = Scope("public")


def hub_scope(hub) -> Scope:
    return Scope("hub", hub.pk, hub.code)


def scope_from_key(key: str) -> Scope | None:
    from cities.models import Hub

    if key in ("network", "public"):
        return NETWORK if key == "network" else PUBLIC
    if key.startswith("hub-"):
        hub = Hub.objects.filter(code=key[4:]).only("pk", "code").first()
        return hub_scope(hub) if hub else None
    return None


def scopes_for(user) -> list[Scope]:
    """The staff scopes `user` may read: the network and every hub for the Management Unit, their own
    hubs for hub staff; none for anyone else (staff privileges count after the second factor)."""
    from cities.models import Hub
    from core.visibility import hub_ids_of, is_management_unit

    if is_management_unit(user):
        return [NETWORK, *(hub_scope(hub) for hub in Hub.objects.order_by("name_en").only("pk", "code"))]
    hubs = hub_ids_of(user)
    if not hubs:
        return []
    return [hub_scope(hub) for hub in Hub.objects.filter(pk__in=hubs).order_by("name_en").only("pk", "code")]


# Figures --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str  # lazy
    description: str  # lazy
    chart: str  # "line" | "bar" | "stacked" | "horizontal" | "bar-total" (bars, and the last series as a line on its own axis)
    category: str  # what a row is: "quarter", "hub", "region", "authority_type", "declaration"
    compute: Callable[[Scope], dict]
    public: bool = False
    decimals: int = 0


# What each column holds, by code: the labels of fixed series.
MEASURES = {
    "members": _("Members"),
    "new-members": _("New members"),
    "exchanges": _("Exchange requests"),
    "help-requests": _("Help requests"),
    "answered": _("Requests answered"),
    "median-days": _("Median days to first answer"),
    "registered": _("Registered"),
    "attended": _("Attended"),
    "endorsements": _("Endorsing members"),
    "achieved": _("Commitments achieved"),
    "in_progress": _("Commitments in progress"),
    "not_started": _("Commitments not started"),
    "none": _("Commitments with no report yet"),
    "countries": _("Countries"),
    "events": _("Events held"),
    "total": _("All hubs"),
}

CATEGORY_LABELS = {
    "quarter": _("Quarter"),
    "hub": _("Regional Hub"),
    "region": _("Region"),
    "authority_type": _("Authority type"),
    "declaration": _("Declaration"),
}


def _table(series: list[tuple[str, str]], rows: list[list], names: dict | None = None) -> dict:
    """series: [(kind, code)] of the value columns; rows: [[category code, value, …]]; names: the
    names the data holds, {"kind:code": {language: name}} (hubs, regions, declarations)."""
    return {"series": [list(item) for item in series], "rows": rows, "names": names or {}}


def _quarter(day) -> str:
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return f"{day.year}-{(day.month - 1) // 3 + 1}"


def _quarters_between(first: str, last: str) -> list[str]:
    year, quarter = (int(part) for part in first.split("-"))
    end = tuple(int(part) for part in last.split("-"))
    found = []
    while (year, quarter) <= end:
        found.append(f"{year}-{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return found


def _timeline(counts: dict[str, dict], keys: list[str], *, cumulative: bool) -> list[list]:
    """Rows per quarter from the first with data to this one: counts[quarter][key] (running totals
    when `cumulative`)."""
    if not counts:
        return []
    quarters = _quarters_between(min(counts), max(max(counts), _quarter(timezone.now())))
    running = dict.fromkeys(keys, 0)
    rows = []
    for quarter in quarters:
        row = [quarter]
        for key in keys:
            value = counts.get(quarter, {}).get(key, 0)
            if cumulative:
                running[key] += value
                value = running[key]
            row.append(value)
        rows.append(row)
    return rows


def _names(obj) -> dict[str, str]:
    return {code: getattr(obj, f"name_{code}") or obj.name_en for code in ("en", "ar", "fr", "es")}


def _geography():
    """country code -> (region code, hub code or ""), and the names of regions and hubs."""
    from cities.models import Country, Hub, Region

    regions = {region.pk: region for region in Region.objects.all()}
    hubs = {hub.region_id: hub for hub in Hub.objects.all()}
    countries = {}
    for code, region_id in Country.objects.values_list("code", "region_id"):
        hub = hubs.get(region_id)
        countries[code] = (regions[region_id].code, hub.code if hub else "")
    names = {f"region:{region.code}": _names(region) for region in regions.values()}
    names.update({f"hub:{hub.code}": _names(hub) for hub in hubs.values()})
    order = {
        "region": [region.code for region in sorted(regions.values(), key=lambda r: (r.sort_order, r.name_en))],
        "hub": [hub.code for hub in sorted(hubs.values(), key=lambda h: h.name_en)],
    }
    return countries, names, order


def _members(scope: Scope):
    """Member authorities (the public directory's: full members) in the scope."""
    from cities.models import City

    members = City.objects.public()
    if scope.kind == "hub":
        members = members.filter(country__region__hub=scope.hub_id)
    return members


def _member_months(scope: Scope) -> list[tuple[str, str, str, int]]:
    """Members with a date joined, counted per month joined ("2026-04"), country and authority type: one
    grouped query, shared by the figures about members computed in the same run (`_one_run`)."""
    memo = getattr(_state, "memo", None)
    shared = scope.key if scope.kind == "hub" else "all"  # the network's members are the public's
    if memo is not None and shared in memo:
        return memo[shared]
    rows = [
        (row["month"], row["country_id"], row["authority_type"], row["n"])
        for row in _members(scope)
        .filter(date_joined__isnull=False)
        .annotate(month=Substr(Cast("date_joined", CharField()), 1, 7))  # ISO dates: "YYYY-MM"
        .order_by()
        .values("month", "country_id", "authority_type")
        .annotate(n=Count("pk"))
    ]
    if memo is not None:
        memo[shared] = rows
    return rows


def _month_quarter(month: str) -> str:
    return f"{int(month[:4])}-{(int(month[5:7]) - 1) // 3 + 1}"


def members_by_hub(scope: Scope) -> dict:
    countries, names, order = _geography()
    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for month, country, _type, n in _member_months(scope):
        hub = countries.get(country, ("", ""))[1]
        quarter = _month_quarter(month)
        counts[quarter][hub] += n
        counts[quarter]["total"] += n
    if scope.kind == "hub":
        keys = [scope.hub_code]
        series = [("hub", scope.hub_code)]
    else:
        keys = [*order["hub"], "", "total"]
        series = [("hub", code) for code in [*order["hub"], ""]] + [("measure", "total")]
    return _table(series, _timeline(counts, keys, cumulative=True), names)


def members_by_type(scope: Scope) -> dict:
    from cities.models import AuthorityType

    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for month, _country, authority_type, n in _member_months(scope):
        counts[_month_quarter(month)][authority_type] += n
    present = [code for code in AuthorityType.values if any(code in by_type for by_type in counts.values())]
    return _table([("authority_type", code) for code in present], _timeline(counts, present, cumulative=True))


def _joined_per_quarter(scope: Scope) -> dict[str, dict]:
    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for month, _country, _type, n in _member_months(scope):
        counts[_month_quarter(month)]["members"] += n
    return counts


def new_members(scope: Scope) -> dict:
    rows = _timeline(_joined_per_quarter(scope), ["members"], cumulative=False)
    running = 0
    for row in rows:
        running += row[1]
        row.append(running)
    return _table([("measure", "new-members"), ("measure", "members")], rows)


def members_over_time(scope: Scope) -> dict:
    return _table([("measure", "members")], _timeline(_joined_per_quarter(scope), ["members"], cumulative=True))


def exchanges_and_help(scope: Scope) -> dict:
    from exchanges.models import ExchangeRequest
    from helpdesk.models import HelpRequest

    exchanges = ExchangeRequest.objects.all()
    requests = HelpRequest.objects.all()
    if scope.kind == "hub":
        exchanges = exchanges.filter(
            Q(requester__country__region__hub=scope.hub_id) | Q(partner__country__region__hub=scope.hub_id)
        )
        requests = requests.filter(hub_id=scope.hub_id)
    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for name, queryset in (("exchanges", exchanges), ("help-requests", requests)):
        grouped = queryset.annotate(quarter=TruncQuarter("created_at")).order_by().values("quarter")
        for row in grouped.annotate(n=Count("pk")):
            counts[_quarter(row["quarter"])][name] += row["n"]
    keys = ["exchanges", "help-requests"]
    return _table([("measure", key) for key in keys], _timeline(counts, keys, cumulative=False))


def first_answer(scope: Scope) -> dict:
    """Per hub (and the central team): requests answered and the median days from the question to
    the first answer (the first "answered" step of its audit trail)."""
    from helpdesk.models import EventKind, HelpRequest

    _countries, names, order = _geography()
    requests = HelpRequest.objects.all()
    if scope.kind == "hub":
        requests = requests.filter(hub_id=scope.hub_id)
    answered = (
        requests.annotate(first=Min("events__created_at", filter=Q(events__kind=EventKind.ANSWERED)))
        .filter(first__isnull=False)
        .values_list("hub__code", "created_at", "first")
    )
    days: dict[str, list[float]] = defaultdict(list)
    for hub, asked, first in answered:
        days[hub or ""].append(max(0.0, (first - asked).total_seconds() / 86400))
    rows = [
        [hub, len(days[hub]), round(statistics.median(days[hub]), 1)] for hub in [*order["hub"], ""] if days.get(hub)
    ]
    return _table([("measure", "answered"), ("measure", "median-days")], rows, names)


def _event_groups(pages) -> dict:
    """translation key -> (region code or "", hub code or "", start, end), one per translation group
    (the values of its earliest version)."""
    groups = {}
    rows = pages.order_by("pk").values_list("translation_key", "region__code", "hub__code", "start", "end")
    for key, region, hub, start, end in rows:
        groups.setdefault(key, (region or "", hub or "", start, end))
    return groups


def attendance_by_region(scope: Scope) -> dict:
    """Events that have ended, by their region: people registered (with a place) and who attended."""
    from events.models import EventPage, Registration, RegistrationStatus

    _countries, names, order = _geography()
    now = timezone.now()
    groups = {key: value for key, value in _event_groups(EventPage.objects.live()).items() if value[3] < now}
    if scope.kind == "hub":
        from cities.models import Hub

        hub_region = Hub.objects.filter(pk=scope.hub_id).values_list("region__code", flat=True).first()
        groups = {key: v for key, v in groups.items() if v[1] == scope.hub_code or (v[0] and v[0] == hub_region)}
    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    registrations = (
        Registration.objects.filter(event_key__in=list(groups), status=RegistrationStatus.REGISTERED)
        .order_by()
        .values("event_key")
        .annotate(registered=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    )
    for row in registrations:
        region = groups[row["event_key"]][0]
        counts[region]["registered"] += row["registered"]
        counts[region]["attended"] += row["attended"]
    rows = [
        [region, counts[region]["registered"], counts[region]["attended"]]
        for region in [*order["region"], ""]
        if region in counts
    ]
    return _table([("measure", "registered"), ("measure", "attended")], rows, names)


def declaration_progress(scope: Scope) -> dict:
    """Per declaration: the member cities endorsing it (in the scope) and, over every commitment of
    each, how many report it achieved, in progress, not started, or have not reported."""
    from cities.models import City
    from events.declarations import latest_progress
    from events.models import DeclarationPage, Endorsement, ProgressStatus

    pages = list(DeclarationPage.objects.live().order_by("pk").select_related("locale"))
    groups: dict = {}
    names: dict = {}
    for page in pages:
        groups.setdefault(page.translation_key, page)  # the earliest version: its commitments' ids
        names.setdefault(f"declaration:{page.translation_key}", {})[page.locale.language_code] = page.title
    for title_by_language in names.values():
        fallback = title_by_language.get("en") or next(iter(title_by_language.values()))
        for code in ("en", "ar", "fr", "es"):
            title_by_language.setdefault(code, fallback)
    cities = _members(scope) if scope.kind == "hub" else City.objects.public()
    endorsements = list(Endorsement.objects.filter(declaration_key__in=list(groups), city__in=cities).order_by())
    latest = latest_progress(endorsements)
    by_declaration = defaultdict(list)
    for endorsement in endorsements:
        by_declaration[endorsement.declaration_key].append(endorsement)
    rows = []
    statuses = [*ProgressStatus.values, "none"]
    for key, page in groups.items():
        endorsing = by_declaration.get(key, [])
        counts = dict.fromkeys(statuses, 0)
        for commitment in page.numbered_commitments():
            for endorsement in endorsing:
                entry = latest.get((endorsement.pk, commitment["id"]))
                counts[entry.status if entry else "none"] += 1
        rows.append([str(key), len(endorsing), *(counts[status] for status in statuses)])
    series = [("measure", "endorsements"), *(("measure", status) for status in statuses)]
    return _table(series, rows, names)


def public_members_by_region(scope: Scope) -> dict:
    countries, names, order = _geography()
    counts: dict[str, int] = defaultdict(int)
    for row in _members(PUBLIC).order_by().values("country_id").annotate(n=Count("pk")):
        counts[countries.get(row["country_id"], ("", ""))[0]] += row["n"]
    rows = [[region, counts[region]] for region in order["region"] if counts.get(region)]
    return _table([("measure", "members")], rows, names)


def public_members_by_type(scope: Scope) -> dict:
    from cities.models import AuthorityType

    counts = dict(_members(PUBLIC).order_by().values_list("authority_type").annotate(n=Count("pk")))
    rows = [[code, counts[code]] for code in AuthorityType.values if counts.get(code)]
    return _table([("measure", "members")], rows)


def public_countries(scope: Scope) -> dict:
    countries, names, order = _geography()
    found: dict[str, set] = defaultdict(set)
    for code in _members(PUBLIC).order_by().values_list("country_id", flat=True).distinct():
        found[countries.get(code, ("", ""))[0]].add(code)
    rows = [[region, len(found[region])] for region in order["region"] if found.get(region)]
    return _table([("measure", "countries")], rows, names)


def public_events_held(scope: Scope) -> dict:
    """Published events (one per translation group) that have ended, per quarter they started in."""
    from events.models import EventPage
    from resources.selectors import published

    now = timezone.now()
    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for _region, _hub, start, end in _event_groups(published(EventPage)).values():
        if end < now:
            counts[_quarter(start)]["events"] += 1
    return _table([("measure", "events")], _timeline(counts, ["events"], cumulative=False))


STAFF_FIGURES = [
    Figure("members-by-hub", _("Members over time, by Regional Hub"),
           _("Member authorities at the end of each quarter, from the date each joined."),
           "line", "quarter", members_by_hub),
    Figure("members-by-type", _("Members over time, by authority type"),
           _("Member authorities at the end of each quarter, by kind of authority."),
           "line", "quarter", members_by_type),
    Figure("new-members", _("Members by quarter"),
           _("Authorities that joined in each quarter, and the members at its end."),
           "bar-total", "quarter", new_members),
    Figure("exchanges-and-help", _("Exchanges and help requests"),
           _("Peer exchange requests and help-desk questions made in each quarter."),
           "bar", "quarter", exchanges_and_help),
    Figure("first-answer", _("Time to first answer, by Regional Hub"),
           _("Help requests answered and the median number of days from the question to the first answer."),
           "horizontal", "hub", first_answer, decimals=1),
    Figure("attendance-by-region", _("Event attendance, by region"),
           _("People with a place at events that have ended, and those who attended, by the event's region."),
           "horizontal", "region", attendance_by_region),
    Figure("declaration-progress", _("Declaration progress"),
           _("Member cities endorsing each declaration, and the latest report on each of its commitments."),
           "stacked", "declaration", declaration_progress),
]  # fmt: skip

PUBLIC_FIGURES = [
    Figure("members-by-region", _("Members by region"), _("Member authorities in each region of the world."),
           "horizontal", "region", public_members_by_region, public=True),
    Figure("members-by-type", _("Members by authority type"), _("Member authorities by kind of authority."),
           "horizontal", "authority_type", public_members_by_type, public=True),
    Figure("members-over-time", _("Members over time"),
           _("Member authorities at the end of each quarter, from the date each joined."),
           "line", "quarter", members_over_time, public=True),
    Figure("countries", _("Countries represented"), _("Countries with at least one member authority, by region."),
           "horizontal", "region", public_countries, public=True),
    Figure("events-held", _("Events held"), _("Network events that have taken place, by the quarter they began."),
           "bar", "quarter", public_events_held, public=True),
]  # fmt: skip


def figures_for(scope: Scope) -> list[Figure]:
    return PUBLIC_FIGURES if scope.public else STAFF_FIGURES


def figure_named(slug: str, scope: Scope) -> Figure | None:
    return next((figure for figure in figures_for(scope) if figure.slug == slug), None)


# Cache ----------------------------------------------------------------------------------------------


def version_token() -> str | None:
    """The figures' version, or None while this connection has uncommitted changes they count."""
    from cities.selectors import data_version

    data = data_version()
    activity = INSIGHTS_VERSION.token()
    if not data.shared or activity is None:
        return None
    return f"{data}.{activity}.{timezone.localdate().isoformat()}"  # the day: quarters, events "held"


def _key(token: str, scope: Scope, figure: Figure) -> str:
    return f"insights:{token}:{release()}:{scope.key}:{figure.slug}"


def tables(scope: Scope, figures: list[Figure] | None = None) -> dict[str, dict]:
    """slug -> table for `figures` (all of the scope's by default), from the shared cache in one read;
    those missing are computed here and kept."""
    figures = figures if figures is not None else figures_for(scope)
    token = version_token()
    if token is None:
        with _one_run():
            return {figure.slug: figure.compute(scope) for figure in figures}
    store = shared_cache()
    keys = {figure.slug: _key(token, scope, figure) for figure in figures}
    found = store.get_many(list(keys.values()))
    result, missing = {}, {}
    with _one_run():
        for figure in figures:
            table = found.get(keys[figure.slug])
            if table is None:
                table = figure.compute(scope)
                missing[keys[figure.slug]] = table
            result[figure.slug] = table
    if missing:
        store.set_many(missing, CACHE_SECONDS)
        _mark_used(scope)
    return result


def _mark_used(scope: Scope) -> None:
    store = shared_cache()
    used = store.get(USED_KEY) or {}
    used[scope.key] = timezone.now().timestamp()
    store.set(USED_KEY, used, USED_SECONDS)


def recompute_all() -> int:
    """Compute and keep the figures of every scope read lately for the current version; returns the number of figures computed. Run by `tasks.recompute_figures`."""
    token = version_token()
    if token is None:
        return 0
    store = shared_cache()
    cutoff = timezone.now().timestamp() - USED_SECONDS
    used = store.get(USED_KEY) or {}
    keys = {key for key, when in used.items() if when >= cutoff}
    done = 0
    with _one_run():
        for key in sorted(keys):
            scope = scope_from_key(key)
            if scope is None:
                continue
            fresh = {_key(token, scope, figure): figure.compute(scope) for figure in figures_for(scope)}
            store.set_many(fresh, CACHE_SECONDS)
            done += len(fresh)
    return done


# Labels: the reader's words on a table ---------------------------------------------------------------


def _quarter_label(code: str) -> str:
    year, quarter = code.split("-")
    return gettext("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}


def _label(kind: str, code: str, names: dict, language: str) -> str:
    from cities.models import AuthorityType

    if kind == "measure":
        return str(MEASURES[code])
    if kind == "quarter":
        return _quarter_label(code)
    if kind == "authority_type":
        return str(AuthorityType(code).label) if code in AuthorityType.values else code
    if kind == "hub" and not code:
        return gettext("Central team")
    if kind == "region" and not code:
        return gettext("No region given")
    by_language = names.get(f"{kind}:{code}") or {}
    return by_language.get(language) or by_language.get("en") or code


def labelled(figure: Figure, table: dict) -> dict:
    """The table in the active language: {"header": [category, *series labels], "rows": [{"label",
    "values": [numbers]}], "series": [{"label", "code"}]}."""
    language = translation.get_language() or "en"
    names = table.get("names", {})
    series = [
        {"kind": kind, "code": code, "label": _label(kind, code, names, language)} for kind, code in table["series"]
    ]
    rows = [
        {"code": row[0], "label": _label(figure.category, row[0], names, language), "values": row[1:]}
        for row in table["rows"]
    ]
    return {"category": str(CATEGORY_LABELS[figure.category]), "series": series, "rows": rows}
