"""Incidents (staff only): what happened, where, when, the challenges involved, and what the network
did about it on a dated timeline. Written only by `services.py`; who sees which in `permissions.py`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.l10n import number


class IncidentKind(models.TextChoices):
    ATTACK_PUBLIC_SPACE = "attack_public_space", _("Attack on a public space")
    HATE_CRIME = "hate_crime", _("Hate crime")
    UNREST = "unrest", _("Unrest")
    ONLINE_CAMPAIGN = "online_campaign", _("Online campaign")
    OTHER = "other", _("Other")


class IncidentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every incident for the Management Unit, their hubs' for hub staff, none for anyone else."""
        from core.visibility import hub_ids_of, is_management_unit

        if is_management_unit(user):
            return self
        hubs = hub_ids_of(user)
        return self.filter(hub_id__in=hubs) if hubs else self.none()


class Incident(models.Model):
    date = models.DateField(_("date"))
    city = models.ForeignKey(
        "cities.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("member authority"),
    )
    place_name = models.CharField(_("place name"), max_length=200, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    hub = models.ForeignKey(
        "cities.Hub", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Regional Hub")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=IncidentKind.choices)
    challenges = models.ManyToManyField("cities.Challenge", related_name="+", verbose_name=_("challenges involved"))
    summary = models.TextField(_("short summary"), max_length=2000)
    statement = models.ForeignKey(
        "events.StatementPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("solidarity statement"),
    )
    # Raised by every change: the assembled page's cached matches are keyed on it.
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [models.Index(fields=["hub", "date"], name="incident_hub_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(city__isnull=False)
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False) & ~Q(place_name="")),
                name="incident_has_a_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.place} ({self.date})"

    @property
    def place(self) -> str:
        return self.city.display_name if self.city_id else self.place_name

    def place_in(self, language: str) -> str:
        return self.city.display_name_in(language) if self.city_id else self.place_name

    @property
    def coordinates(self) -> tuple[float, float] | None:
        if self.city_id:
            return self.city.latitude, self.city.longitude
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude


class StepEvent(models.TextChoices):
    """The timeline's entries the platform writes itself: kept as a code and its values, and worded
    when read, in the reader's language (what staff type is kept as typed)."""

    RECORDED = "recorded", "recorded"
    STATEMENT_DRAFTED = "statement-drafted", "statement-drafted"
    STATEMENT_SENT = "statement-sent", "statement-sent"


class IncidentStep(models.Model):
    """One dated entry of an incident's timeline: what was done, by whom."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    when = models.DateField(_("date"))
    what = models.TextField(_("what was done"), max_length=4000, blank=True)
    event = models.CharField(max_length=40, choices=StepEvent.choices, blank=True)
    values = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["when", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"{self.when}: {self.text[:60]}"

    @property
    def text(self) -> str:
        """What was done, in the current language."""
        if self.event == StepEvent.RECORDED:
            return gettext("Incident recorded.")
        if self.event == StepEvent.STATEMENT_DRAFTED:
            return gettext("Solidarity statement drafted in four languages: %(title)s") % self.values
        if self.event == StepEvent.STATEMENT_SENT:
            count = self.values.get("count", 0)
            return ngettext(
                "Statement sent for co-signing: %(count)s invitation.",
                "Statement sent for co-signing: %(count)s invitations.",
                count,
            ) % {"count": number(count)}
        return self.what
