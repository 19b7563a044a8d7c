"""Event registrations in the Wagtail admin (admin_views.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

urlpatterns = [
    path("", admin_views.events, name="events"),
    path("<int:pk>/", admin_views.registrants, name="registrants"),
    path("<int:pk>/registrants.csv", admin_views.export, name="export"),
    path("<int:pk>/<int:registration_pk>/attendance/", admin_views.attendance, name="attendance"),
    path("<int:pk>/<int:registration_pk>/cancel/", admin_views.cancel, name="cancel"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("event-registrations/", include((urlpatterns, "events_admin"), namespace="events_admin"))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.visible_in_menu(request)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RegistrationsMenuItem(_("Event registrations"), reverse("events_admin:events"), icon_name="date", order=146)
