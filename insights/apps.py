from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Insights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app says what work waits in its own `<app>/insights.py` (registered on import), as
        # Wagtail finds `wagtail_hooks.py`: the apps keep their rules, this app only shows them.
        from django.utils.module_loading import autodiscover_modules

        from core import periodic

        from . import signals

        autodiscover_modules("insights")
        signals.connect()  # the figures' cache moves on after a change to what they count
        # The figures are kept per day too: computed just after midnight, before anyone asks.
        periodic.register("recompute-insights", "insights.tasks.recompute_figures_daily", at="00:05")
