"""Conditional requests for the network's open data: map data, CSV and GeoJSON exports, the JSON API.

Their content is a function of the network's data version (`selectors.data_version`), the address
with its query string, the language and who asks. For a visitor with no session cookie (the public
view; anyone else gets `private, no-store` and no ETag, so a member's or staff variant is never
matched or shared) the ETag is worked out before the view runs, from one small query: a client or the
proxy holding the current version gets `304 Not Modified` without the rows being read again.
"""

import hashlib
import re

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from .selectors import data_version

DATA_PATHS = re.compile(r"^/(?:[a-z]{2}(?:-[a-z]+)?/network/(?:map/data\.json|export\.csv|export\.geojson)$|api/)")


def data_etag(request) -> str | None:
    """The weak ETag of this anonymous request for open data, None when it gets none."""
    if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if not DATA_PATHS.match(request.path_info):
        return None
    version = data_version()
    if not version.shared:
        return None
    variant = hashlib.sha256(f"{get_language()}\n{request.get_full_path()}".encode()).hexdigest()[:16]
    return f'W/"v{version.committed}-{variant}"'


def _matches(header: str, etag: str) -> bool:
    wanted = parse_etags(header)
    return "*" in wanted or any(tag.removeprefix("W/") == etag.removeprefix("W/") for tag in wanted)


class DataVersionETagMiddleware:
    """After `LocaleMiddleware` (the language is part of the ETag)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        etag = data_etag(request)
        if etag is None:
            return self.get_response(request)
        if _matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.has_header("ETag"):
            response["ETag"] = etag
        return response
