"""Site pages that code links to by a known slug, e.g. the privacy notice the join form asks people to accept."""

from django.conf import settings
from wagtail.models import Page

from .i18n import current_language

PRIVACY_SLUG = "privacy"


def page_url_by_slug(request, slug: str) -> str:
    """The URL of the live, public page with this slug in the visitor's language, else in English;
    "" when there is none, so the caller shows no link rather than a broken one. Editors may move or
    rename the page; only its slug (the same in every translation) is fixed."""
    pages = Page.objects.live().public().filter(slug=slug).order_by("depth", "path")
    for language in dict.fromkeys([current_language(), settings.LANGUAGE_CODE]):
        page = pages.filter(locale__language_code=language).first()
        if page is not None:
            return page.get_url(request) or ""
    return ""
