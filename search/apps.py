from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every page type, including those of apps added later, indexes its text folded
        # (search/indexing.py). Models are all loaded before any app's ready() runs.
        from .indexing import install_folded_fields

        install_folded_fields()
