from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # the module also holds Wagtail's users app config
    name = "accounts"
    verbose_name = _("People")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from .admin_account import profile_language_follow
        from .groups import hub_page_saved, sync_group_permissions

        post_migrate.connect(sync_group_permissions, dispatch_uid="accounts.sync_group_permissions")
        # Wiring: whichever way a hub page is made, translated or moved, its hub's staff may edit it.
        post_save.connect(profile_language_follow, sender="accounts.User", dispatch_uid="accounts.profile_language")
        post_save.connect(hub_page_saved, sender="core.HubPage", dispatch_uid="accounts.hub_page_saved")


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms for this project's user model."""

    user_viewset = "accounts.viewsets.UserViewSet"
