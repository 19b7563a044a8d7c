"""The outbox (failed e-mails, resend) and "send a new invitation" in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import admin_views
from .visibility import is_management_unit

urlpatterns = [
    path("", admin_views.outbox, name="outbox"),
    path("<int:pk>/resend/", admin_views.resend, name="resend"),
    path("invite/<int:user_pk>/", admin_views.invite, name="invite"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("outbox/", include((urlpatterns, "core_admin"), namespace="core_admin"))]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.visible_in_menu(request)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return OutboxMenuItem(_("Outbox"), reverse("core_admin:outbox"), icon_name="mail", order=900)


@hooks.register("register_user_listing_buttons")
def invitation_button(user, request_user):
    if is_management_unit(request_user) and user.is_active:
        yield Button(
            _("Send a new invitation"), url=reverse("core_admin:invite", args=[user.pk]), icon_name="mail", priority=50
        )
