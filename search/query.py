"""The site search: published public pages of every type in the reader's language, through
Wagtail's search on the folded index (`search/indexing.py`), and public member authorities,
through the directory's in-memory index of folded names, in one list grouped by kind.

Query text is never syntax: it is folded and cut into words (`query_terms`), so quotes,
operators, wildcards and brackets are plain text, and every word must be found (AND).
Member authorities match as in the directory (a folded substring of any of their names, the
visibility of `City.objects.public()`), read without their focal points; their index is the
directory's folded names (`cities/directory_index.py`, built from `City.search_text`), searched as
one byte array (`search/authorities.py`), not Wagtail's: 100,000 authorities are searched in a few
milliseconds, bulk-loaded ones included, with the directory's results.
"""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.utils.safestring import SafeString
from django.utils.translation import pgettext
from wagtail.models import Locale, Page, get_page_models

from cities.models import City
from core.l10n import number
from core.pages import public_pages
from core.text import fold

from .authorities import matching_authorities
from .highlight import excerpt, highlight
from .indexing import kind_label, kind_of, kind_order, page_text
from .ranking import ranked_ids, reading

MAX_QUERY_LENGTH = 200  # characters kept of what is typed (a 5,000-character paste is cut, not refused)
MAX_TERMS = 12  # words searched for; the rest are ignored
PER_KIND = 5  # results per kind on the combined list
PER_PAGE = 20  # results per page when one kind is shown
CITIES = "cities"


@dataclass
class Query:
    text: str  # what is searched for, as typed (cut)
    terms: list[str]  # folded words
    shortened: bool = False

    def __bool__(self) -> bool:
        return bool(self.terms)


def query_terms(text: str) -> list[str]:
    """The folded words of `text`, once each, at most `MAX_TERMS`."""
    words = re.findall(r"[^\W_]+", fold(text))
    return list(dict.fromkeys(words))[:MAX_TERMS]


def parse_query(raw: str | None) -> Query:
    text = " ".join((raw or "").split())
    shortened = len(text) > MAX_QUERY_LENGTH
    if shortened:
        text = text[:MAX_QUERY_LENGTH]
        if " " in text:  # cut between words, not inside one
            text = text.rsplit(" ", 1)[0]
    return Query(text=text, terms=query_terms(text), shortened=shortened)


@dataclass
class Hit:
    title: SafeString
    url: str
    summary: SafeString | str = ""
    meta: str = ""


def count_label(count: int, more: bool = False) -> str:
    """ "1,234", or "1,000+" when there are more than could be counted."""
    shown = number(count)
    return pgettext("a number of search results, and more", "%(count)s+") % {"count": shown} if more else shown


@dataclass
class Group:
    kind: str
    label: str
    count: int  # at most `ranking.LIMIT`
    hits: list[Hit] = field(default_factory=list)
    page_obj: object = None  # when this kind is shown alone, paginated
    more: bool = False  # more than `count` matches (only the newest `ranking.LIMIT` are ranked and shown)

    @property
    def count_label(self) -> str:
        return count_label(self.count, self.more)


def _page_kinds() -> dict[str, tuple[str, list[int]]]:
    """{kind: (label, content type ids)} for every page model that can be searched."""
    models = [model for model in get_page_models() if model is not Page]
    content_types = ContentType.objects.get_for_models(*models)
    kinds: dict[str, tuple[str, list[int]]] = {}
    for model in models:
        kind = kind_of(model)
        label, ids = kinds.setdefault(kind, (kind_label(kind, model), []))
        ids.append(content_types[model].pk)
    return kinds


def _pages(language: str):
    """Every page a visitor may find in `language` (live, public, in that locale), and the locale's id."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return Page.objects.none(), None
    return public_pages(Page.objects.live().filter(locale=locale)), locale.pk


def _page_hits(ids: list[int], terms: list[str], request) -> list[Hit]:
    """Hits for the pages `ids` in this order, each read as its own type (one query per page type)."""
    specific = Page.objects.filter(pk__in=ids).specific().in_bulk()
    hits = []
    for pk in ids:
        page = specific.get(pk)
        if page is None:  # deleted since it was found
            continue
        summary_source = getattr(page, "search_summary", None)
        text = summary_source() if callable(summary_source) else page_text(page)
        hits.append(
            Hit(
                title=highlight(page.title, terms),
                url=page.get_url(request) or "",
                summary=excerpt(text, terms),
            )
        )
    return hits


def _city_ids(terms: list[str], language: str):
    """Public members whose folded names contain every word, best first (`search/authorities.py`:
    the directory's folded names, searched as one byte array, so 100,000 authorities take a few
    milliseconds). A name starting with the query comes first, then one with a word starting with
    it, then the others, each in the order of names in the reader's language. A NumPy array of ids."""
    return matching_authorities(terms, language)


def _cities(ids: list[int]) -> list:
    """The authorities `ids`, in order, read again with the public visibility filter (never their
    focal points), as the directory does (`DirectoryFilters.rows`)."""
    # The ids drive the read (the visibility test is an EXISTS on the primary key): written as
    # `public().filter(pk__in=ids)`, SQLite without statistics walks the stage index, every member
    # (14 ms at 100,000 authorities) instead of a handful of rows.
    public = City.objects.public().filter(pk=OuterRef("pk"))
    found = City.objects.filter(pk__in=ids).filter(Exists(public)).for_listing().in_bulk()
    return [found[pk] for pk in ids if pk in found]


def _city_hits(cities, terms: list[str]) -> list[Hit]:
    hits = []
    for city in cities:
        name = city.display_name
        meta = city.country.name
        if not highlight_matches(name, terms):
            other = next((n for n in [city.name, *city.names().values()] if highlight_matches(n, terms)), "")
            if other:  # matched by a name in another language: show that name too
                meta = f"{other} · {meta}"
        hits.append(
            Hit(
                title=highlight(name, terms, whole_words=False),
                url=city.get_absolute_url(),
                summary=highlight(meta, terms, whole_words=False),
                meta=meta,
            )
        )
    return hits


def highlight_matches(text: str, terms: list[str]) -> bool:
    folded = fold(text)
    return any(term in folded for term in terms)


def site_search(query: Query, *, language: str, request, kind: str | None = None, page: int = 1) -> list[Group]:
    """Every kind with a result (in `KIND_LABELS` order) with its count; each with its first
    `PER_KIND` hits, or, when `kind` is given, only that kind's hits, paginated."""
    if not query:
        return []
    terms = query.terms
    words = " ".join(terms)
    groups: list[Group] = []

    def fill(group, results):
        if kind is None:
            return list(results[:PER_KIND])
        if group.kind != kind:
            return []
        group.page_obj = Paginator(results, PER_PAGE).get_page(page)
        return list(group.page_obj.object_list)

    pages, locale_id = _pages(language)
    with reading():  # PostgreSQL: one planner setting for every group (`search/ranking.py`)
        found = [
            (kind, label, ranked_ids(pages.filter(content_type__in=type_ids), words, type_ids, locale_id=locale_id))
            for kind, (label, type_ids) in _page_kinds().items()
        ]
    for page_kind, label, (ids, more) in found:
        if ids:
            group = Group(kind=page_kind, label=str(label), count=len(ids), more=more)
            group.hits = _page_hits(fill(group, ids), terms, request)
            groups.append(group)

    city_ids = _city_ids(terms, language)
    if len(city_ids):
        group = Group(kind=CITIES, label=str(kind_label(CITIES)), count=len(city_ids))
        group.hits = _city_hits(_cities([int(pk) for pk in fill(group, city_ids)]), terms)
        groups.append(group)

    groups.sort(key=lambda group: kind_order(group.kind))
    return groups


def known_kinds() -> set[str]:
    return set(_page_kinds()) | {CITIES}
