"""Crisis mode in the Wagtail admin (admin_views.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_use_crisis_mode

urlpatterns = [
    path("", admin_views.incidents, name="list"),
    path("new/", admin_views.incident_create, name="create"),
    path("<int:pk>/", admin_views.incident_detail, name="incident"),
    path("<int:pk>/edit/", admin_views.incident_edit, name="edit"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("incidents/", include((urlpatterns, "crisis_admin"), namespace="crisis_admin"))]


class IncidentsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_crisis_mode(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return IncidentsMenuItem(_("Incidents"), reverse("crisis_admin:list"), icon_name="warning", order=149)
