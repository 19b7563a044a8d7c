"""Engagement in the Wagtail admin: the dormant members and their check-ins (admin_views.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

urlpatterns = [
    path("dormant/", admin_views.dormant, name="dormant"),
    path("dormant/<int:pk>/check-in/", admin_views.check_in, name="check-in"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("engagement/", include((urlpatterns, "activity_admin"), namespace="activity_admin"))]


class EngagementMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.visible_in_menu(request)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return EngagementMenuItem(_("Dormant members"), reverse("activity_admin:dormant"), icon_name="time", order=149)
