"""The Resource Hub's and the news index's lists: filters from the query string, facet counts,
sorting and pages, with no JavaScript (a GET form, like the directory's, `cities/filters.py`).

Every parameter is checked: an unknown one or a bad value is ignored and named in a notice; the page
never fails. The queries are bounded: one per facet, one count, one for the page's ids, one for its
rows (with images and their renditions) and one for the languages each row is available in.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from cities.selectors import get_taxonomy
from core.i18n import RTL_LANGUAGES, current_language
from core.params import bounded_int

from .models import NewsArticlePage, NewsKind, ResourceKind, ResourcePage
from .selectors import available_languages, published, representatives

PER_PAGE = 12
CARD_RENDITION = "fill-640x360"
SORTS = {
    "newest": (_("Newest first"), ("-publication_date", "-pk")),
    "oldest": (_("Oldest first"), ("publication_date", "pk")),
    "title": (_("Title"), ("title", "pk")),
}
FACETS = ["kind", "topic", "practice_area", "hub", "region", "language", "year"]


class ListingFilterForm(forms.Form):
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
        self.all_live = published(model)
        self.years = self._years()
        self.form = ListingFilterForm(params, kinds=kinds, years=self.years)
        self.form.is_valid()
        known = set(self.form.fields) | {"page"}
        self.unknown = sorted(name for name in params if name not in known)
        self.invalid = sorted(self.form.errors)
        self.values = {name: value for name, value in self.form.cleaned_data.items() if value}
        self.bad_page = False

    def _years(self) -> list[int]:
        years = (
            self.all_live.order_by()
            .annotate(year=ExtractYear("publication_date"))
            .values_list("year", flat=True)
            .distinct()
        )
        return sorted((year for year in years if year), reverse=True)

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
            shown = str(dict(field.choices).get(str(value), value))
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
        if self.bad_page:
            notices.append(_gettext("That page number does not exist; showing the nearest page."))
        return notices

    # Querysets

    def base(self):
        return representatives(self.all_live, self.language)

    def apply(self, qs, *, skip: str | None = None):
        values = self.values
        if "kind" in values and skip != "kind":
            qs = qs.filter(kind=values["kind"])
        if "topic" in values and skip != "topic":
            qs = qs.filter(topics__code=values["topic"])
        if "practice_area" in values and skip != "practice_area":
            qs = qs.filter(practice_areas__code=values["practice_area"])
        if "hub" in values and skip != "hub":
            qs = qs.filter(hubs__code=values["hub"])
        if "region" in values and skip != "region":
            qs = qs.filter(regions__code=values["region"])
        if "language" in values and skip != "language":
            in_language = self.all_live.filter(locale__language_code=values["language"])
            qs = qs.filter(translation_key__in=in_language.order_by().values("translation_key"))
        if "year" in values and skip != "year":
            qs = qs.filter(publication_date__year=values["year"])
        return qs

    def queryset(self):
        order = SORTS[self.values.get("sort") or "newest"][1]
        return self.apply(self.base()).order_by(*order)

    # Facets

    def _m2m_counts(self, field_name: str, qs) -> dict[str, int]:
        field = self.model._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = (
            through.objects.filter(**{f"{source}__in": qs.order_by().values("pk")})
            .values(f"{target}__code")
            .annotate(n=Count("pk"))
        )
        return {row[f"{target}__code"]: row["n"] for row in rows}

    def facet_counts(self) -> dict[str, dict]:
        counts = {}
        base = self.base()
        qs = self.apply(base, skip="kind").order_by()
        counts["kind"] = {row["kind"]: row["n"] for row in qs.values("kind").annotate(n=Count("pk"))}
        for facet, field in (
            ("topic", "topics"),
            ("practice_area", "practice_areas"),
            ("hub", "hubs"),
            ("region", "regions"),
        ):
            counts[facet] = self._m2m_counts(field, self.apply(base, skip=facet))
        keys = self.apply(base, skip="language").order_by().values("translation_key")
        rows = (
            self.all_live.order_by()
            .filter(translation_key__in=keys)
            .values("locale__language_code")
            .annotate(n=Count("translation_key", distinct=True))
        )
        counts["language"] = {row["locale__language_code"]: row["n"] for row in rows}
        rows = (
            self.apply(base, skip="year")
            .order_by()
            .annotate(year=ExtractYear("publication_date"))
            .values("year")
            .annotate(n=Count("pk"))
        )
        counts["year"] = {str(row["year"]): row["n"] for row in rows}
        return counts

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

    def page(self, number):
        ids = self.queryset().values_list("pk", flat=True)
        paginator = Paginator(ids, PER_PAGE)
        wanted = bounded_int(number, default=1, minimum=1, maximum=10**6)
        if number not in (None, "") and str(wanted) != str(number).strip():
            self.bad_page = True
        if wanted > paginator.num_pages:
            self.bad_page = self.bad_page or number not in (None, "")
            wanted = paginator.num_pages
        page = paginator.page(wanted)
        page.object_list = self.rows(list(page.object_list))
        return page

    def rows(self, ids: list[int]) -> list:
        images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
        found = (
            self.model.objects.filter(pk__in=ids)
            .select_related("locale")
            .prefetch_related(Prefetch("image", queryset=images))
            .in_bulk()
        )
        rows = [found[pk] for pk in ids if pk in found]
        languages = available_languages(self.model, {row.translation_key for row in rows})
        names = dict(settings.LANGUAGES)
        for row in rows:
            code = row.locale.language_code
            row.available_in = languages.get(row.translation_key, [code])
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
        "active_filters": listing.active(),
        "notices": listing.notices(),
        "language_names": dict(settings.LANGUAGES),
        "is_news": model is NewsArticlePage,
        "feed_url": index_page.url + "feed/" if index_page.url else "",
    }
