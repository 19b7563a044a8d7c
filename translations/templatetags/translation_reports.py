"""The "Report a translation problem" control at the foot of every translated page
(`templates/translations/includes/report.html`, included from `base.html`)."""

from django import template
from wagtail.models import Page

from core.i18n import current_language

from ..models import TranslationReport
from ..report_views import report_url
from ..selectors import page_translations

register = template.Library()


def _is_translation(page: Page, request) -> bool:
    """A translated page: its status row names an original; a page with no row and live versions in
    other languages is one when wagtail-localize translates the group from one of those. Both read
    with the page's translations (`page_translations`, kept under the chrome version): no query."""
    found = page_translations(page, request)
    live = {item.language for item in found.alternates if item.language != "x-default"}
    if current_language() not in live:  # a private page: the form is for public pages only
        return False
    if found.status is not None:
        return found.status.source_locale_id is not None
    return any(language in live for language in found.source_languages)


@register.simple_tag(takes_context=True)
def translation_report(context) -> dict | None:
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or not page.pk or not page.live:
        return None
    if not _is_translation(page, request):
        return None
    return {"url": report_url(page), "quote_limit": TranslationReport.QUOTE_LIMIT}
