"""Public network pages: directory, map, profiles and open-data exports."""

import hashlib
import json
import math

from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.i18n import current_language
from core.visibility import focal_city_ids_of, is_management_unit, is_network_member, visible_levels
from matching.models import Kind
from matching.selectors import suggestions_for

from . import open_data
from .directory_index import get_directory_index
from .filters import MAX_QUERY_LENGTH, DirectoryFilterForm, DirectoryFilters
from .models import City, Stage
from .open_data import cached_encoded
from .selectors import cached, data_version

PAGE_SIZE = 24
MAP_LIST_PAGE_SIZE = 50


def _notices(filters: DirectoryFilters) -> list[str]:
    notices = []
    for name in filters.ignored:
        label = filters.form.fields[name].label
        notices.append(_("The value given for “%(filter)s” is not valid, so it was ignored.") % {"filter": label})
    return notices


def _listing(request, template: str, body_template: str, per_page: int, action: str):
    """The directory and the map page: same filters, facets and paged list. What lies below the site
    header is rendered once per data version, language and query for visitors who are not signed in
    (the request's own filters are not even parsed again); signed-in readers (staff see other stages)
    get it rendered for them."""

    def body() -> str:
        filters = DirectoryFilters(request.GET, user=request.user)
        page = filters.page(request.GET.get("page") or 1, per_page)
        context = {
            "filters": filters,
            "facets": SimpleLazyObject(filters.facets),  # counted only when the filter block is not cached
            "page_obj": page,
            "cities": page.object_list,
            "notices": _notices(filters),
            "querystring": filters.querystring(),
            "active_filters": filters.active(),
            "clear_query": filters.clear_query(),
            "taxonomy": filters.taxonomy,
            "action": action,
        }
        context["filters_html"] = _filters_html(filters, context)
        return render_to_string(body_template, context)

    if request.user.is_authenticated or not data_version().shared:
        html = body()
    else:
        html = cached("listing-html", body, current_language(), _query_variant(request.GET, body_template))
    return render(request, template, {"body_html": mark_safe(html)})  # noqa: S308 (our template, autoescaped)


def _query_variant(params, *parts: str) -> str:
    """The parameters that can change the listing (every filter, the order and the page, each cut to the
    length a filter reads), as one short digest: unknown parameters and their order make no new entry."""
    known = sorted(name for name in {*DirectoryFilterForm.base_fields, "page"} if params.get(name))
    text = "\n".join([*parts, *(f"{name}={params.get(name)[:MAX_QUERY_LENGTH]}" for name in known)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _filters_html(filters: DirectoryFilters, context: dict) -> str:
    """The filter block (some 340 options with their counts, numbers written by CLDR rules), rendered
    once per data version, language, page and query (the filters, search, sort and who asks)."""
    variant = hashlib.sha256(f"{context['action']}\n{filters.cache_key()}".encode()).hexdigest()[:32]
    html = cached(
        "filters-html", lambda: render_to_string("cities/includes/filters.html", context), current_language(), variant
    )
    return mark_safe(html)  # noqa: S308 (our template, rendered with autoescaping)


@require_GET
def city_list(request):
    return _listing(
        request, "cities/city_list.html", "cities/includes/directory_body.html", PAGE_SIZE, reverse("cities:city-list")
    )


@require_GET
def city_map(request):
    return _listing(
        request, "cities/city_map.html", "cities/includes/map_body.html", MAP_LIST_PAGE_SIZE, reverse("cities:city-map")
    )


def map_data_key(filters: DirectoryFilters, language: str) -> str:
    return ":".join(["cities", "map-data", str(data_version()), language, filters.cache_key()])


def map_data_payload(filters: DirectoryFilters, language: str) -> str:
    """Every member `filters` select as compact rows, for the map's clustered layer (JSON)."""
    taxonomy = filters.taxonomy
    rows = (
        filters.queryset()
        .order_by()
        .values_list("slug", "name", f"name_{language}", "latitude", "longitude", "country_id")
    )
    prefix = City(slug="__slug__").get_absolute_url().replace("__slug__/", "")
    points = [
        [
            slug,
            local or name,
            round(lat, 4),
            round(lon, 4),
            taxonomy.hub_of_country(country) or "central",
            f"{prefix}{slug}/",
        ]
        for slug, name, local, lat, lon, country in rows.iterator(chunk_size=5000)
    ]
    hubs = {code: {"name": taxonomy.label("hubs", code), "color": hub["color"]} for code, hub in taxonomy.hubs.items()}
    hubs["central"] = {"name": _("Central team"), "color": taxonomy.hub_color(None)}
    payload = {
        "count": len(points),
        "hubs": hubs,
        "fields": ["slug", "name", "lat", "lon", "hub", "url"],
        "points": points,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


@require_GET
def city_map_data(request):
    """Every matching member as compact rows, for the map's clustered layer: built and compressed once
    per data version, language and filters (`open_data.cached_encoded`), never per request."""
    filters = DirectoryFilters(request.GET, user=request.user)
    language = current_language()
    if data_version().shared:
        body, encoding = cached_encoded(
            map_data_key(filters, language), lambda: map_data_payload(filters, language), request
        )
    else:  # this connection's own uncommitted change: nothing kept
        body, encoding = map_data_payload(filters, language).encode(), None
    if isinstance(body, bytes):
        response = HttpResponse(body, content_type="application/json")
    else:  # a kept file (open_data.KEEP_AS_FILE_BYTES): sent as it is, by the server's sendfile where it has one
        response = FileResponse(body, content_type="application/json")
        response.headers.pop("Content-Disposition", None)  # FileResponse names the file: this is the map's data
    if encoding:
        response["Content-Encoding"] = encoding
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


NEIGHBOUR_COUNT = 6


def _neighbours(city: City) -> list[City]:
    """The nearest public members, found in the directory index: one query."""
    ids = get_directory_index().nearest_members(city.pk, city.latitude, city.longitude, NEIGHBOUR_COUNT)
    rows = (
        City.objects.public()  # read again: the index may be a moment behind
        .filter(pk__in=ids)
        .only("slug", "name", "name_en", "name_ar", "name_fr", "name_es", "latitude", "longitude")
        .in_bulk()
    )
    found = [rows[pk] for pk in ids if pk in rows]
    for other in found:
        other.distance_km = _distance_km(city, other)
    return found


def _distance_km(a: City, b: City) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def get_visible_city(request, slug: str) -> City:
    city = (
        City.objects.visible_to(request.user)
        .select_related("country__region__hub")
        .prefetch_related("working_languages", "challenges__challenge", "offers__practice_area", "needs__practice_area")
        .filter(slug=slug)
        .first()
    )
    if city is None:
        raise Http404(_("No member authority with this address."))
    return city


@require_GET
def city_detail(request, slug):
    """A member's profile. For visitors who are not signed in (public fields only) it is rendered once
    per data version, content version (the resources about it), site, language and profile; signed-in
    readers see what their roles allow, rendered for them."""
    from core.chrome import CHROME_VERSION, request_host

    def profile() -> dict:
        try:
            city = get_visible_city(request, slug)
        except Http404:
            # An address staff have since changed (CityOldSlug) leads to the new one.
            moved = City.objects.visible_to(request.user).filter(old_slugs__slug=slug).values_list("slug", flat=True)
            if not moved:
                raise
            return {"moved_to": moved[0]}
        return {
            "title": str(city.display_name),
            "description": Truncator(city.description).words(30),
            "body": render_to_string("cities/includes/profile_body.html", _profile_context(request, city), request),
        }

    content = CHROME_VERSION.token()
    if request.user.is_authenticated or content is None or not data_version().shared:
        found = profile()
    else:
        found = cached("profile-html", profile, f"content{content}", request_host(request), current_language(), slug)
    if "moved_to" in found:
        return redirect("cities:city-detail", slug=found["moved_to"], permanent=True)
    found["body"] = mark_safe(found["body"])  # noqa: S308 (our template, autoescaped)
    return render(request, "cities/city_detail.html", {"profile": found})


def _profile_context(request, city: City) -> dict:
    levels = visible_levels(request.user, city)
    focal_points = [fp for fp in city.focal_points.all() if fp.visibility in levels] if len(levels) > 1 else []
    return {
        "city": city,
        "hub": city.country.region.hub if hasattr(city.country.region, "hub") else None,
        "focal_points": focal_points,
        "can_see_contacts": len(levels) > 1,
        "neighbours": _neighbours(city),
        "resources": _resources_about(city),
        **_events_of(city),
        "staff": is_management_unit(request.user),
        "ask_exchange": city.stage in (Stage.MEMBER, Stage.JOINING)
        and bool(focal_city_ids_of(request.user) - {city.pk}),
        # "Cities like this one" is for signed-in members of the network.
        "similar": suggestions_for(city, viewer=request.user, top=6, kinds=[Kind.PEERS])
        if is_network_member(request.user)
        else None,
    }


def _resources_about(city):
    """The Resource Hub's published pages about this authority, in the reader's language where they exist."""
    from resources.selectors import resources_about  # resources depends on cities, not the other way

    return resources_about(city, translation.get_language(), limit=6)


def _events_of(city) -> dict:
    """The events the authority was represented at and the actions it owns (public fields)."""
    from events.selectors import city_actions, city_events_attended  # events depends on cities

    language = translation.get_language()
    return {"events_attended": city_events_attended(city, language), "actions_owned": city_actions(city, language)}


def _export(request, fmt: str):
    """The whole network's file (built once per data version, visibility level and language), or the
    filtered rows streamed."""
    content_type, filename = open_data.FORMATS[fmt]
    filters = DirectoryFilters(request.GET, user=request.user)
    if not request.GET:
        level = "staff" if filters.staff else "public"
        path = open_data.export_file(fmt, level, current_language())
        if path is None and data_version().shared:
            return _export_preparing(request)
        if path is not None:
            response = FileResponse(path.open("rb"), content_type=content_type, as_attachment=True, filename=filename)
            return response
    response = StreamingHttpResponse(open_data.CHUNKS[fmt](filters), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export_preparing(request):
    """503 with Retry-After: the file is being built; the page asks again by itself (no script)."""
    response = render(request, "cities/export_preparing.html", {"retry_after": EXPORT_RETRY_SECONDS}, status=503)
    response["Retry-After"] = str(EXPORT_RETRY_SECONDS)
    add_never_cache_headers(response)
    return response


EXPORT_RETRY_SECONDS = 10


@require_GET
def export_csv(request):
    return _export(request, "csv")


@require_GET
def export_geojson(request):
    return _export(request, "geojson")


def bad_request_json(errors: dict) -> JsonResponse:
    return JsonResponse({"detail": _("Invalid parameters."), "errors": errors}, status=400)
