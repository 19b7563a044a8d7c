"""Wagtail content: home page, about pages, Regional Hub pages, testimonials."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        label = _("Body")


class TeamMemberBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("Role"))
    description = blocks.TextBlock(label=_("What they do"), required=False)

    class Meta:
        icon = "user"
        label = _("Team member")


class SitePage(Page):
    """Base of the site's pages: tells the language switcher which page this is."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        request._wagtail_page = self
        return super().get_context(request, *args, **kwargs)


class HomePage(SitePage):
    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cities.selectors import network_figures

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = network_figures()
        # Testimonials in the page's language first, then others, each marked with its own language.
        testimonials = list(Testimonial.objects.select_related("city", "locale").order_by("-pk")[:12])
        testimonials.sort(key=lambda testimonial: testimonial.locale_id != self.locale_id)
        context["testimonials"] = testimonials[:3]
        context["about_pages"] = self.get_children().live().public().specific()
        return context


class ContentPage(SitePage):
    """About, vision, principles, approach, structure and similar pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().public().specific()
        return context


class HubPage(SitePage):
    """One Regional Hub: its needs and priorities, its member cities, its team."""

    hub = models.ForeignKey("cities.Hub", on_delete=models.PROTECT, related_name="+", verbose_name=_("Regional Hub"))
    intro = models.TextField(_("introduction"), blank=True)
    needs_and_priorities = RichTextField(
        _("needs and priorities"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    team = StreamField([("member", TeamMemberBlock())], blank=True, verbose_name=_("team"))

    content_panels = Page.content_panels + [
        FieldPanel("hub"),
        FieldPanel("intro"),
        FieldPanel("needs_and_priorities"),
        FieldPanel("team"),
    ]
    parent_page_types = ["core.ContentPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Regional Hub page")

    def get_context(self, request, *args, **kwargs):
        from cities.models import City

        context = super().get_context(request, *args, **kwargs)
        members = City.objects.public().in_hub(self.hub).for_listing().order_by_name()
        context["hub_member_count"] = members.count()
        context["hub_members"] = members[:60]
        return context


@register_snippet
class Testimonial(TranslatableMixin, models.Model):
    quote = models.TextField(_("quote"))
    speaker_role = models.CharField(_("speaker's role"), max_length=200, help_text=_("A role, e.g. 'Mayor'."))
    city = models.ForeignKey(
        "cities.City", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("member city")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    panels = [FieldPanel("quote"), FieldPanel("speaker_role"), FieldPanel("city"), FieldPanel("is_demo")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")

    def __str__(self) -> str:
        return self.quote[:60]


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """The outbox: one row for every e-mail the platform sends (`core.mail.email_queue`).

    The task reads the text from here and records the truth: "sent" only once the
    mail server accepted it, "failed" (with the error) after the last attempt. The
    body is kept only while it may still be sent: it is cleared once sent, and at
    once on failure for mails carrying a sign-in link (`secret_link`: invitations,
    password resets), which are replaced by a fresh link instead of being resent.
    Management Unit only (`core.visibility.is_management_unit`).
    """

    to = models.JSONField(_("to"), default=list)
    subject = models.TextField(_("subject"), blank=True)
    template = models.CharField(_("template"), max_length=200)
    language = models.CharField(_("language"), max_length=8, blank=True)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    secret_link = models.BooleanField(_("carries a sign-in link"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "-created_at"], name="outgoing_email_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EmailStatus.values), name="outgoing_email_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=EmailStatus.SENT, sent_at__isnull=False)
                | (~models.Q(status=EmailStatus.SENT) & models.Q(sent_at__isnull=True)),
                name="outgoing_email_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.subject[:80]

    @property
    def resendable(self) -> bool:
        return self.status == EmailStatus.FAILED and bool(self.body)
