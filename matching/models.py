"""Stored suggestions: pages read these and never wait for the engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PEERS = "peers", _("Cities like this one")
    HELPERS = "helpers", _("Who can help")
    PAIRS = "pairs", _("Learning pairs")


class Suggestion(models.Model):
    """One ranked list for one authority, as the engine gave it at `computed_at`.

    `matches` holds [slug, score] pairs, best first (pages recompute the components and
    reasons of the few they show). `area` is set for "who can help with this one practice
    area" lists and empty otherwise.
    """

    city = models.ForeignKey("cities.City", on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    area = models.CharField(_("practice area"), max_length=60, blank=True)
    matches = models.JSONField(_("matches"), default=list)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("suggestion list")
        verbose_name_plural = _("suggestion lists")
        constraints = [models.UniqueConstraint(fields=["city", "kind", "area"], name="suggestion_once")]

    def __str__(self) -> str:
        return f"{self.city_id} {self.kind} {self.area}".strip()
