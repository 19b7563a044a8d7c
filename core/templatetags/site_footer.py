"""`{% site_footer %}`: the footer of every public page, rendered once per language and chrome version
(`core/chrome.py::footer_html`); `in_language` for the footer's pages."""

from django import template
from django.template.loader import render_to_string

from core.chrome import FOOTER_TEMPLATE, footer_html
from core.i18n import current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context.get("request")
    if request is None:  # no site to read the footer's settings for: its fixed links only
        return render_to_string(FOOTER_TEMPLATE, {"footer": None})
    return footer_html(request, current_language())


@register.filter
def in_language(page):
    """The page's live translation in the active language, else the page itself (None stays None)."""
    return page.localized if page else None
