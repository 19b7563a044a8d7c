"""The directory's filters: one definition for the page, the map, exports and the API.

`DirectoryFilters` reads query parameters. Valid values filter; invalid ones
are reported (`errors`) so pages can ignore them with a visible notice and the
API can answer 400.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Case, CharField, Count, Value, When
from django.utils.translation import gettext_lazy as _

from core.visibility import is_management_unit

from .models import POPULATION_BANDS, AuthorityType, City, CityChallenge, CityNeed, CityOffer, SettlementType, Stage
from .selectors import Taxonomy, cached, get_taxonomy

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
FACETS = ["hub", "region", "country", "authority_type", "settlement_type", "population", "stage",
          "challenge", "offers", "needs"]


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
        self.fields["hub"].choices = any_ + [(code, taxonomy.label("hubs", code)) for code in taxonomy.hubs] + [
            (CENTRAL_TEAM, _("Central team (no hub yet)"))
        ]
        self.fields["region"].choices = any_ + [(code, taxonomy.label("regions", code)) for code in taxonomy.regions]
        self.fields["country"].choices = any_ + taxonomy.country_choices()
        self.fields["authority_type"].choices = any_ + list(AuthorityType.choices)
        self.fields["settlement_type"].choices = any_ + list(SettlementType.choices)
        self.fields["population"].choices = any_ + [(code, label) for code, label, _low, _high in POPULATION_BANDS]
        if staff:
            self.fields["stage"].choices = [("", _("Members (default)"))] + list(Stage.choices) + [("all", _("All stages"))]
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
class Facet:
    name: str
    label: str
    options: list  # [(value, label, count, selected)]


class DirectoryFilters:
    """Parsed filters for one request, and the querysets and facets they give."""

    def __init__(self, params, *, user):
        self.taxonomy = get_taxonomy()
        self.staff = is_management_unit(user)
        self.form = DirectoryFilterForm(params, taxonomy=self.taxonomy, staff=self.staff)
        self.form.is_valid()
        known = set(self.form.fields) | {"page", "page_size", "format"}
        self.ignored = {name: self.form.errors[name] for name in self.form.errors}
        self.unknown = sorted(name for name in params if name not in known)
        self.values = {name: value for name, value in self.form.cleaned_data.items() if value}

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
            qs = qs.filter(country__region__hub__isnull=True) if hub == CENTRAL_TEAM else qs.filter(
                country__region__hub__code=hub
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
        counts = cached("facets", self._facet_counts, self.cache_key())
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
        counts: dict[str, dict[str, int]] = {}
        taxonomy = self.taxonomy
        for name in FACETS:
            if name not in self.form.fields:
                continue
            qs = self.apply(self.base() if name != "stage" else City.objects.all(), skip=name)
            if name in ("hub", "region", "country"):
                by_country = dict(qs.values_list("country_id").annotate(n=Count("id")).order_by())
                if name == "country":
                    counts[name] = by_country
                    continue
                result: dict[str, int] = {}
                for code, n in by_country.items():
                    region = taxonomy.countries.get(code)
                    key = region if name == "region" else (taxonomy.regions[region]["hub"] or CENTRAL_TEAM)
                    result[key] = result.get(key, 0) + n
                counts[name] = result
            elif name in ("authority_type", "settlement_type", "stage"):
                counts[name] = dict(qs.values_list(name).annotate(n=Count("id")).order_by())
            elif name == "population":
                band = Case(
                    *[
                        When(population__gte=low, population__lt=high, then=Value(code))
                        if high
                        else When(population__gte=low, then=Value(code))
                        for code, _label, low, high in POPULATION_BANDS
                    ],
                    default=Value(""),
                    output_field=CharField(),
                )
                counts[name] = dict(qs.annotate(band=band).values_list("band").annotate(n=Count("id")).order_by())
            else:
                model, field, ids = {
                    "challenge": (CityChallenge, "challenge_id", taxonomy.challenge_ids),
                    "offers": (CityOffer, "practice_area_id", taxonomy.practice_area_ids),
                    "needs": (CityNeed, "practice_area_id", taxonomy.practice_area_ids),
                }[name]
                rows = model.objects.filter(city__in=qs.values("pk")).values_list(field).annotate(n=Count("id"))
                counts[name] = {ids[pk]: n for pk, n in rows.order_by() if pk in ids}
        return counts
