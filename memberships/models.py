"""Applications to join the network, and their review."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import AuthorityType, Challenge, Country, PracticeArea
from core.storage import private_storage
from core.workflow import AuditEvent, StepGuard, StepGuardedQuerySet, steps_allowed

# Letters live in the private storage of `STORAGES["private"]` (core/storage.py): local disk outside the public
# media by default, a private S3 prefix when S3 is configured. The migrations name it `PrivateStorage`.
PrivateStorage = private_storage


def letter_path(instance, filename) -> str:
    return f"letters/{secrets.token_hex(16)}.pdf"


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in-review", _("In review")
    MORE_INFO = "more-info", _("More information requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (State.SUBMITTED, State.IN_REVIEW, State.MORE_INFO, State.RESUBMITTED)

# Every allowed step (from, to). The database refuses any other pair.
TRANSITIONS = [
    (State.SUBMITTED, State.IN_REVIEW),
    (State.IN_REVIEW, State.MORE_INFO),
    (State.MORE_INFO, State.RESUBMITTED),
    (State.RESUBMITTED, State.IN_REVIEW),
    (State.IN_REVIEW, State.APPROVED),
    (State.IN_REVIEW, State.DECLINED),
    *[(state, State.WITHDRAWN) for state in OPEN_STATES],
]


LINK_DAYS_OPEN = 90
LINK_DAYS_DECIDED = 30


class JoinApplication(StepGuard, models.Model):
    # The authority
    authority_name = models.CharField(_("name of the authority"), max_length=200)
    authority_type = models.CharField(_("type of authority"), max_length=30, choices=AuthorityType.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country"))
    region_in_country = models.CharField(_("region, state or province"), max_length=200, blank=True)
    population = models.PositiveBigIntegerField(_("population"))
    website = models.URLField(_("website"), blank=True)
    # Its head
    head_name = models.CharField(_("name of the head of the authority"), max_length=200)
    head_title = models.CharField(_("title of the head of the authority"), max_length=200)
    # The focal point
    focal_name = models.CharField(_("focal point's name"), max_length=200)
    focal_role = models.CharField(_("focal point's role"), max_length=200)
    focal_email = models.EmailField(_("focal point's e-mail"))
    focal_phone = models.CharField(_("focal point's phone"), max_length=40)
    focal_languages = models.CharField(_("languages the focal point works in"), max_length=200, blank=True)
    # What it faces and hopes for
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="+", verbose_name=_("challenges faced"))
    priorities = models.ManyToManyField(PracticeArea, blank=True, related_name="+", verbose_name=_("priorities"))
    hopes = models.TextField(_("what the authority hopes to get from the network"), max_length=4000)
    letter = models.FileField(_("letter of commitment"), storage=private_storage, upload_to=letter_path)
    consent = models.BooleanField(_("consent to the privacy notice"))
    # Bookkeeping
    city = models.ForeignKey(
        "cities.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("member authority created or reactivated"),
    )
    language = models.CharField(_("language of the application"), max_length=8, choices=settings.LANGUAGES)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SUBMITTED)
    previous_state = models.CharField(max_length=20, blank=True, default="", editable=False)
    withdraw_token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe, editable=False)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StepGuardedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("application to join")
        verbose_name_plural = _("applications to join")
        constraints = [
            models.CheckConstraint(condition=models.Q(consent=True), name="application_has_consent"),
            models.CheckConstraint(condition=models.Q(state__in=State.values), name="application_state_known"),
            models.CheckConstraint(
                condition=steps_allowed(first=State.SUBMITTED, transitions=TRANSITIONS), name="application_step_allowed"
            ),
        ]

    def __str__(self) -> str:
        return self.authority_name

    @property
    def link_expires_at(self):
        """When the applicant's page (the link in every e-mail) stops working: 90 days after the last step
        while the application is open, 30 days after it is decided or withdrawn."""
        days = LINK_DAYS_OPEN if self.state in OPEN_STATES else LINK_DAYS_DECIDED
        return self.updated_at + timedelta(days=days)

    @property
    def link_expired(self) -> bool:
        return timezone.now() >= self.link_expires_at


class ApplicationEvent(AuditEvent):
    """The audit trail: who moved an application from which state to which, when, and why."""

    application = models.ForeignKey(JoinApplication, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    letter = models.FileField(
        _("letter sent with this step"), storage=private_storage, upload_to=letter_path, blank=True
    )

    class Meta(AuditEvent.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application events")


def kept_letter_path(instance, filename) -> str:
    return f"pending/{secrets.token_hex(16)}.pdf"


class KeptLetter(models.Model):
    """A valid letter kept while the applicant fixes another field (the form carries a signed token for it).
    Used once: the application that uses it deletes it; letters nobody used are swept after a day."""

    file = models.FileField(storage=private_storage, upload_to=kept_letter_path)
    filename = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kept letter")
        verbose_name_plural = _("kept letters")

    def __str__(self) -> str:
        return self.filename
