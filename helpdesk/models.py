"""The Regional Hubs' help desk and the Expert Pool."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.workflow import AuditEvent, StepGuard, StepGuardedQuerySet, steps_allowed


class Expert(models.Model):
    """A member of the Expert Pool: what they know, the languages they work in, where they work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert", verbose_name=_("person")
    )
    areas = models.ManyToManyField(
        "cities.PracticeArea", related_name="+", verbose_name=_("areas of expertise"), blank=True
    )
    languages = models.ManyToManyField("cities.Language", related_name="+", verbose_name=_("languages"), blank=True)
    regions = models.ManyToManyField(
        "cities.Region",
        related_name="+",
        verbose_name=_("regions"),
        blank=True,
        help_text=_("The regions the expert works in, the main one first."),
    )
    bio = models.TextField(_("short biography"), blank=True, max_length=4000)
    available = models.BooleanField(
        _("available"), default=True, help_text=_("Only available experts are suggested for requests.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("user"), FieldPanel("available")]),
        FieldPanel("areas"),
        FieldRowPanel([FieldPanel("languages"), FieldPanel("regions")]),
        FieldPanel("bio"),
    ]

    class Meta:
        ordering = ["user__name"]
        verbose_name = _("expert")
        verbose_name_plural = _("Expert Pool")

    def __str__(self) -> str:
        return str(self.user)


class Urgency(models.TextChoices):
    LOW = "low", _("Low: within a few weeks")
    NORMAL = "normal", _("Normal: within a week or two")
    URGENT = "urgent", _("Urgent: within days")


class State(models.TextChoices):
    OPEN = "open", _("Open")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


WAITING_STATES = (State.OPEN, State.ASSIGNED)
MAX_RESOURCES = 10  # Resource Hub pages linked to one request

# Every allowed step (from, to). The database refuses any other pair.
TRANSITIONS = [
    (State.OPEN, State.ASSIGNED),
    (State.ASSIGNED, State.ASSIGNED),  # handed to a colleague
    (State.OPEN, State.ANSWERED),  # answered straight away (by hub staff or the expert it was referred to)
    (State.ASSIGNED, State.ANSWERED),
    (State.ANSWERED, State.CLOSED),
    (State.OPEN, State.CLOSED),  # closed without an answer (a duplicate, out of scope), with a reason
    (State.ASSIGNED, State.CLOSED),
    (State.ANSWERED, State.OPEN),  # the asker says it is not solved
]


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Question asked")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened: not solved")
    REFERRED = "referred", _("Referred to an expert")
    DRAFTED = "drafted", _("Draft made for the Resource Hub")
    LINKED = "linked", _("Resource Hub reading linked")


# Steps whose notes are internal to the people handling the request (hub staff, the Management Unit).
INTERNAL_KINDS = (EventKind.ASSIGNED, EventKind.REFERRED, EventKind.DRAFTED)


class HelpRequestQuerySet(StepGuardedQuerySet):
    def waiting(self):
        return self.filter(state__in=WAITING_STATES)

    def for_listing(self):
        return self.select_related("city", "hub", "topic", "assignee", "referred_expert__user")


class HelpRequest(StepGuard, models.Model):
    """A question a member asks the help desk; it goes to its city's Regional Hub (or the central team)."""

    # Null once the person's account is erased; the question stays with the authority.
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="help_requests",
        verbose_name=_("asked by"),
    )
    city = models.ForeignKey(
        "cities.City", on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("member authority")
    )
    hub = models.ForeignKey(
        "cities.Hub",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("Regional Hub"),
        help_text=_("Empty: the central team of the Management Unit."),
    )
    topic = models.ForeignKey(
        "cities.PracticeArea", on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("topic")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("question"), max_length=8000)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    previous_state = models.CharField(max_length=20, blank=True, default="", editable=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    answer = models.TextField(_("answer"), blank=True, max_length=16000)
    referred_expert = models.ForeignKey(
        Expert,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("referred to expert"),
    )
    resource_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Resource Hub draft"),
    )
    # Published Resource Hub pages the help desk points the asker to, in the language they were chosen in;
    # the asker reads each in their own language where it is translated (`selectors.linked_resources`).
    resources = models.ManyToManyField(
        "resources.ResourcePage", blank=True, related_name="+", verbose_name=_("Resource Hub reading")
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("help-desk request")
        verbose_name_plural = _("help-desk requests")
        constraints = [
            models.CheckConstraint(condition=models.Q(state__in=State.values), name="help_request_state_known"),
            models.CheckConstraint(
                condition=steps_allowed(first=State.OPEN, transitions=TRANSITIONS), name="help_request_step_allowed"
            ),
            models.CheckConstraint(condition=models.Q(urgency__in=Urgency.values), name="help_request_urgency_known"),
            models.CheckConstraint(
                condition=~models.Q(state=State.ANSWERED) | ~models.Q(answer=""),
                name="help_request_answered_has_answer",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "hub"], name="help_request_state_hub"),
            models.Index(fields=["city", "created_at"], name="help_request_city_created"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_waiting(self) -> bool:
        return self.state in WAITING_STATES


class HelpEvent(AuditEvent):
    """The audit trail: who did what to a request, when, from which state to which, and why."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=20, choices=EventKind.choices)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("help-desk event")
        verbose_name_plural = _("help-desk events")

    def __str__(self) -> str:
        return f"{self.kind}: {self.from_state or '-'} → {self.to_state}"

    @property
    def is_internal(self) -> bool:
        return self.kind in INTERNAL_KINDS
