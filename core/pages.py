"""Site pages that code links to by a known slug, e.g. the privacy notice the join form asks people to accept."""

from django.conf import settings
from django.db.models.functions import Substr
from wagtail.models import Page, PageViewRestriction

from .i18n import current_language

PRIVACY_SLUG = "privacy"


def page_url_by_slug(request, slug: str) -> str:
    """The URL of the live, public page with this slug in the visitor's language, else in English;
    "" when there is none, so the caller shows no link rather than a broken one. Editors may move or
    rename the page; only its slug (the same in every translation) is fixed."""
    pages = public_pages(Page.objects.live()).filter(slug=slug).order_by("depth", "path")
    for language in dict.fromkeys([current_language(), settings.LANGUAGE_CODE]):
        page = pages.filter(locale__language_code=language).first()
        if page is not None:
            return page.get_url(request) or ""
    return ""


def public_pages(pages):
    """`pages` without those in a restricted section: the pages of Wagtail's `PageQuerySet.public()`, tested
    as "the path cut at a restricted page's depth is not the path of a restricted page", one
    `NOT IN` list per depth of restricted page (a set lookup per page), rather than one `LIKE` per
    restricted page, per page. (The lists are literal: written as a subquery, the same search
    measured 30 % slower on SQLite, inside the correlated `EXISTS` of `ranked_ids`.)"""
    sections: dict[int, list[str]] = {}
    for path in restricted_paths():
        sections.setdefault(len(path), []).append(path)
    for length, paths in sorted(sections.items()):
        name = f"_section_{length}"
        pages = pages.alias(**{name: Substr("path", 1, length)}).exclude(**{f"{name}__in": paths})
    return pages


def restricted_paths() -> list[str]:
    """The tree paths of the pages with a view restriction (their sections are restricted), from the
    shared cache."""
    from .chrome import cached

    return cached(("restricted-paths",), _restricted_paths)


def in_restricted_section(page) -> bool:
    return page.path.startswith(tuple(restricted_paths()))


def _restricted_paths() -> list[str]:
    """The paths of the pages with a view restriction, and of the aliases of pages in their sections
    (Wagtail checks an alias, and the pages under it, against its original's restrictions: the other
    languages' copies that wagtail-localize keeps of untranslated pages are aliases). Kept under the
    chrome version, which moves on with every restriction and page change. Duplicates (several
    restrictions on one page) are dropped here: DISTINCT made SQLite scan the whole page-path index
    (10 ms a call at 100,000 pages)."""
    paths = set(PageViewRestriction.objects.values_list("page__path", flat=True).order_by())
    if not paths:
        return []
    # One read of every alias and its original's path, matched here (a LIKE per restricted section
    # would grow with them), until no alias is added: aliases of aliases, aliases under aliases.
    aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", "alias_of__path").order_by())
    added = paths
    while added:
        prefixes = tuple(paths)
        added = {path for path, original in aliases if path not in paths and original.startswith(prefixes)}
        paths |= added
    return sorted(paths)
