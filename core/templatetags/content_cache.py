"""`{% content_cache "name" %}…{% endcontent_cache %}`: a page's content rendered once and kept in the
shared cache, for a Wagtail page whose content depends only on published content (pages, images,
documents, testimonials: the chrome version, `core/chrome.py`) and, with `"network"`, on the network's
data (the data version, `cities/selectors.py`):

    {% content_cache "home" "network" %}…{% endcontent_cache %}

Kept per fragment, site, language and page (outside a Wagtail page: per path, for a view asked without
a query string, never for a page not found); rendered afresh, and not kept, in a preview or while this
connection's own change is not committed. With `"anonymous"`, kept for
visitors who are not signed in only: the fragment may then show what a signed-in reader sees instead
(the site header's account links), which is rendered for that reader every time. Wagtail's `{% wagtailpagecache %}`
keys on the page's own last publication only, so a renamed page linked from this one, a replaced image
or a member's new name would stay stale: hence this tag, on the versions that cover all of them.
Nothing inside may read the request's session or show a CSRF token to a visitor who is not signed in,
nor read the user outside an `"anonymous"` fragment.
"""

from django import template
from django.template import TemplateSyntaxError
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe
from wagtail.models import Page

from core.i18n import current_language

register = template.Library()


class ContentCacheNode(template.Node):
    # Not searched for `{% block %}`s: Django walks the whole parent template for them on every render of
    # a template that extends it, and the site header is most of base.html. No block goes inside.
    child_nodelists = ()

    def __init__(self, nodelist, name: str, network: bool, anonymous: bool):
        self.nodelist, self.name, self.network, self.anonymous = nodelist, name, network, anonymous

    def render(self, context):
        from cities.selectors import data_version
        from core.chrome import CHROME_VERSION, cached, request_host

        request = context.get("request")
        where = _where(request, context.get("page"), context) if request is not None else None
        if where is None or (self.anonymous and request.user.is_authenticated):
            return self.nodelist.render(context)
        parts = ["content", self.name, request_host(request), current_language(), where]
        if self.network:
            version = data_version()  # also tags the response as built from network data, cached or not
            if not version.shared:
                return self.nodelist.render(context)
            parts.append(f"data{version.committed}")
        if CHROME_VERSION.token() is None:
            return self.nodelist.render(context)
        return mark_safe(cached(tuple(parts), lambda: str(self.nodelist.render(context))))  # noqa: S308


def _where(request, page, context):
    """What the fragment is kept for: the Wagtail page, or outside one the path of a view that answered
    (a directory, a profile), asked without a query; None to render it afresh (a preview, a page not
    found: any path would make an entry, a query string, a secret in the path, or a path too long for a
    cache key)."""
    if getattr(request, "is_preview", False):
        return None
    if isinstance(page, Page):
        return page.pk or None
    match = request.resolver_match
    if context.get("not_found") or match is None or request.META.get("QUERY_STRING"):
        return None
    if "token" in match.kwargs:  # an invitation's or a password reset's secret: never in a cache key
        return None
    return f"path:{request.path}" if len(request.path) <= 160 else None


@register.tag
def content_cache(parser, token):
    bits = token.split_contents()
    options = [bit.strip("\"'") for bit in bits[2:]]
    if len(bits) < 2 or not set(options) <= {"network", "anonymous"} or len(set(options)) != len(options):
        raise TemplateSyntaxError(f'Usage: {{% {bits[0]} "name" ["network"] ["anonymous"] %}}')
    nodelist = parser.parse(("endcontent_cache",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise TemplateSyntaxError(
            f"No {{% block %}} inside {{% {bits[0]} %}}: a template extending this one could not fill it"
        )
    return ContentCacheNode(nodelist, bits[1].strip("\"'"), "network" in options, "anonymous" in options)
