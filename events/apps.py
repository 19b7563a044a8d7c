from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from .models import EventPage

        page_published.connect(_places_may_have_freed, sender=EventPage, dispatch_uid="events-fill-places")


def _places_may_have_freed(sender, instance, **kwargs):
    """Wiring only: an event published with more places (or no limit) gives them to the people waiting."""
    from .services import registrations_fill

    registrations_fill(event=instance)
