from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from core.visibility import is_management_unit

from . import admin_views


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [
        path("people/personal-data/", admin_views.personal_data_find, name="operations_personal_data_find"),
        path("people/<int:pk>/personal-data/", admin_views.personal_data, name="operations_personal_data"),
        path(
            "people/<int:pk>/personal-data/erase/",
            admin_views.personal_data_erase_account,
            name="operations_personal_data_erase",
        ),
        path(
            "people/personal-data/address/",
            admin_views.personal_data_by_address,
            name="operations_personal_data_address",
        ),
        path(
            "people/personal-data/address/erase/",
            admin_views.personal_data_erase_address,
            name="operations_personal_data_address_erase",
        ),
        path("people/inactive/", admin_views.inactive_accounts, name="operations_inactive_accounts"),
    ]


class ManagementUnitMenuItem(MenuItem):
    def is_shown(self, request):
        return is_management_unit(request.user)


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return ManagementUnitMenuItem(
        _("Personal data"), reverse("operations_personal_data_find"), icon_name="user", order=900
    )


@hooks.register("register_user_listing_buttons")
def personal_data_button(user, request_user):
    if not is_management_unit(request_user):
        return []
    url = reverse("operations_personal_data", args=[user.pk])
    return [Button(_("Personal data"), url, icon_name="download", priority=90)]
