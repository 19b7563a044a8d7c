"""The directory's filters: one definition for the page, the map, exports and the API.

`DirectoryFilters` reads query parameters. Valid values filter; invalid ones
are reported (`errors`) so pages can ignore them with a visible notice and the
API can answer 400.
"""

from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext_lazy as _

from core.i18n import current_language
from core.visibility import is_management_unit

from .directory_index import get_directory_index
from .models import POPULATION_BANDS, AuthorityType, City, SettlementType, Stage
from .selectors import Taxonomy, get_taxonomy

MAX_QUERY_LENGTH = 200
CENTRAL_TEAM = "central"

SORTS = {
    "name": (_("Name"), None),
    "-population": (_("Population, largest first"), ("-population", "pk")),
    "population": (_("Population, smallest first"), ("population", "pk")),
    "-date_joined": (_("Most recently joined"), ("-date_joined", "pk")),
    "country": (_("Country"), ("country_id", "name", "pk")),
}

# The filters a facet count is computed for, in the order the page shows them.
FACETS = [
    "hub",
    "region",
    "country",
    "authority_type",
    "settlement_type",
    "population",
    "stage",
    "challenge",
    "offers",
    "needs",
]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, strip=True)
    hub = forms.ChoiceField(label=_("Regional Hub"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    authority_type = forms.ChoiceField(label=_("Authority type"), required=False)
    settlement_type = forms.ChoiceField(label=_("Settlement type"), required=False)
    population = forms.ChoiceField(label=_("Population"), required=False)
    stage = forms.ChoiceField(label=_("Membership stage"), required=False)
    challenge = forms.ChoiceField(label=_("Challenge faced"), required=False)
    offers = forms.ChoiceField(label=_("Can share practice in"), required=False)
    needs = forms.ChoiceField(label=_("Wants help with"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data, *, taxonomy: Taxonomy, staff: bool):
        super().__init__(data)
        any_ = [("", _("Any"))]
        self.fields["hub"].choices = (
            any_
            + [(code, taxonomy.label("hubs", code)) for code in taxonomy.hubs]
            + [(CENTRAL_TEAM, _("Central team (no hub yet)"))]
        )
        self.fields["region"].choices = any_ + [(code, taxonomy.label("regions", code)) for code in taxonomy.regions]
        self.fields["country"].choices = any_ + taxonomy.country_choices()
        self.fields["authority_type"].choices = any_ + list(AuthorityType.choices)
        self.fields["settlement_type"].choices = any_ + list(SettlementType.choices)
        self.fields["population"].choices = any_ + [(code, label) for code, label, _low, _high in POPULATION_BANDS]
        if staff:
            self.fields["stage"].choices = (
                [("", _("Members (default)"))] + list(Stage.choices) + [("all", _("All stages"))]
            )
        else:
            del self.fields["stage"]
        terms = [(code, taxonomy.label("challenges", code)) for code in taxonomy.challenges]
        self.fields["challenge"].choices = any_ + terms
        areas = [(code, taxonomy.label("practice_areas", code)) for code in taxonomy.practice_areas]
        self.fields["offers"].choices = any_ + areas
        self.fields["needs"].choices = any_ + areas
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in SORTS.items()]

    def clean_q(self):
        # Long pasted text is cut, not refused: a search never errors.
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]


@dataclass
class ActiveFilter:
    """One filter the reader has set, as the page's summary shows it: "Region: Africa ×"."""

    name: str
    label: str
    value: str
    remove_query: str  # the query string without this filter (and without the page number)


@dataclass
class Facet:
    name: str
    label: str
    options: list  # [(value, label, count, selected)]


class DirectoryFilters:
    """Parsed filters for one request, and the querysets and facets they give."""

    def __init__(self, params, *, user):
        self.taxonomy = get_taxonomy()
        self.staff = is_management_unit(user)
        self.params = params
        fields = set(DirectoryFilterForm.base_fields) - (set() if self.staff else {"stage"})
        if fields & set(params):
            self.form.is_valid()
            self.ignored = {name: self.form.errors[name] for name in self.form.errors}
            self.values = {name: value for name, value in self.form.cleaned_data.items() if value}
        else:  # nothing to check (the map's data, an export of everything): no form built, its choices cost most
            self.ignored, self.values = {}, {}
        known = fields | {"page", "page_size", "format"}
        self.unknown = sorted(name for name in params if name not in known)

    @cached_property
    def form(self) -> DirectoryFilterForm:
        """The filter form, bound to the request's query (the directory shows it; a query is checked by it)."""
        return DirectoryFilterForm(self.params, taxonomy=self.taxonomy, staff=self.staff)

    @property
    def errors(self) -> dict[str, list[str]]:
        return {name: [str(message) for message in messages] for name, messages in self.ignored.items()}

    @property
    def query(self) -> str:
        return self.values.get("q", "")

    def querystring(self, **overrides) -> str:
        from urllib.parse import urlencode

        values = {**self.values, **overrides}
        return urlencode({key: value for key, value in values.items() if value})

    def active(self) -> list[ActiveFilter]:
        """The filters in effect, each with the query string that drops just that one.
        Sorting is not a filter: it is kept by every link, and not listed. The page number is
        never kept, since removing a filter changes the pages."""
        active = []
        for name, field in self.form.fields.items():
            value = self.values.get(name)
            if not value or name == "sort":
                continue
            if name == "q":
                shown = value
            else:
                shown = str(dict(field.choices).get(value, value))
            active.append(ActiveFilter(name, str(field.label), shown, self.querystring(**{name: ""})))
        return active

    def clear_query(self) -> str:
        """The query string with every filter removed; the order of the list is kept."""
        return self.querystring(**{name: "" for name in self.values if name != "sort"})

    def cache_key(self) -> str:
        return self.querystring() + f"|staff={self.staff}"

    # Querysets

    def base(self):
        return City.objects.all() if self.staff else City.objects.public()

    def apply(self, qs, *, skip: str | None = None):
        values = self.values
        if self.staff and skip != "stage":
            stage = values.get("stage")
            if not stage:
                qs = qs.filter(stage=Stage.MEMBER)
            elif stage != "all":
                qs = qs.filter(stage=stage)
        if "q" in values:
            qs = qs.search(values["q"])
        hub = values.get("hub")
        if hub and skip != "hub":
            qs = (
                qs.filter(country__region__hub__isnull=True)
                if hub == CENTRAL_TEAM
                else qs.filter(country__region__hub__code=hub)
            )
        if "region" in values and skip != "region":
            qs = qs.filter(country__region__code=values["region"])
        if "country" in values and skip != "country":
            qs = qs.filter(country_id=values["country"])
        for name in ("authority_type", "settlement_type"):
            if name in values and skip != name:
                qs = qs.filter(**{name: values[name]})
        if "population" in values and skip != "population":
            qs = qs.with_population_band(values["population"])
        if "challenge" in values and skip != "challenge":
            qs = qs.filter(challenges__challenge_id=self.taxonomy.challenges[values["challenge"]]["id"])
        if "offers" in values and skip != "offers":
            qs = qs.filter(offers__practice_area_id=self.taxonomy.practice_areas[values["offers"]]["id"])
        if "needs" in values and skip != "needs":
            qs = qs.filter(needs__practice_area_id=self.taxonomy.practice_areas[values["needs"]]["id"])
        return qs

    def queryset(self):
        return self.apply(self.base())

    def ordered(self, qs):
        sort = self.values.get("sort") or "name"
        order = SORTS[sort][1]
        return qs.order_by_name() if order is None else qs.order_by(*order)

    # Facets

    def facets(self) -> list[Facet]:
        counts = self._facet_counts()
        facets = []
        for name in FACETS:
            if name not in self.form.fields:
                continue
            selected = self.values.get(name, "")
            options = []
            for value, label in self.form.fields[name].choices:
                if value == "":
                    continue
                count = counts.get(name, {}).get(value, 0)
                if count or value == selected or name == "stage":
                    options.append((value, label, count, value == selected))
            facets.append(Facet(name, self.form.fields[name].label, options))
        return facets

    def _facet_counts(self) -> dict[str, dict[str, int]]:
        names = [name for name in FACETS if name in self.form.fields]
        return get_directory_index().facet_counts(self.values, staff=self.staff, facets=names)

    # Results, from the in-memory index: only the rows shown are read.

    def result_ids(self):
        return get_directory_index().result_ids(self.values, staff=self.staff, language=current_language())

    def page(self, number, per_page: int):
        """The requested page of matching authorities, in order, ready to list."""
        paginator = Paginator(self.result_ids(), per_page)
        try:
            page = paginator.page(number)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        page.object_list = self.rows([int(pk) for pk in page.object_list])
        return page

    def rows(self, ids: list[int], *, prefetch: tuple[str, ...] = ()) -> list:
        """The authorities `ids`, in that order, read again with the reader's visibility filter
        (`base()`): an index a moment behind the database never shows one the reader may not
        see (the page is then a row short until the index catches up)."""
        found = self.base().filter(pk__in=ids).for_listing().prefetch_related(*prefetch).in_bulk()
        return [found[pk] for pk in ids if pk in found]
