from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipsConfig(AppConfig):
    name = "memberships"
    verbose_name = _("Membership")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import periodic

        periodic.register("sweep-kept-letters", "memberships.letters.kept_letters_sweep_daily", at="03:15")
        periodic.register("expire-closed-letters", "memberships.services.application_letters_expire_daily", at="03:30")
