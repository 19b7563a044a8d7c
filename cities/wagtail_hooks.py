"""The network in the Wagtail admin: members, hubs, regions, countries, taxonomy."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Challenge, City, Country, Hub, PracticeArea, Region, Stage


class CityFilterSet(WagtailFilterSet):
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Membership stage"))

    class Meta:
        model = City
        fields = ["stage", "authority_type", "settlement_type", "isc_seat", "contributing_member", "is_demo"]


class CityViewSet(SnippetViewSet):
    model = City
    icon = "globe"
    menu_label = _("Member authorities")
    list_display = ["name", "country", "authority_type", "stage", "updated_at"]
    list_per_page = 50
    filterset_class = CityFilterSet
    ordering = ["name"]

    def get_queryset(self, request):
        return City.objects.select_related("country")


class HubViewSet(SnippetViewSet):
    model = Hub
    icon = "site"
    list_display = ["name_en", "code", "region", "color"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name_en", "code"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "flag"
    list_display = ["code", "name", "region"]
    list_per_page = 100

    def get_queryset(self, request):
        return Country.objects.select_related("region")


class ChallengeViewSet(SnippetViewSet):
    model = Challenge
    icon = "warning"
    list_display = ["name_en", "code"]


class PracticeAreaViewSet(SnippetViewSet):
    model = PracticeArea
    icon = "tick-inverse"
    list_display = ["name_en", "code"]


class NetworkGroup(SnippetViewSetGroup):
    menu_label = _("Network")
    menu_icon = "globe"
    menu_order = 150
    items = (CityViewSet, HubViewSet, RegionViewSet, CountryViewSet, ChallengeViewSet, PracticeAreaViewSet)


register_snippet(NetworkGroup)
