"""Cache invalidation only: any change to network data bumps the data version."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import models
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
