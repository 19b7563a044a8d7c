"""The events lists (upcoming at /<lang>/events/, past at past/): filters from the query string with
facet counts, pages of cards, with no JavaScript (a GET form, like the Resource Hub's).

Every parameter is checked: an unknown one or a bad value is ignored and named in a notice; the page
never fails. The network holds hundreds of events, not millions: one query reads what the filters and
counts need of every event in the list, the counts are made here, and one more reads the page's cards
(their hub, region and locale joined).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from cities.selectors import get_taxonomy
from core.i18n import RTL_LANGUAGES, current_language
from core.params import bounded_int
from resources.listing import ActiveFilter, Facet

from . import selectors
from .languages import EVENT_LANGUAGES, language_name
from .models import ONLINE_FORMATS, EventKind, EventPage

PER_PAGE = 12
FACETS = ["kind", "hub", "region", "year", "language", "online"]
ONLINE_CHOICES = [("yes", _("Online or hybrid")), ("no", _("In person only"))]
MU = "mu"  # the "organised by" value for the Management Unit (no hub)


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    hub = forms.ChoiceField(label=_("Organised by"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language"), required=False)
    online = forms.ChoiceField(label=_("Online"), required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        taxonomy = get_taxonomy()
        self.fields["kind"].choices = [("", ""), *EventKind.choices]
        self.fields["hub"].choices = [
            ("", ""),
            *((code, taxonomy.label("hubs", code)) for code in taxonomy.hubs),
            (MU, _("Management Unit")),
        ]
        self.fields["region"].choices = [
            ("", ""),
            *((code, taxonomy.label("regions", code)) for code in taxonomy.regions),
        ]
        self.fields["year"].choices = [("", ""), *((str(year), str(year)) for year in years)]
        self.fields["language"].choices = [("", ""), *((code, language_name(code)) for code in EVENT_LANGUAGES)]
        self.fields["online"].choices = [("", ""), *ONLINE_CHOICES]


@dataclass
class Row:
    """What filtering and counting need of one event."""

    pk: int
    kind: str
    hub: str
    region: str
    year: int
    languages: frozenset
    online: str

    def value(self, name: str):
        return getattr(self, name)

    def matches(self, name: str, wanted) -> bool:
        if name == "language":
            return wanted in self.languages
        return self.value(name) == wanted


class EventListing:
    def __init__(self, params, *, language: str, past: bool):
        self.language = language
        self.past = past
        now = timezone.now()
        self.queryset = selectors.past(language, now=now) if past else selectors.upcoming(language, now=now)
        self.rows = [
            Row(
                pk=pk,
                kind=kind,
                hub=hub or MU,
                region=region or "",
                year=start.year,
                languages=frozenset([*(held or []), *(interpreted or [])]),
                online="yes" if fmt in ONLINE_FORMATS else "no",
            )
            for pk, kind, hub, region, start, held, interpreted, fmt in self.queryset.values_list(
                "pk", "kind", "hub__code", "region__code", "start", "languages", "interpretation", "format"
            )
        ]
        years = sorted({row.year for row in self.rows}, reverse=past)
        self.form = EventFilterForm(params, years=years)
        self.form.is_valid()
        known = set(self.form.fields) | {"page"}
        self.unknown = sorted(name for name in params if name not in known)
        self.invalid = sorted(self.form.errors)
        self.values = {name: value for name, value in self.form.cleaned_data.items() if value}
        self.bad_page = False

    def _matching(self, *, leave_out: str | None = None) -> list[Row]:
        wanted = [(name, value) for name, value in self.values.items() if name != leave_out]
        return [row for row in self.rows if all(row.matches(name, value) for name, value in wanted)]

    def querystring(self, **overrides) -> str:
        values = {**self.values, **overrides}
        return urlencode({key: value for key, value in values.items() if value})

    def facets(self) -> list[Facet]:
        facets = []
        for name in FACETS:
            field = self.form.fields[name]
            counts: Counter = Counter()
            for row in self._matching(leave_out=name):
                if name == "language":
                    counts.update(row.languages)
                else:
                    counts[str(row.value(name))] += 1
            selected = str(self.values.get(name, ""))
            options = [
                (value, label, counts.get(value, 0), value == selected)
                for value, label in field.choices
                if value != "" and (counts.get(value) or value == selected)
            ]
            facets.append(Facet(name, str(field.label), options))
        return facets

    def active(self) -> list[ActiveFilter]:
        active = []
        for name, field in self.form.fields.items():
            value = self.values.get(name)
            if value:
                shown = str(dict(field.choices).get(str(value), value))
                active.append(ActiveFilter(str(field.label), shown, self.querystring(**{name: ""})))
        return active

    def notices(self) -> list[str]:
        notices = [
            _gettext("Ignored an unknown filter: “%(name)s”.") % {"name": name[:60]} for name in self.unknown[:10]
        ]
        for name in self.invalid:
            notices.append(
                _gettext("Ignored a value that is not one of the choices for “%(label)s”.")
                % {"label": self.form.fields[name].label}
            )
        if self.bad_page:
            notices.append(_gettext("That page number does not exist; showing the nearest page."))
        return notices

    def page(self, number):
        ids = [row.pk for row in self._matching()]
        paginator = Paginator(ids, PER_PAGE)
        wanted = bounded_int(number, default=1, minimum=1, maximum=10**6)
        if number not in (None, "") and str(wanted) != str(number).strip():
            self.bad_page = True
        if wanted > paginator.num_pages:
            self.bad_page = self.bad_page or number not in (None, "")
            wanted = paginator.num_pages
        page = paginator.page(wanted)
        page.object_list = self.cards(list(page.object_list))
        return page

    def cards(self, ids: list[int]) -> list[EventPage]:
        found = (
            EventPage.objects.filter(pk__in=ids)
            .defer("body")
            .select_related("locale", "hub", "region", "country")
            .in_bulk()
        )
        cards = [found[pk] for pk in ids if pk in found]
        for card in cards:
            code = card.locale.language_code
            card.language_name = language_name(code)
            card.text_dir = "rtl" if code in RTL_LANGUAGES else "ltr"
        return cards


def listing_context(request, index_page, *, past: bool) -> dict:
    listing = EventListing(request.GET, language=current_language(), past=past)
    page = listing.page(request.GET.get("page"))
    base = index_page.get_url(request) or ""
    return {
        "listing": listing,
        "facets": listing.facets(),
        "page_obj": page,
        "items": page.object_list,
        "querystring": listing.querystring(),
        "active_filters": listing.active(),
        "notices": listing.notices(),
        "past": past,
        "upcoming_url": base,
        "past_url": base + index_page.reverse_subpage("past"),
        "calendar_url": base + index_page.reverse_subpage("calendar"),
        "action": base + (index_page.reverse_subpage("past") if past else ""),
    }
