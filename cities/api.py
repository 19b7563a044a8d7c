"""The read-only JSON API for the network's public data (`/api/v1/`).

OpenAPI schema at `/api/v1/openapi.json`, interactive docs at `/api/v1/docs`
(served from django-ninja's bundled static files, so they work offline).
Every error is JSON; invalid parameters answer 400, never 500.
"""

import hashlib

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError, ValidationError

from core.i18n import LANGUAGE_CODES, current_language

from .filters import DirectoryFilters
from .models import AuthorityType, Intensity, Maturity, Priority, SettlementType, Stage
from .selectors import cached, data_version, get_taxonomy
from .serializers import city_public_record
from .views import get_visible_city

MAX_PAGE_SIZE = 100

api = NinjaAPI(
    title="Strong Cities Network API",
    version="1",
    description="Public data about the network's member authorities. Focal points' contacts are never included.",
    urls_namespace="api",
)


def _error(request, status: int, detail: str, errors=None):
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    errors = {".".join(str(part) for part in error["loc"][1:]) or "request": [error["msg"]] for error in exc.errors}
    return _error(request, 400, _("Invalid parameters."), errors)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(HttpError)
def http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


class Coded(Schema):
    code: str
    names: dict[str, str]


class HubOut(Coded):
    region: str
    color: str
    member_count: int


class ChallengeItem(Schema):
    code: str
    intensity: Intensity


class OfferItem(Schema):
    code: str
    maturity: Maturity


class NeedItem(Schema):
    code: str
    priority: Priority


class MemberOut(Schema):
    slug: str
    name: str
    names: dict[str, str]
    authority_type: AuthorityType
    country: str
    country_name: str
    region: str | None
    hub: str | None
    settlement_type: SettlementType
    population: int | None
    latitude: float
    longitude: float
    date_joined: str | None
    stage: Stage
    isc_seat: bool
    contributing_member: bool
    working_languages: list[str]
    descriptions: dict[str, str]
    challenges: list[ChallengeItem]
    offers: list[OfferItem]
    needs: list[NeedItem]
    url: str
    is_demo: bool


class MemberPage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[MemberOut]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class MemberFilters(Schema):
    q: str | None = None
    hub: str | None = None
    region: str | None = None
    country: str | None = None
    authority_type: str | None = None
    settlement_type: str | None = None
    population: str | None = None
    challenge: str | None = None
    offers: str | None = None
    needs: str | None = None
    sort: str | None = None


class Paging(Schema):
    page: int = 1
    page_size: int = 24


class TaxonomyOut(Schema):
    authority_types: list[Coded]
    settlement_types: list[Coded]
    stages: list[Coded]
    intensities: list[Coded]
    maturities: list[Coded]
    priorities: list[Coded]
    regions: list[Coded]
    challenges: list[Coded]
    practice_areas: list[Coded]
    population_bands: list[Coded]


@api.get("/members", response={200: MemberPage, 400: ErrorOut}, tags=["members"])
def list_members(request, filters: Query[MemberFilters], paging: Query[Paging]):
    """Member authorities, with the directory's filters. Public members only."""
    if request.user.is_authenticated or not data_version().shared:
        return _members_page(request, paging)
    # Visitors who are not signed in: the page as JSON, kept per data version, language and query (a
    # query that answers 400 is not kept, so every parameter of a kept one is known and valid).
    query = "&".join(f"{name}={value}" for name, values in sorted(request.GET.lists()) for value in values)
    variant = hashlib.sha256(query.encode()).hexdigest()[:32]
    answer = {}

    def as_json() -> bytes | None:
        """The page as the API sends it (validated by its schema), or None for a query that answers 400."""
        answer["result"] = result = _members_page(request, paging)
        if isinstance(result, Status):
            return None
        return api.renderer.render(request, MemberPage.model_validate(result).model_dump(), response_status=200)

    body = cached("api-members", as_json, current_language(), variant)
    if body is None:  # a 400, just worked out (never kept)
        return answer["result"]
    return HttpResponse(body, content_type=api.renderer.media_type)


def _members_page(request, paging: Paging):
    parsed = DirectoryFilters(request.GET, user=request.user)
    errors = dict(parsed.errors)
    for name in parsed.unknown:
        if name not in ("page", "page_size"):
            errors[name] = [_("Unknown parameter.")]
    if paging.page < 1:
        errors["page"] = [_("Must be 1 or more.")]
    if not 1 <= paging.page_size <= MAX_PAGE_SIZE:
        errors["page_size"] = [_("Must be between 1 and %(max)s.") % {"max": MAX_PAGE_SIZE}]
    if errors:
        return Status(400, {"detail": _("Invalid parameters."), "errors": errors})
    ids = parsed.result_ids()
    paginator = Paginator(ids, paging.page_size)
    if paging.page > max(paginator.num_pages, 1):
        return Status(400, {"detail": _("Invalid parameters."), "errors": {"page": [_("There is no such page.")]}})
    page = paginator.page(paging.page)
    page.object_list = parsed.rows(
        [int(pk) for pk in page.object_list], prefetch=("challenges", "offers", "needs", "working_languages")
    )
    taxonomy = parsed.taxonomy
    return {
        "count": paginator.count,
        "page": paging.page,
        "pages": paginator.num_pages,
        "page_size": paging.page_size,
        "results": [city_public_record(city, taxonomy) for city in page.object_list],
    }


@api.get("/members/{slug}", response={200: MemberOut, 404: ErrorOut}, tags=["members"])
def member_detail(request, slug: str):
    """One member authority by its slug."""
    city = get_visible_city(request, slug)
    return city_public_record(city, get_taxonomy())


@api.get("/hubs", response=list[HubOut], tags=["network"])
def list_hubs(request):
    """The Regional Hubs, with their member counts."""
    taxonomy = get_taxonomy()
    hub_facet = next(facet for facet in DirectoryFilters({}, user=None).facets() if facet.name == "hub")
    counts = {value: count for value, _label, count, _selected in hub_facet.options}
    return [
        {
            "code": code,
            "names": hub["names"],
            "region": hub["region"],
            "color": hub["color"],
            "member_count": counts.get(code, 0),
        }
        for code, hub in taxonomy.hubs.items()
    ]


def _choices(choices) -> list[dict]:
    from django.utils import translation

    items = []
    for value, label in choices:
        names = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                names[code] = str(label)
        items.append({"code": value, "names": names})
    return items


@api.get("/taxonomy", response=TaxonomyOut, tags=["network"])
def taxonomy(request):
    """Every code the other endpoints use, with its label in each language."""
    from .models import POPULATION_BANDS

    data = get_taxonomy()
    return {
        "authority_types": _choices(AuthorityType.choices),
        "settlement_types": _choices(SettlementType.choices),
        "stages": _choices(Stage.choices),
        "intensities": _choices(Intensity.choices),
        "maturities": _choices(Maturity.choices),
        "priorities": _choices(Priority.choices),
        "regions": [{"code": code, "names": region["names"]} for code, region in data.regions.items()],
        "challenges": [{"code": code, "names": term["names"]} for code, term in data.challenges.items()],
        "practice_areas": [{"code": code, "names": term["names"]} for code, term in data.practice_areas.items()],
        "population_bands": _choices([(code, label) for code, label, _low, _high in POPULATION_BANDS]),
    }
