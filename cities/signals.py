"""Cache invalidation only: any change to network data bumps the data version
(on commit), and each request reads the version afresh."""

from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import models, selectors
from .selectors import bump_data_version

WATCHED = (
    models.City,
    models.CityChallenge,
    models.CityOffer,
    models.CityNeed,
    models.Region,
    models.Hub,
    models.Country,
    models.Challenge,
    models.PracticeArea,
)


@receiver(post_save)
@receiver(post_delete)
def network_data_changed(sender, **kwargs):
    if sender in WATCHED:
        bump_data_version()


@receiver(m2m_changed, sender=models.City.working_languages.through)
def working_languages_changed(sender, **kwargs):
    bump_data_version()


request_started.connect(selectors.request_started, dispatch_uid="cities-data-version-request-started")
request_finished.connect(selectors.request_finished, dispatch_uid="cities-data-version-request-finished")
