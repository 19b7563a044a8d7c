from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import add_never_cache_headers

# Paths outside the language-prefixed site: a 404 there is final, not a hint
# to try "/en/..." (which Wagtail's catch-all would answer with a redirect).
# The sitemap lists every language's addresses: no `Vary: Accept-Language` on it (core/http_cache.py).
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/static/", "/media/", "/healthz", "/readyz", "/sitemap.xml")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class PrivatePagesMiddleware:
    """Every response to a signed-in person says `Cache-Control: private, no-store` (with Django's
    `never_cache` headers): what they see depends on who they are (contacts, my-city, exchanges,
    help requests, the admin), so no shared proxy may keep it and no browser may store it.
    Pages behind a personal link (the applicant's page, invitations, sign-in and password reset)
    are marked with `never_cache` in their views, as they are private for anonymous visitors too.
    Anonymous public pages are left cacheable. Only requests that carry a session cookie are looked
    at, so an anonymous visit does not read the session (nor get `Vary: Cookie`) because of this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                add_never_cache_headers(response)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: `CONTENT_SECURITY_POLICY` (strict) for the site and
    `CONTENT_SECURITY_POLICY_ADMIN` for the Wagtail admin under /admin/, which still needs inline
    scripts and styles. A view's own `@csp`/`@csp_replace`/`@csp_update` decorators still apply.

    The headers depend only on the settings unless a view changed them or a nonce was asked for: then
    django-csp builds them as usual; otherwise the two strings are built once per process and per
    settings (they were a tenth of an uncached page's cost, rebuilt from the same dictionaries)."""

    ADMIN_PREFIX = "/admin/"
    PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
    _built: dict = {}  # {(admin?, report only?): header}, emptied when a CSP setting changes

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(self.ADMIN_PREFIX):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) or hasattr(response, f"{name}_ro") for name in self.PER_RESPONSE)
            or (settings.DEBUG and response.status_code in (404, 500))
            or _excluded_prefixes()
        ):
            return super().process_response(request, response)
        admin = request.path_info.startswith(self.ADMIN_PREFIX)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            policy = self._built.get((admin, report_only))
            if policy is None:
                parts = self.get_policy_parts(request, response, report_only)
                policy = self._built[admin, report_only] = build_policy(**asdict(parts), report_only=report_only)
            if policy and header not in response:
                response[header] = policy
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # as django-csp does
        return response


def _excluded_prefixes() -> bool:
    return any(
        (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
        for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    )


@receiver(setting_changed)
def _forget_built_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        ContentSecurityPolicyMiddleware._built.clear()


class CachedSiteMiddleware:
    """Wagtail's page views find their site, and the page a GET asks for, from the shared cache under
    the chrome version (which moves on when a site or a page changes, `core/chrome.py`), instead of a
    query for the site and one per level of the tree: Wagtail looks for them on `request._wagtail_site`
    and `request._wagtail_route_for_request` first (`core/routing.py`). Other views never ask for them,
    so nothing is read for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.http.request import split_domain_port
        from wagtail.models import Site
        from wagtail.views import serve

        from .chrome import cached, request_host
        from .routing import route_for_request

        if view_func is serve and not hasattr(request, "_wagtail_site"):
            # The checked host (an unknown one is "", as Wagtail treats it): a key per allowed host only.
            hostname, port = split_domain_port(request_host(request))[0], request.get_port()
            request._wagtail_site = cached(("wagtail-site", hostname, port), lambda: Site._find_for_request(request))
            if request._wagtail_site is not None and request.method in ("GET", "HEAD"):
                route_for_request(
                    request, request._wagtail_site, view_args[0] if view_args else view_kwargs.get("path", "")
                )
        return None
