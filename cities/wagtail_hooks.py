"""The network in the Wagtail admin: members, hubs, regions, countries, taxonomy."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import RevisionsRevertMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from activity.selectors import engagement_label

from .models import Challenge, City, Country, Hub, PracticeArea, Region, Stage
from .services import city_keep_old_slug, city_lock_for_edit


class CityFilterSet(WagtailFilterSet):
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Membership stage"))

    class Meta:
        model = City
        fields = ["stage", "authority_type", "settlement_type", "isc_seat", "contributing_member", "is_demo"]


class TakesEditVersion:
    """An admin save of a member authority takes the row lock and the next edit version, in the
    transaction Wagtail opens around `save_instance`, so a focal point's form opened before it
    is refused as stale (cities/services.py) instead of silently reverting it."""

    def save_instance(self):
        old_slug = ""
        if self.form.instance.pk:
            self.form.instance.edit_version = city_lock_for_edit(city=self.form.instance)
            old_slug = City.objects.filter(pk=self.form.instance.pk).values_list("slug", flat=True).first() or ""
        instance = super().save_instance()
        # A changed address: the old one keeps leading to the profile.
        city_keep_old_slug(city=instance, old_slug=old_slug)
        return instance


class CityEditView(TakesEditVersion, EditView):
    pass


class CityViewSet(SnippetViewSet):
    model = City
    edit_view_class = CityEditView
    icon = "globe"
    menu_label = _("Member authorities")
    list_display = [
        "name", "country", "authority_type", "stage",
        Column("engagement", label=_("Engagement"), accessor=engagement_label),
        "updated_at",
    ]  # fmt: skip
    list_per_page = 50
    filterset_class = CityFilterSet
    ordering = ["name"]

    def get_queryset(self, request):
        return City.objects.select_related("country", "engagement")

    @property
    def revisions_revert_view_class(self):
        # Wagtail's revert view puts its own save_instance first: take the version before it.
        bases = (TakesEditVersion, RevisionsRevertMixin, EditView)
        return type("CityRevisionsRevertView", bases, {"view_name": "revisions_revert"})


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


@hooks.register("register_admin_urls")
def register_stage_urls():
    """The Management Unit's "Change the stage" (the stage is read-only on the edit form)."""
    from django.urls import include, path

    from . import admin_views

    urls = [path("<int:pk>/", admin_views.stage_change, name="stage-change")]
    return [path("cities/stage/", include((urls, "cities_admin"), namespace="cities_admin"))]
