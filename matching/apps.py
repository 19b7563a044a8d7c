from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Peer matching")
    default_auto_field = "django.db.models.BigAutoField"
