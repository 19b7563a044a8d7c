from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource Hub and news")

    def ready(self):
        from wagtail.signals import page_published

        from . import signals
        from .tasks import on_page_published

        signals.connect()
        # Cache warming only: a published toolkit's PDF is built in the background (tasks.py).
        page_published.connect(on_page_published, dispatch_uid="resources-toolkit-pdf")
