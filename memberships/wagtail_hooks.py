from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

app_name = "memberships_admin"

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/act/", admin_views.act, name="act"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("applications/", include((urlpatterns, "memberships_admin"), namespace="memberships_admin"))]


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.visible_in_menu(request)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ApplicationsMenuItem(_("Applications"), reverse("memberships_admin:queue"), icon_name="form", order=140)
