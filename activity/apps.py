from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "activity"
    verbose_name = _("Engagement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What member authorities do is recorded from the other apps' saves (signals.py), after commit.
        from . import signals

        signals.connect()
