from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People")
    default_auto_field = "django.db.models.BigAutoField"


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms for this project's user model."""

    user_viewset = "accounts.viewsets.UserViewSet"
