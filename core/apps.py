from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_tables(*, using, **kwargs) -> None:
    """The database caches' tables (the rate-limit counters, `core/ratelimit.py`), made by every
    `migrate`, so a fresh checkout and the test database have them; existing tables are kept."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_create_cache_tables, sender=self)
        from . import frontend_cache

        frontend_cache.connect()  # purge the caching proxy when pages, footer or testimonials change
        from . import chrome, versions

        versions.connect()  # content versions are read once per request
        from django.core.signals import request_finished

        from .logs import request_done

        request_finished.connect(request_done, dispatch_uid="core-logs-request-done")  # log lines lose the id
        chrome.connect()  # the chrome's cache moves on when pages, sites or the footer change
