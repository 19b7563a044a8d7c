"""What member authorities do, as a dated record per city (issue 15, part 2: engagement).

`Activity` rows are written only by `services.activity_record` (after the commit of what they record,
from `signals.py`, or in bulk by `backfill.py` and `scale.py`); `CityEngagement` keeps each city's
latest one so that the dormant list reads one narrow row per city, not the whole record; `CheckIn`
logs the hub's "check in" e-mails. No personal data beyond who did it (`actor`, kept as the network's
record when the person's account is erased: SET_NULL).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROFILE = "profile", _("Profile updated")
    EXCHANGE_REQUESTED = "exchange-requested", _("Exchange requested")
    EXCHANGE_STEP = "exchange-step", _("Exchange answered or moved on")
    EXCHANGE_MESSAGE = "exchange-message", _("Message in an exchange")
    HELP_REQUEST = "help-request", _("Question to the help desk")
    EVENT_ATTENDED = "event-attended", _("Event attended")
    ENDORSEMENT = "endorsement", _("Declaration endorsed")
    COMMITMENT_PROGRESS = "commitment-progress", _("Progress reported on a commitment")
    ACTION_PROGRESS = "action-progress", _("Progress on an action from an event")
    RESOURCE = "resource", _("Resource Hub item about the authority")


class Level(models.TextChoices):
    ACTIVE = "active", _("Active")
    QUIET = "quiet", _("Quiet")
    DORMANT = "dormant", _("Dormant")


class Activity(models.Model):
    """One thing a member authority did (or that was published about it), when, and by whom."""

    city = models.ForeignKey(
        "cities.City", on_delete=models.CASCADE, related_name="activities", verbose_name=_("member authority")
    )
    kind = models.CharField(_("what"), max_length=30, choices=Kind.choices)
    at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    # The record it comes from (an exchange message, a registration…): one activity per record, city and
    # kind, so that recording it twice (a signal, then the backfill) keeps one row. Empty for generated rows.
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    label = models.CharField(_("note"), max_length=100, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["city", "-at"], name="activity_city_latest")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="activity_kind_known"),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="activity_source_whole",
            ),
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "city"],
                condition=Q(source_id__isnull=False),
                name="activity_once_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"


class CityEngagement(models.Model):
    """One row per authority, kept in step by every write of `Activity` and every save of the authority
    (`services.engagement_sync`): its latest activity, and copies of what the dormant list filters on
    (member or not, its hub, when it joined), so that the list and the admin home's count read this
    narrow table through one index, never the wide authorities' table, at 100,000 authorities.
    `quiet_since` is the later of the last activity and the day it joined: dormant when that is older
    than ENGAGEMENT_DORMANT_DAYS (or unknown). The level is worked out when read (`services.level_of`):
    it changes with the passing of time, not only with writes."""

    city = models.OneToOneField("cities.City", on_delete=models.CASCADE, primary_key=True, related_name="engagement")
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_kind = models.CharField(_("last activity: what"), max_length=30, choices=Kind.choices, blank=True)
    is_member = models.BooleanField(_("member"), default=False)
    hub = models.ForeignKey(
        "cities.Hub", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Regional Hub")
    )
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    quiet_since = models.DateTimeField(_("nothing since"), null=True, blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagement")
        indexes = [
            models.Index(fields=["is_member", "quiet_since", "city"], name="engagement_dormant"),
            models.Index(fields=["is_member", "hub", "quiet_since", "city"], name="engagement_dormant_hub"),
        ]

    def __str__(self) -> str:
        return f"{self.city_id}: {self.last_activity_at}"


class CheckIn(models.Model):
    """A "check in" e-mail from the hub (or the central team) to an authority's focal points."""

    city = models.ForeignKey(
        "cities.City", on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("member authority")
    )
    hub = models.ForeignKey(
        "cities.Hub",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the Regional Hub"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        indexes = [models.Index(fields=["city", "-sent_at"], name="check_in_city_latest")]

    def __str__(self) -> str:
        return f"{self.city_id} ({self.sent_at:%Y-%m-%d})"


class CheckInRecipient(models.Model):
    """Who a check-in went to (a focal point's account) and in which language; no address kept."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("person")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("check-in recipient")
        verbose_name_plural = _("check-in recipients")

    def __str__(self) -> str:
        return f"{self.check_in_id} → {self.person_id}"
