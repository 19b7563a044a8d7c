from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Operations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import periodic

        if settings.BACKUP_DAILY_AT:
            periodic.register("backup", "operations.backup.backup_scheduled", at=settings.BACKUP_DAILY_AT)
        periodic.register("purge-sign-in-records", "operations.retention.sign_in_records_purge_daily", at="03:45")
