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


action_urlpatterns = [
    path("", admin_views.actions_board, name="board"),
    path("event/<int:pk>/", admin_views.event_actions, name="event"),
    path("event/<int:pk>/report-cities/", admin_views.report_cities, name="report_cities"),
    path("<int:pk>/", admin_views.action_detail, name="action"),
]


statement_urlpatterns = [path("", admin_views.statements_list, name="list")]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "statements/",
            include((statement_urlpatterns, "events_admin_statements"), namespace="events_admin_statements"),
        ),
        path("event-registrations/", include((urlpatterns, "events_admin"), namespace="events_admin")),
        path("event-actions/", include((action_urlpatterns, "events_admin_actions"), namespace="events_admin_actions")),
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.visible_in_menu(request)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RegistrationsMenuItem(_("Event registrations"), reverse("events_admin:events"), icon_name="date", order=146)


@hooks.register("register_admin_menu_item")
def register_actions_menu_item():
    return RegistrationsMenuItem(
        _("Actions from events"), reverse("events_admin_actions:board"), icon_name="tasks", order=147
    )


class StatementsMenuItem(MenuItem):
    def is_shown(self, request):
        from .permissions import can_invite_to_cosign

        return can_invite_to_cosign(request.user)


@hooks.register("register_admin_menu_item")
def register_statements_menu_item():
    return StatementsMenuItem(
        _("Solidarity statements"), reverse("events_admin_statements:list"), icon_name="mail", order=148
    )
