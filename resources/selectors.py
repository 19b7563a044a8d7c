"""Reads of resources and news that lists, city profiles and the site search share.

One resource may exist in several languages (a translation group: the pages sharing a
`translation_key`). Lists show each group once: the version in the reader's language when it is
live, else the group's first live version (the original, created first), marked with its language.
Only live pages that no view restriction hides are ever read (`published`).
"""

from django.db.models import Min, Q
from wagtail.models import Page, PageViewRestriction

from core.pages import public_pages

from .models import NewsArticlePage, ResourcePage


def published(model):
    """Live pages of `model` that anyone may read (no password, login or group restriction): Wagtail's
    `.public()` pages, without its one `LIKE` per restriction on the site (`core.pages.public_pages`)."""
    return public_pages(model.objects.live())


def without_restricted(pages) -> list:
    """`pages` (page objects, in order) less those a view restriction hides, on the page or above it: one
    query on the restrictions of their ancestors' paths (an indexed lookup, whatever the number of
    restrictions on the site), not `PageQuerySet.public()`'s one `LIKE` per restriction. For a few rows
    already read, e.g. a list's page of cards."""
    pages = list(pages)
    step = Page.steplen

    def prefixes(path):
        return [path[:end] for end in range(step, len(path) + 1, step)]

    wanted = {prefix for page in pages for prefix in prefixes(page.path)}
    if not wanted:
        return pages
    restricted = set(PageViewRestriction.objects.filter(page__path__in=wanted).values_list("page__path", flat=True))
    if not restricted:
        return pages
    return [page for page in pages if restricted.isdisjoint(prefixes(page.path))]


def representatives(qs, language: str):
    """`qs` with one row per translation group: the `language` version if there is one in `qs`,
    else the group's earliest row in `qs`."""
    here = qs.filter(locale__language_code=language)
    first_of_group = qs.order_by().values("translation_key").annotate(first=Min("pk")).values("first")
    return qs.filter(
        Q(locale__language_code=language)
        | (~Q(translation_key__in=here.order_by().values("translation_key")) & Q(pk__in=first_of_group))
    )


def available_languages(model, translation_keys) -> dict:
    """translation_key -> sorted language codes in which that resource is live and public."""
    languages: dict = {}
    rows = (
        published(model)
        .filter(translation_key__in=list(translation_keys))
        .values_list("translation_key", "locale__language_code")
    )
    for key, code in rows:
        languages.setdefault(key, set()).add(code)
    return {key: sorted(codes) for key, codes in languages.items()}


def resources_about(city, language: str, *, limit: int | None = None) -> list[ResourcePage]:
    """Published resources about `city`, newest first, one per translation group, each in
    `language` when it exists in it. For the city profile: `resources_about(city, current_language())`."""
    about = published(ResourcePage).filter(cities=city)
    rows = representatives(about, language).select_related("locale", "image").order_by("-publication_date", "-pk")
    return list(rows[:limit] if limit else rows)


def news_about(city, language: str, *, limit: int | None = None) -> list[NewsArticlePage]:
    """Published news articles about `city`, like `resources_about`."""
    about = published(NewsArticlePage).filter(cities=city)
    rows = representatives(about, language).select_related("locale", "image").order_by("-publication_date", "-pk")
    return list(rows[:limit] if limit else rows)


def resources_for_needs(city, language: str, *, limit: int = 5) -> list[ResourcePage]:
    """Published resources on the practice areas `city` needs, most needed first and then newest, one per
    translation group in `language` where it exists. For the focal point's page."""
    areas = list(city.needs.values_list("practice_area_id", flat=True))
    if not areas:
        return []
    about = published(ResourcePage).filter(practice_areas__in=areas).distinct()
    rows = representatives(about, language).select_related("locale").order_by("-publication_date", "-pk")
    return list(rows[:limit])


def in_language(model, pages, language: str) -> list:
    """Each of `pages` as a reader of `language` reads it: its live public translation in `language` where
    there is one, else the page itself while it is live and public (others are left out); in the given
    order, once per translation group. One query. For links chosen in one language and read in another
    (the help desk's answers)."""
    pages = list(pages)
    if not pages:
        return []
    rows = (
        published(model)
        .filter(translation_key__in=[page.translation_key for page in pages])
        .filter(Q(locale__language_code=language) | Q(pk__in=[page.pk for page in pages]))
        .select_related("locale")
    )
    translated, itself = {}, {}
    for row in rows:
        itself[row.pk] = row
        if row.locale.language_code == language:
            translated[row.translation_key] = row
    shown, seen = [], set()
    for page in pages:
        row = translated.get(page.translation_key) or itself.get(page.pk)
        if row is not None and row.translation_key not in seen:
            seen.add(row.translation_key)
            shown.append(row)
    return shown


def linkable_resources(language: str, include=()):
    """Published resources to choose from, one per translation group, in `language` where translated,
    and the pages of `include` (ids already chosen, in whatever language) that are still published."""
    rows = representatives(published(ResourcePage), language)
    if include:
        rows = published(ResourcePage).filter(Q(pk__in=rows.values("pk")) | Q(pk__in=list(include)))
    return rows.select_related("locale").order_by("title", "pk")
