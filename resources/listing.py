"""The Resource Hub's and the news index's lists: filters from the query string, a text search, facet
counts, sorting and pages, with no JavaScript (a GET form, like the directory's, `cities/filters.py`).

Every parameter is checked: an unknown one or a bad value is ignored and named in a notice; the page
never fails. Filters, counts, sorting and paging run on the in-memory index (`listing_index.py`,
rebuilt when the lists' version moves on); the text search `q` is the site search's (`search/query.py`:
the same folding, words ANDed, operators and quotes plain text, long text cut) through Wagtail's search
backend, in every language of the list (`search/ranking.py::ranked_ids`: the newest 1,000 matches, ranked), and
narrows the index to the groups with a matching version.
Queries per request are bounded: the version, the search (two with `q`), the page's rows (with their
images' renditions) and the languages each row is available in.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from cities.selectors import get_taxonomy
from core.forms import SafeTextMixin
from core.i18n import RTL_LANGUAGES, current_language
from core.l10n import number
from core.params import bounded_int
from search.query import MAX_QUERY_LENGTH, parse_query

from .listing_index import get_listing_index
from .models import NewsArticlePage, NewsKind, ResourceKind, ResourcePage
from .selectors import published, representatives, without_restricted

PER_PAGE = 12
CARD_RENDITION = "fill-640x360"
SORTS = {
    "relevance": (_("Relevance"), None),
    "newest": (_("Newest first"), ("-publication_date", "-pk")),
    "oldest": (_("Oldest first"), ("publication_date", "pk")),
    "title": (_("Title"), ("title", "pk")),
}
FACETS = ["kind", "topic", "practice_area", "hub", "region", "language", "year"]


class ListingFilterForm(SafeTextMixin, forms.Form):
    q = forms.CharField(label=_("Search in this list"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    practice_area = forms.ChoiceField(label=_("Practice area"), required=False)
    hub = forms.ChoiceField(label=_("Regional Hub"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Available in"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data, *, kinds, years):
        super().__init__(data)
        taxonomy = get_taxonomy()
        self.fields["kind"].choices = [("", "")] + list(kinds)
        self.fields["topic"].choices = [("", "")] + [
            (code, taxonomy.label("challenges", code)) for code in taxonomy.challenges
        ]
        self.fields["practice_area"].choices = [("", "")] + [
            (code, taxonomy.label("practice_areas", code)) for code in taxonomy.practice_areas
        ]
        self.fields["hub"].choices = [("", "")] + [(code, taxonomy.label("hubs", code)) for code in taxonomy.hubs]
        self.fields["region"].choices = [("", "")] + [
            (code, taxonomy.label("regions", code)) for code in taxonomy.regions
        ]
        self.fields["language"].choices = [("", "")] + [(code, name) for code, name in settings.LANGUAGES]
        self.fields["year"].choices = [("", "")] + [(str(year), str(year)) for year in years]
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in SORTS.items()]


@dataclass
class Facet:
    name: str
    label: str
    options: list  # [(value, label, count, selected)]


@dataclass
class ActiveFilter:
    label: str
    value: str
    remove_query: str


class Listing:
    """One request's list of resources or news articles."""

    def __init__(self, model, params, *, language: str):
        self.model = model
        self.language = language
        kinds = ResourceKind.choices if model is ResourcePage else NewsKind.choices
        self.index = get_listing_index(model)
        self.years = self.index.years
        self.form = ListingFilterForm(params, kinds=kinds, years=self.years)
        self.form.is_valid()
        known = set(self.form.fields) | {"page"}
        self.unknown = sorted(name for name in params if name not in known)
        self.invalid = sorted(self.form.errors)
        self.values = {name: value for name, value in self.form.cleaned_data.items() if value}
        self.query = parse_query(self.values.pop("q", ""))
        if self.query.text:
            self.values["q"] = self.query.text  # as searched: spaces tidied, cut when too long
        self.bad_page = False
        self.capped = False
        self.view = self.index.view(language)
        self._matched = None
        self._ranked: list[int] = []
        if self.query:
            self._search()
        elif self.query.text:  # only punctuation or symbols: nothing to search for
            self._matched = np.zeros(self.index.groups, dtype=bool)
        self.masks = self.index.masks(self.view, self.values, matched=self._matched)

    @property
    def sort(self) -> str:
        sort = self.values.get("sort")
        if sort == "relevance" and not self.query:
            return "newest"
        return sort or ("relevance" if self.query else "newest")

    # The text search: the site search's words and backend, over every language of this list

    def _search(self) -> None:
        from search.ranking import LIMIT, ranked_ids

        found = ranked_ids(self.model.objects.live(), " ".join(self.query.terms))
        # (ids, more) from the search helper's current API; a plain list of up to LIMIT + 1 ids before it.
        ranked, more = found if isinstance(found, tuple) else (found[:LIMIT], len(found) > LIMIT)
        self.capped = bool(more)
        self._ranked = [int(pk) for pk in ranked[:LIMIT]]
        self._matched = np.zeros(self.index.groups, dtype=bool)
        self._matched[self.index.groups_of(self._ranked)] = True

    # Query strings

    def querystring(self, **overrides) -> str:
        values = {**self.values, **overrides}
        return urlencode({key: value for key, value in values.items() if value})

    def active(self) -> list[ActiveFilter]:
        active = []
        for name, field in self.form.fields.items():
            value = self.values.get(name)
            if not value or name == "sort":
                continue
            shown = value if name == "q" else str(dict(field.choices).get(str(value), value))
            active.append(ActiveFilter(str(field.label), shown, self.querystring(**{name: ""})))
        return active

    def notices(self) -> list[str]:
        notices = []
        for name in self.unknown[:10]:
            notices.append(_gettext("Ignored an unknown filter: “%(name)s”.") % {"name": name[:60]})
        for name in self.invalid:
            label = self.form.fields[name].label
            notices.append(
                _gettext("Ignored a value that is not one of the choices for “%(label)s”.") % {"label": label}
            )
        if self.query.shortened:
            notices.append(
                _gettext("Your search was long: only its first %(count)s characters were used.")
                % {"count": MAX_QUERY_LENGTH}
            )
        if self.capped:
            notices.append(
                _gettext(
                    "Many items match: the %(count)s newest matches are shown. Add words or filters to narrow the search."
                )
                % {"count": number(len(self._ranked))}
            )
        if self.bad_page:
            notices.append(_gettext("That page number does not exist; showing the nearest page."))
        return notices

    # SQL, for checks (the index gives the same rows; `tests/test_listing.py`)

    def base(self):
        return representatives(published(self.model), self.language)

    def apply(self, qs):
        values = self.values
        if "kind" in values:
            qs = qs.filter(kind=values["kind"])
        if "topic" in values:
            qs = qs.filter(topics__code=values["topic"])
        if "practice_area" in values:
            qs = qs.filter(practice_areas__code=values["practice_area"])
        if "hub" in values:
            qs = qs.filter(hubs__code=values["hub"])
        if "region" in values:
            qs = qs.filter(regions__code=values["region"])
        if "language" in values:
            in_language = published(self.model).filter(locale__language_code=values["language"])
            qs = qs.filter(translation_key__in=in_language.order_by().values("translation_key"))
        if "year" in values:
            qs = qs.filter(publication_date__year=values["year"])
        return qs

    def queryset(self):
        """The list without `q` in SQL (newest, oldest or title order)."""
        order = SORTS.get(self.sort, SORTS["newest"])[1] or SORTS["newest"][1]
        return self.apply(self.base()).order_by(*order)

    # Facets

    def facet_counts(self) -> dict[str, dict]:
        return self.index.facet_counts(self.view, self.masks)

    def facets(self) -> list[Facet]:
        counts = self.facet_counts()
        facets = []
        for name in FACETS:
            field = self.form.fields[name]
            selected = str(self.values.get(name, ""))
            options = []
            for value, label in field.choices:
                if value == "":
                    continue
                count = counts.get(name, {}).get(value, 0)
                if count or value == selected:
                    options.append((value, label, count, value == selected))
            facets.append(Facet(name, str(field.label), options))
        return facets

    # Results

    def result_groups(self) -> np.ndarray:
        """Group numbers of the whole list, in order."""
        index, view = self.index, self.view
        mask = index.combine(self.masks)
        if self.sort == "relevance":
            newest = index.order(view, "newest")
            rank = np.full(index.groups, len(self._ranked), dtype=np.int64)
            groups = index.groups_of(self._ranked)
            rank[groups[::-1]] = np.flatnonzero(np.isin(self._ranked, index.page_ids))[::-1]  # best version wins
            position = np.empty(index.groups, dtype=np.int64)
            position[newest] = np.arange(index.groups)
            candidates = np.flatnonzero(mask)
            return candidates[np.lexsort((position[candidates], rank[candidates]))]
        order = index.order(view, self.sort)
        return order[mask[order]]

    def page(self, number):
        groups = self.result_groups()
        ids = self.view.page_id[groups]
        paginator = Paginator(ids, PER_PAGE)
        wanted = bounded_int(number, default=1, minimum=1, maximum=10**6)
        if number not in (None, "") and str(wanted) != str(number).strip():
            self.bad_page = True
        if wanted > paginator.num_pages:
            self.bad_page = self.bad_page or number not in (None, "")
            wanted = paginator.num_pages
        page = paginator.page(wanted)
        page.object_list = self.rows([int(pk) for pk in page.object_list])
        return page

    def rows(self, ids: list[int]) -> list:
        """The pages `ids`, read again live and public (the index may be a moment behind), with the
        languages each group is available in from the index. Four queries: the rows (their locale
        joined, the body left unread), their images, the images' card renditions, and the view
        restrictions on the rows' ancestors (`without_restricted`)."""
        images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
        found = (
            self.model.objects.live()
            .filter(pk__in=ids)
            .defer("body")
            .select_related("locale")
            .prefetch_related(Prefetch("image", queryset=images))
            .in_bulk()
        )
        rows = without_restricted(found[pk] for pk in ids if pk in found)
        index = self.index
        groups = (
            dict(zip(ids, index.groups_of(ids).tolist(), strict=False)) if len(ids) == len(index.groups_of(ids)) else {}
        )
        names = dict(settings.LANGUAGES)
        for row in rows:
            code = row.locale.language_code
            group = groups.get(row.pk)
            bits = int(index.available[group]) if group is not None else 0
            row.available_in = sorted(lang for n, lang in enumerate(index.languages) if bits & (1 << n)) or [code]
            row.language_name = names.get(code, code)
            row.text_dir = "rtl" if code in RTL_LANGUAGES else "ltr"
        return rows


def listing_context(request, model, index_page) -> dict:
    listing = Listing(model, request.GET, language=current_language())
    page = listing.page(request.GET.get("page"))
    return {
        "listing": listing,
        "facets": listing.facets(),
        "page_obj": page,
        "items": page.object_list,
        "querystring": listing.querystring(),
        "search_query": listing.query,
        "active_filters": listing.active(),
        "notices": listing.notices(),
        "language_names": dict(settings.LANGUAGES),
        "is_news": model is NewsArticlePage,
        "feed_url": index_page.url + "feed/" if index_page.url else "",
    }
