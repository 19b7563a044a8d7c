from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "helpdesk"
    verbose_name = _("Help desk and Expert Pool")
    default_auto_field = "django.db.models.BigAutoField"
