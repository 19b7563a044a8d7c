"""Recording activities as they happen, without touching the apps they come from: a receiver per
source (`sources.py`) on its model's `post_save` (Wagtail's `page_published` for the Resource Hub),
connected by `ActivityConfig.ready`. What a row says is read at once; it is written after the commit
(never for a change rolled back), and a failure there is logged, never the person's error."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from . import services
from .models import Kind
from .sources import SOURCES, attendance_source

log = logging.getLogger(__name__)


def _later(entries) -> None:
    if entries:
        transaction.on_commit(lambda: services.activity_record(entries), robust=True)


def _saved(source_name: str):
    source = SOURCES[source_name]

    def receiver(sender, instance, created, raw=False, **kwargs):
        if raw or not created:
            return
        _later(source.entries(instance))

    receiver.__name__ = f"record_{source_name.replace('-', '_')}"
    return receiver


def _attendance(sender, instance, created, raw=False, **kwargs):
    """Each step of a registration (attendance marked, cleared, a cancellation) is a `RegistrationEvent`."""
    if raw or not created:
        return
    entries = SOURCES["attendance"].entries(instance)
    if entries:
        _later(entries)
    else:
        source = attendance_source(instance.registration_id)
        transaction.on_commit(lambda: services.activity_forget(source=source, kind=Kind.EVENT_ATTENDED), robust=True)


def _published(sender, instance, **kwargs):
    _later(SOURCES["resources"].entries(instance))


# What the dormant list filters on, copied on each authority's engagement row (services.engagement_sync):
# a stage, date joined or country changed; a country moved to another region; a hub to another region.


def _sync_later(city_ids) -> None:
    transaction.on_commit(lambda: services.engagement_sync(city_ids=city_ids()), robust=True)


def _city_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        pk = instance.pk
        _sync_later(lambda: [pk])


def _country_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        from cities.models import City

        code = instance.pk
        _sync_later(lambda: list(City.objects.filter(country_id=code).values_list("pk", flat=True)))


def _hub_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from cities.models import City

        from .models import CityEngagement

        pk, region_id = instance.pk, instance.region_id

        def cities():
            now_in = set(City.objects.filter(country__region_id=region_id).values_list("pk", flat=True))
            return list(now_in | set(CityEngagement.objects.filter(hub_id=pk).values_list("city_id", flat=True)))

        _sync_later(cities)


_receivers: list = []


def connect() -> None:
    for name in ("profile", "exchange-steps", "exchange-messages", "help-requests", "endorsements",
                 "commitment-progress", "action-progress"):  # fmt: skip
        receiver = _saved(name)
        _receivers.append(receiver)  # signals keep weak references
        post_save.connect(receiver, sender=SOURCES[name].model(), dispatch_uid=f"activity-{name}")
    post_save.connect(_attendance, sender=SOURCES["attendance"].model(), dispatch_uid="activity-attendance")
    page_published.connect(_published, dispatch_uid="activity-resources")
    from cities.models import City, Country, Hub

    post_save.connect(_city_saved, sender=City, dispatch_uid="activity-city")
    post_save.connect(_country_saved, sender=Country, dispatch_uid="activity-country")
    post_save.connect(_hub_saved, sender=Hub, dispatch_uid="activity-hub")
