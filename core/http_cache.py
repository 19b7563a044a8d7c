"""What a caching proxy (Varnish, `deploy/varnish/default.vcl`) and browsers may keep (docs/deploy.md, "Caching").

One rule for every response, decided after the views, the session and CSRF have spoken
(`CacheHeadersMiddleware`, outside `SessionMiddleware` and `CsrfViewMiddleware`):

- a response that already says `Cache-Control` keeps it (`never_cache` views, WhiteNoise's static
  files, `/readyz`);
- anything personal is `private, no-store` (Django's `never_cache` headers): a request carrying the
  session cookie (signed in, or a flash message waiting), a response that sets a cookie or put a CSRF
  token into the page (forms: join, sign-in, help), a response that varies on `Cookie` or
  `Accept-Language` (the unprefixed `/` that sends people to their language), a status other than the
  ones listed in `CACHEABLE_STATUSES` (redirects to sign-in, errors), an error outside the language
  prefixes (its message follows `Accept-Language`), and every method but GET/HEAD;
- everything else, an anonymous GET of a public page, is `public, max-age=CACHE_PUBLIC_MAX_AGE,
  s-maxage=CACHE_PUBLIC_S_MAXAGE`, with `X-Cache-Tags` naming what it was built from ("html" for
  pages, "network" when it read the network's data version) so the proxy can ban it when that changes
  (`core/frontend_cache.py`).

Anonymous pages touch no session and no CSRF token, so they carry no `Vary: Cookie`:
`SessionMiddleware` below does not add it for a visitor who brought no session cookie and whose empty
session nothing wrote to (the templates ask `user.is_authenticated` and read messages on every page;
for such a visitor that costs nothing and changes nothing). A visitor who does carry the cookie
always gets `private, no-store`, and the proxy passes their requests to Django untouched.
"""

from asgiref.local import Local
from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.utils.cache import add_never_cache_headers, patch_cache_control

CACHEABLE_METHODS = ("GET", "HEAD")
# Statuses a shared cache may keep (RFC 9111's "heuristically cacheable" ones), and 304 (it updates a kept one).
CACHEABLE_STATUSES = frozenset({200, 203, 204, 300, 301, 304, 308, 404, 405, 410, 414, 501})
TAGS_HEADER = "X-Cache-Tags"

_tags = Local()


def add_cache_tag(tag: str) -> None:
    """The response being built depends on `tag` (e.g. "network": the network's data version). Anything may
    call it; outside a request it does nothing."""
    tags = getattr(_tags, "current", None)
    if tags is not None:
        tags.add(tag)


def _varies_on_the_visitor(response) -> bool:
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    return bool(vary & {"cookie", "accept-language", "*"})


def personal(request, response) -> bool:
    """True when no shared cache may keep this response (see the module's docstring)."""
    return (
        request.method not in CACHEABLE_METHODS
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or bool(response.cookies)
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))  # a CSRF token went into the page
        or response.status_code not in CACHEABLE_STATUSES
        # an error outside the language-prefixed site is in the language the browser asked for (the API's 404)
        or (response.status_code >= 400 and _without_language(request.path_info) == request.path_info)
        or _varies_on_the_visitor(response)
    )


def _without_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


class CacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _tags.current = set()
        try:
            response = self.get_response(request)
            tags = _tags.current
        finally:
            _tags.current = None
        if response.has_header("Cache-Control"):
            return response
        if personal(request, response):
            add_never_cache_headers(response)
            return response
        patch_cache_control(
            response,
            public=True,
            max_age=settings.CACHE_PUBLIC_MAX_AGE,
            s_maxage=settings.CACHE_PUBLIC_S_MAXAGE,
        )
        if response.get("Content-Type", "").startswith("text/html"):
            tags.add("html")
        path = _without_language(request.path_info)
        tags.update(tag for tag, prefixes in settings.CACHE_TAG_PATHS.items() if path.startswith(tuple(prefixes)))
        if tags:
            response[TAGS_HEADER] = ",".join(sorted(tags))  # commas: the proxy's ban expressions cannot hold spaces
        return response


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, without `Vary: Cookie` when the visitor brought no session cookie and the request left
    the session empty and unwritten: reading an empty session (`user.is_authenticated`, the messages)
    does not make an anonymous page depend on a cookie the visitor does not have."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not session.modified
            and session.is_empty()
        ):
            session.accessed = False
        return super().process_response(request, response)
