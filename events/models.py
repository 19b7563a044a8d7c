"""Events (Wagtail pages): the index at /<lang>/events/ (past/, calendar/) and the network
calendar, and one page per event with its calendar file.

Times are kept in UTC with the event's zone (`times.py`); the editor types them as the clock reads
where the event happens (`forms.EventPageForm`)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import SitePage
from core.workflow import AuditEvent, StepGuard, StepGuardedQuerySet, steps_allowed
from resources.models import ArticleBodyBlock

from . import times
from .forms import EventPageForm
from .languages import EVENT_LANGUAGES, language_name


class EventKind(models.TextChoices):
    SUMMIT = "summit", _("Global summit")
    WORKSHOP = "workshop", _("Regional workshop")
    WEBINAR = "webinar", _("Webinar")
    TRAINING = "training", _("Training")
    EXCHANGE_VISIT = "exchange_visit", _("Exchange visit")
    OTHER = "other", _("Other")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


ONLINE_FORMATS = (EventFormat.ONLINE, EventFormat.HYBRID)


class RegistrationOpenTo(models.TextChoices):
    NONE = "none", _("No registration on this site")
    MEMBERS = "members", _("Signed-in members of the network")
    ANYONE = "anyone", _("Anyone")


class Audience(models.TextChoices):
    """Whom a report's recommendations are for, in the order the report lists them."""

    CITIES = "cities", _("For cities and local governments")
    NATIONAL = "national", _("For national governments")
    PARTNERS = "partners", _("For partners")
    NETWORK = "network", _("For the network")


class RecommendationsBlock(blocks.StreamBlock):
    """One list of recommendations per audience (each a short paragraph)."""

    cities = blocks.ListBlock(blocks.TextBlock(label=_("Recommendation")), label=Audience.CITIES.label)
    national = blocks.ListBlock(blocks.TextBlock(label=_("Recommendation")), label=Audience.NATIONAL.label)
    partners = blocks.ListBlock(blocks.TextBlock(label=_("Recommendation")), label=Audience.PARTNERS.label)
    network = blocks.ListBlock(blocks.TextBlock(label=_("Recommendation")), label=Audience.NETWORK.label)

    class Meta:
        label = _("Recommendations")


class EventIndexPage(RoutablePageMixin, SitePage):
    """/<lang>/events/: upcoming events, past/ for the past ones, calendar/ for the network calendar
    in this language (every event of the last year and to come)."""

    search_kind = "pages"
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage", "events.DeclarationPage", "events.StatementPage"]
    max_count_per_parent = 1
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("events index")

    def get_cached_paths(self):
        return ["/", "/past/", "/calendar/"]

    def listing(self, request, *, past: bool):
        from .listing import listing_context

        context = self.get_context(request)
        context.update(listing_context(request, self, past=past))
        return self.render(request, context_overrides=context)

    @path("")
    def upcoming(self, request):
        return self.listing(request, past=False)

    @path("past/")
    def past(self, request):
        return self.listing(request, past=True)

    @path("calendar/")
    def calendar(self, request):
        from .calendar import calendar_response, network_calendar

        return calendar_response(network_calendar(self, request), f"{self.slug}-{self.locale.language_code}.ics")


class EventPage(RoutablePageMixin, SitePage):
    search_kind = "pages"
    template = "events/event_page.html"
    base_form_class = EventPageForm

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.WORKSHOP)
    summary = models.TextField(_("summary"), max_length=600, help_text=_("One or two sentences, shown on cards."))
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("programme and details"))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        help_text=_(
            "Where the event happens (for an online event, its organisers' zone). Times are typed as the clock reads there."
        ),
    )
    format = models.CharField(_("format"), max_length=12, choices=EventFormat.choices, default=EventFormat.IN_PERSON)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True, max_length=500)
    country = models.ForeignKey(
        "cities.Country", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )  # fmt: skip
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )  # fmt: skip
    languages = models.JSONField(_("languages"), default=list, blank=True)
    interpretation = models.JSONField(_("interpretation into"), default=list, blank=True)
    hub = models.ForeignKey(
        "cities.Hub",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organising Regional Hub"),
        help_text=_("Leave empty for the Management Unit."),
    )
    region = models.ForeignKey(
        "cities.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Filled from the country when left empty."),
    )
    topics = ParentalManyToManyField("cities.Challenge", blank=True, related_name="+", verbose_name=_("topics"))
    cities = ParentalManyToManyField(
        "cities.City", blank=True, related_name="events", verbose_name=_("member cities involved")
    )
    registration = models.CharField(
        _("registration open to"), max_length=10, choices=RegistrationOpenTo.choices, default=RegistrationOpenTo.NONE
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. When the places are taken, people join the waiting list."),
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Leave empty to close when the event starts.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    # The report, written after the event (shown at report/ once it has a summary)
    report_summary = RichTextField(
        _("summary of the event"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"]
    )
    recommendations = StreamField(RecommendationsBlock(), blank=True, verbose_name=_("recommendations"))
    represented_cities = ParentalManyToManyField(
        "cities.City",
        blank=True,
        related_name="events_represented",
        verbose_name=_("member cities represented"),
        help_text=_(
            "Filled from attendance (“Add the cities that attended” in Actions from events); add or remove cities here."
        ),
    )

    override_translatable_fields = [
        SynchronizedField("registration"),
        SynchronizedField("capacity"),
        SynchronizedField("registration_closes"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("time_zone"),
        SynchronizedField("languages"),
        SynchronizedField("interpretation"),
        SynchronizedField("topics"),
        SynchronizedField("cities"),
        SynchronizedField("represented_cities"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("report_summary"),
        index.FilterField("start"),
        index.FilterField("kind"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("languages"), FieldPanel("interpretation")],
            heading=_("Languages"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration"), FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_closes")])],
            heading=_("Registration"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("hub"),
                FieldPanel("region"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("cities"),
            ],
            heading=_("Organisers, topics and member cities"),
        ),
    ]
    report_panels = [
        FieldPanel("report_summary"),
        FieldPanel("recommendations"),
        FieldPanel("represented_cities"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Event")),
            ObjectList(report_panels, heading=_("Report")),
            ObjectList(SitePage.promote_panels, heading=_("Promote")),
            ObjectList(SitePage.settings_panels, heading=_("Settings"), classname="settings"),
        ]
    )
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="event_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(format__in=EventFormat.values), name="event_format_known"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_known"),
            models.CheckConstraint(
                condition=Q(registration__in=RegistrationOpenTo.values), name="event_registration_known"
            ),
        ]

    # Checks (the admin form's, `forms.EventPageForm`, turn these into messages next to each field)

    def clean(self):
        super().clean()
        errors = {}
        if self.time_zone not in times.zone_names():
            errors["time_zone"] = _("Choose a time zone from the list.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both the latitude and the longitude, or neither."
            )
        if self.format != EventFormat.ONLINE and not self.venue_name.strip():
            errors["venue_name"] = _("Say where the event takes place.")
        unknown = [code for code in [*self.languages, *self.interpretation] if code not in EVENT_LANGUAGES]
        if unknown:
            errors["languages"] = _("Choose languages from the list.")
        if self.registration_closes and self.start and self.registration_closes > self.start:
            errors["registration_closes"] = _("Registration must close by the time the event starts.")
        if errors:
            raise ValidationError(errors)
        if self.region_id is None and self.country_id:
            self.region_id = self.country.region_id

    # For pages and lists

    @property
    def online(self) -> bool:
        return self.format in ONLINE_FORMATS

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def registration_deadline(self):
        return self.registration_closes or self.start

    def registration_is_open(self, now=None) -> bool:
        return self.registration != RegistrationOpenTo.NONE and (now or timezone.now()) < self.registration_deadline

    def venue_map(self):
        """The venue on a small map drawn here (`venue_map.py`), or "" without coordinates."""
        if not self.has_place:
            return ""
        from .venue_map import venue_svg

        place = ", ".join(part for part in (self.venue_name, self.country.name if self.country else "") if part)
        label = _("Map: where the event takes place, %(place)s") % {"place": place} if place else _("Map of the venue")
        return venue_svg(float(self.latitude), float(self.longitude), str(label))

    def registration_deadline_display(self) -> str:
        return times.local_datetime(self.registration_deadline, self.time_zone)

    def times(self) -> dict:
        return times.span(self.start, self.end, self.time_zone)

    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    def interpretation_names(self) -> list[str]:
        return [language_name(code) for code in self.interpretation]

    def get_cached_paths(self):
        return ["/", "/ical/", "/report/"]

    # The report

    @property
    def has_report(self) -> bool:
        return bool((self.report_summary or "").strip())

    def recommendations_by_audience(self) -> list[tuple[str, list[str]]]:
        """(audience, recommendations) in the report's order, audiences without any left out."""
        grouped: dict[str, list[str]] = {}
        for block in self.recommendations or []:
            grouped.setdefault(block.block_type, []).extend(str(text) for text in block.value if str(text).strip())
        return [(str(audience.label), grouped[audience.value]) for audience in Audience if grouped.get(audience.value)]

    def get_context(self, request, *args, **kwargs):
        from cities.models import City

        context = super().get_context(request, *args, **kwargs)
        context["index_url"] = self.get_parent().get_url(request)
        ids = [city.pk for city in self.cities.all()]
        context["involved_cities"] = list(City.objects.public().filter(pk__in=ids).order_by("name")) if ids else []
        context["calendar_url"] = (self.get_url(request) or "") + self.reverse_subpage("ics")
        return context

    @path("report/", name="report")
    def report(self, request):
        """What came out of the event: who was represented, the summary, the recommendations by
        audience and the next steps with their owners and status (public fields only)."""
        from cities.models import City

        from .selectors import actions_of_event

        if not self.has_report:
            raise Http404
        ids = [city.pk for city in self.represented_cities.all()]
        represented = list(City.objects.public().filter(pk__in=ids).select_related("country").order_by("name"))
        context = self.get_context(request)
        context.update(
            {
                "represented_cities": represented,
                "represented_countries": len({city.country_id for city in represented}),
                "recommendations": self.recommendations_by_audience(),
                "actions": actions_of_event(self),
            }
        )
        return self.render(request, template="events/event_report.html", context_overrides=context)

    @path("ical/", name="ics")
    def ics(self, request):
        from .calendar import calendar_response, event_calendar

        if not self.live:
            raise Http404
        return calendar_response(event_calendar(self, request), f"{self.slug}.ics")


# Registration (services.py decides; the database keeps it honest)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)

# Every allowed step (from, to): someone on the waiting list moves up when a place frees; anyone cancels.
REGISTRATION_STEPS = [
    (RegistrationStatus.WAITING, RegistrationStatus.REGISTERED),
    (RegistrationStatus.REGISTERED, RegistrationStatus.CANCELLED),
    (RegistrationStatus.WAITING, RegistrationStatus.CANCELLED),
]


class RegistrationQuerySet(StepGuardedQuerySet):
    def for_event(self, event):
        return self.filter(event_key=event.translation_key)

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Registration(StepGuard, models.Model):
    """One person's place (or place in the queue) at an event, in every language version of it (the
    event's translation group, `event_key`). Names and addresses are staff-only (`permissions.py`)."""

    workflow_fields = ("status", "previous_status")

    event_key = models.UUIDField(_("event"), db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="event_registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation or city"), max_length=200, blank=True)
    city = models.ForeignKey(
        "cities.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("member city"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    previous_status = models.CharField(max_length=12, blank=True, default="", editable=False)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    cancel_token = models.CharField(max_length=64, blank=True, default="", editable=False)  # a digest, not the token
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event_key", "status", "created_at"], name="registration_queue")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=RegistrationStatus.values), name="registration_status_known"),
            models.CheckConstraint(
                condition=steps_allowed(
                    first=ACTIVE_STATUSES, transitions=REGISTRATION_STEPS, state="status", previous="previous_status"
                ),
                name="registration_step_allowed",
            ),  # fmt: skip
            models.UniqueConstraint(
                Lower("email"),
                "event_key",
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["cancel_token"], condition=~Q(cancel_token=""), name="registration_cancel_token_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class RegistrationEvent(AuditEvent):
    """The audit trail of a registration: who moved it, when, and why."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("from"), max_length=12, choices=RegistrationStatus.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=12, choices=RegistrationStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("registration event")
        verbose_name_plural = _("registration events")


# Actions: the next steps of an event, each with an owner who reports on it (services.py writes them)


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Every allowed step (from, to): started, finished or dropped; a finished one reopened, a dropped one taken up again.
ACTION_STEPS = [
    (ActionStatus.PLANNED, ActionStatus.UNDER_WAY),
    (ActionStatus.PLANNED, ActionStatus.DONE),
    (ActionStatus.PLANNED, ActionStatus.DROPPED),
    (ActionStatus.UNDER_WAY, ActionStatus.DONE),
    (ActionStatus.UNDER_WAY, ActionStatus.DROPPED),
    (ActionStatus.DONE, ActionStatus.UNDER_WAY),
    (ActionStatus.DROPPED, ActionStatus.PLANNED),
]
OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.UNDER_WAY)


class ActionQuerySet(StepGuardedQuerySet):
    def for_event(self, event):
        return self.filter(event_key=event.translation_key)

    def overdue(self, today=None):
        return self.filter(status__in=OPEN_ACTION_STATUSES, due__lt=today or timezone.localdate())

    def owned_by_city(self, city):
        return self.filter(owner_city=city)


class Action(StepGuard, models.Model):
    """A next step agreed at an event: what, who owns it (a member city, a Regional Hub, or the
    Management Unit when neither is set), by when, and how far it has come. Title, owner, due date and
    status are public (report pages, city profiles); progress notes are for the owner and staff."""

    workflow_fields = ("status", "previous_status")

    event_key = models.UUIDField(_("event"), db_index=True)
    position = models.PositiveSmallIntegerField(_("order in the report"), default=0)
    title = models.CharField(_("next step"), max_length=300)
    description = models.TextField(_("details"), blank=True, max_length=2000)
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE, editable=False
    )
    owner_city = models.ForeignKey(
        "cities.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("owner: member city"),
    )
    owner_hub = models.ForeignKey(
        "cities.Hub",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("owner: Regional Hub"),
    )
    due = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    previous_status = models.CharField(max_length=12, blank=True, default="", editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["status", "due"], name="action_status_due")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ActionStatus.values), name="action_status_known"),
            models.CheckConstraint(
                condition=steps_allowed(
                    first=ActionStatus.PLANNED, transitions=ACTION_STEPS, state="status", previous="previous_status"
                ),
                name="action_step_allowed",
            ),
            models.CheckConstraint(
                condition=Q(owner_city__isnull=True) | Q(owner_hub__isnull=True), name="action_one_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_name(self) -> str:
        if self.owner_city_id:
            return str(self.owner_city.display_name)
        if self.owner_hub_id:
            return str(self.owner_hub)
        return str(_("Management Unit"))

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due < (today or timezone.localdate())


class ActionEvent(AuditEvent):
    """An action's history: each status step, and each dated progress note (a note keeps the status:
    `from_state` and `to_state` are the same)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("from"), max_length=12, choices=ActionStatus.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=12, choices=ActionStatus.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")

    @property
    def is_note(self) -> bool:
        return self.from_state == self.to_state


# Declarations: numbered commitments that member cities endorse and report progress on (declarations.py writes)


class CommitmentBlock(blocks.StructBlock):
    """One commitment of a declaration, numbered by its place in the list. Its block id (kept by every
    translation) is what endorsing cities report progress on."""

    title = blocks.CharBlock(label=_("Commitment"), max_length=300)
    text = blocks.TextBlock(label=_("Explanation"), required=False)

    class Meta:
        label = _("Commitment")
        icon = "list-ol"


class DeclarationPage(RoutablePageMixin, SitePage):
    """A declaration of the network (often adopted at a summit): its text, numbered commitments, the
    member cities endorsing it, counted by region and hub, and their progress on each commitment."""

    search_kind = "pages"
    template = "events/declaration_page.html"

    summary = models.TextField(_("summary"), max_length=600)
    body = RichTextField(_("text"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"])
    commitments = StreamField([("commitment", CommitmentBlock())], blank=True, verbose_name=_("commitments"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at = models.ForeignKey(
        "events.EventPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted at"),
    )
    endorsement_open = models.BooleanField(_("open for endorsement"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    override_translatable_fields = [
        SynchronizedField("adopted_on"),
        SynchronizedField("adopted_at"),
        SynchronizedField("endorsement_open"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("commitments"),
        FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("adopted_at")]),
        FieldPanel("endorsement_open"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    def numbered_commitments(self) -> list[dict]:
        """[{number, id, title, text}] in the declaration's order."""
        return [
            {"number": number, "id": block.id, "title": block.value["title"], "text": block.value["text"]}
            for number, block in enumerate(self.commitments or [], start=1)
        ]

    def get_context(self, request, *args, **kwargs):
        from .declarations import declaration_figures

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = declaration_figures(self)
        return context


class Endorsement(models.Model):
    """A member city's endorsement of a declaration (all its language versions: `declaration_key`):
    by its focal point, or recorded by staff on its behalf, with the date and an optional statement."""

    declaration_key = models.UUIDField(_("declaration"), db_index=True)
    city = models.ForeignKey(
        "cities.City", on_delete=models.PROTECT, related_name="endorsements", verbose_name=_("member city")
    )
    endorsed_on = models.DateField(_("endorsed on"))
    statement = models.TextField(_("statement"), blank=True, max_length=2000)
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_behalf = models.BooleanField(_("recorded by staff on the city's behalf"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["endorsed_on", "pk"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["declaration_key", "city"], name="endorsement_once_per_city"),
        ]

    def __str__(self) -> str:
        return f"{self.city} ({self.endorsed_on})"


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")


class CommitmentProgress(models.Model):
    """One report of an endorsing city on one commitment: a status and a short note, dated. The latest
    per commitment is shown; the earlier ones are kept."""

    endorsement = models.ForeignKey(Endorsement, on_delete=models.CASCADE, related_name="progress")
    commitment = models.CharField(_("commitment"), max_length=64)  # the commitment block's id
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("progress on a commitment")
        verbose_name_plural = _("progress on commitments")
        indexes = [models.Index(fields=["endorsement", "commitment", "created_at"], name="progress_latest")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ProgressStatus.values), name="progress_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.created_at:%Y-%m-%d})"


# Solidarity statements: member cities co-sign, before a deadline (statements.py writes)


class StatementPage(SitePage):
    """A solidarity statement of the network (after an attack or a hate incident): drafted by staff,
    member cities invited to co-sign within a deadline, published in four languages with the list of
    co-signing cities, which keeps growing after publication until the deadline."""

    search_kind = "pages"
    template = "events/statement_page.html"

    summary = models.TextField(_("summary"), max_length=600)
    body = RichTextField(_("text"), features=["bold", "italic", "link", "ul", "ol"])
    cosign_until = models.DateTimeField(
        _("co-signing closes"), help_text=_("Member cities can co-sign until then, also after publication.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    override_translatable_fields = [SynchronizedField("cosign_until")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body"), FieldPanel("cosign_until")]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("solidarity statement")
        verbose_name_plural = _("solidarity statements")

    def cosigning_is_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.cosign_until

    def get_context(self, request, *args, **kwargs):
        from .statements import cosigners

        context = super().get_context(request, *args, **kwargs)
        context["cosignatures"] = cosigners(self)
        return context


class CoSignature(models.Model):
    """A member city co-signs a statement (all its language versions: `statement_key`)."""

    statement_key = models.UUIDField(_("statement"), db_index=True)
    city = models.ForeignKey(
        "cities.City", on_delete=models.PROTECT, related_name="cosignatures", verbose_name=_("member city")
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    on_behalf = models.BooleanField(_("recorded by staff on the city's behalf"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("co-signed at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [models.UniqueConstraint(fields=["statement_key", "city"], name="cosignature_once_per_city")]

    def __str__(self) -> str:
        return str(self.city)


class CoSignInvitation(models.Model):
    """An invitation e-mailed to a member city's focal point to co-sign a statement (sent once each)."""

    statement_key = models.UUIDField(_("statement"), db_index=True)
    city = models.ForeignKey("cities.City", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("co-signing invitation")
        verbose_name_plural = _("co-signing invitations")
        constraints = [models.UniqueConstraint(fields=["statement_key", "city", "user"], name="cosign_invitation_once")]

    def __str__(self) -> str:
        return f"{self.city} ({self.created_at:%Y-%m-%d})"
