"""Peer exchanges: one city asks another to share its practice, and they talk it through.

A request moves requested → accepted or declined → under way → completed (or cancelled);
the database refuses any other step (`exchange_step_allowed`) and a request to oneself.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workflow import AuditEvent, StepGuard, StepGuardedQuerySet, steps_allowed


class State(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    UNDER_WAY = "under-way", _("Under way")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATES = (State.REQUESTED, State.ACCEPTED, State.UNDER_WAY)

# Every allowed step (from, to). The database refuses any other pair.
TRANSITIONS = [
    (State.REQUESTED, State.ACCEPTED),
    (State.REQUESTED, State.DECLINED),
    (State.REQUESTED, State.CANCELLED),
    (State.ACCEPTED, State.UNDER_WAY),
    (State.ACCEPTED, State.CANCELLED),
    (State.UNDER_WAY, State.COMPLETED),
    (State.UNDER_WAY, State.CANCELLED),
]


class ExchangeRequestQuerySet(StepGuardedQuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def between(self, city, other):
        """Exchanges between the two cities, whichever asked."""
        return self.filter(
            models.Q(requester=city, partner=other) | models.Q(requester=other, partner=city),
        )

    def for_listing(self):
        return self.select_related("requester__country", "partner__country").prefetch_related("areas")


class ExchangeRequest(StepGuard, models.Model):
    requester = models.ForeignKey(
        "cities.City", on_delete=models.PROTECT, related_name="exchanges_asked", verbose_name=_("requesting city")
    )
    partner = models.ForeignKey(
        "cities.City", on_delete=models.PROTECT, related_name="exchanges_received", verbose_name=_("partner city")
    )
    areas = models.ManyToManyField("cities.PracticeArea", related_name="+", verbose_name=_("practice areas"))
    message = models.TextField(_("message"), max_length=4000)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REQUESTED)
    previous_state = models.CharField(max_length=20, blank=True, default="", editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    learning_note = models.TextField(_("learning note"), max_length=4000, blank=True)
    learning_note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("learning note written by"),
    )
    learning_note_at = models.DateTimeField(_("learning note written at"), null=True, blank=True)
    resource_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("draft Resource Hub item"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    objects = ExchangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("exchange request")
        verbose_name_plural = _("exchange requests")
        indexes = [
            models.Index(fields=["requester", "state"], name="exchange_requester_state"),
            models.Index(fields=["partner", "state"], name="exchange_partner_state"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(requester=models.F("partner")), name="exchange_not_to_self"),
            models.CheckConstraint(condition=models.Q(state__in=State.values), name="exchange_state_known"),
            models.CheckConstraint(
                condition=steps_allowed(first=State.REQUESTED, transitions=TRANSITIONS), name="exchange_step_allowed"
            ),
            models.CheckConstraint(
                condition=~models.Q(state=State.COMPLETED) | ~models.Q(learning_note=""),
                name="exchange_completed_has_learning_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.partner}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def side_of(self, city_id: int | None) -> str:
        if city_id == self.requester_id:
            return "requester"
        if city_id == self.partner_id:
            return "partner"
        return ""


class ExchangeMessage(models.Model):
    """One message in the thread between the two cities (no city: the Management Unit wrote it)."""

    exchange = models.ForeignKey(ExchangeRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    author_city = models.ForeignKey(
        "cities.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written for"),
    )
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("exchange message")
        verbose_name_plural = _("exchange messages")

    def __str__(self) -> str:
        return self.body[:60]


class ExchangeEvent(AuditEvent):
    """The audit trail: who moved an exchange from which state to which, when, and why."""

    exchange = models.ForeignKey(ExchangeRequest, on_delete=models.CASCADE, related_name="events")
    actor_city = models.ForeignKey(
        "cities.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("exchange event")
        verbose_name_plural = _("exchange events")
