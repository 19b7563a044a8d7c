"""`{% footer_settings as footer %}`: the footer's settings (core.FooterSettings) for the request's site."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_settings(context):
    from core.models import FooterSettings

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    # Read only: `for_request` would create the row on the first page shown, a write
    # (and two extra queries) on a GET. With no row the footer shows its fixed links.
    return FooterSettings.objects.filter(site=site).first()


@register.filter
def in_language(page):
    """The page's live translation in the active language, else the page itself (None stays None)."""
    return page.localized if page else None
