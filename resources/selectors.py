"""Reads of resources and news that lists, city profiles and the site search share.

One resource may exist in several languages (a translation group: the pages sharing a
`translation_key`). Lists show each group once: the version in the reader's language when it is
live, else the group's first live version (the original, created first), marked with its language.
Only live pages that no view restriction hides are ever read (`published`).
"""

from django.db.models import Min, Q

from .models import NewsArticlePage, ResourcePage


def published(model):
    """Live pages of `model` that anyone may read (no password, login or group restriction)."""
    return model.objects.live().public()


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
