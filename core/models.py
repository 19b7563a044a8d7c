"""Wagtail content: home page, about pages, Regional Hub pages, testimonials."""

import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .pages import PRIVACY_SLUG, public_pages
from .versions import fresh_number


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


ICON_CHOICES = [
    ("users", _("People")),
    ("map", _("Map")),
    ("handshake", _("Handshake")),
    ("landmark", _("Town hall")),
    ("globe", _("Globe")),
    ("shield-check", _("Shield")),
]


def image_alt_required(image, alt: str, field: str) -> dict:
    """An image on a page needs its alternative text, written on the page so that each translation has its own."""
    if image is not None and not (alt or "").strip():
        return {field: ValidationError(_("Describe the image for people who cannot see it."), code="required")}
    return {}


class CardBlock(blocks.StructBlock):
    """A card on the home page: icon, image (with its alternative text), heading, text and a link to a page."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=300)
    icon = blocks.ChoiceBlock(label=_("Icon"), choices=ICON_CHOICES, required=False)
    image = ImageChooserBlock(label=_("Image"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Image description (alt text)"),
        required=False,
        max_length=250,
        help_text=_("Required with an image: what it shows, for people who cannot see it."),
    )
    page = blocks.PageChooserBlock(label=_("Links to"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Card")

    def clean(self, value):
        value = super().clean(value)
        errors = image_alt_required(value.get("image"), value.get("image_alt"), "image_alt")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class SitePage(Page):
    """Base of the site's pages: tells the language switcher which page this is."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        request._wagtail_page = self
        return super().get_context(request, *args, **kwargs)

    def get_view_restrictions(self):
        """Wagtail's, without its two queries for a page outside every restricted section (most pages,
        read on every view of them by Wagtail's `check_view_restrictions`): the restricted sections
        come from the shared cache (`core.pages.restricted_paths`). An alias is checked by Wagtail, as
        its restrictions are its original's."""
        from .pages import in_restricted_section

        if self.alias_of_id is None and not in_restricted_section(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(SitePage):
    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("Set the focal point on the image: the crop keeps it in view."),
    )
    hero_image_alt = models.CharField(
        _("hero image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what it shows, for people who cannot see it."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    cards = StreamField([("card", CardBlock())], blank=True, verbose_name=_("cards"))

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero image")),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("cards"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    search_kind = "pages"  # its group in the site search (search/indexing.py)

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        errors = image_alt_required(self.hero_image, self.hero_image_alt, "hero_image_alt")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from cities.selectors import network_figures

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = network_figures()
        # Read only when the content is not kept rendered (`{% content_cache %}`).
        context["testimonials"] = functools.cache(lambda: Testimonial.objects.for_locale(self.locale))
        context["about_pages"] = public_children(self, request)
        return context


def page_ancestors(page: Page, request) -> list[dict]:
    """Title and address of `page`'s ancestors below the root, from the top (the breadcrumbs), kept in
    the shared cache under the chrome version like `public_children`."""
    from .chrome import cached, request_host

    def read() -> list[dict]:
        return [
            {"title": ancestor.title, "url": ancestor.get_url(request) or ""}
            for ancestor in page.get_ancestors()
            if not ancestor.is_root()
        ]

    return cached(("ancestors", request_host(request), page.pk), read)


def public_children(page: Page, request) -> list[dict]:
    """Title, address and introduction of `page`'s live public children, in order, kept in the shared
    cache under the chrome version (which moves on with every page and restriction change)."""
    from .chrome import cached, request_host

    def read() -> list[dict]:
        children = public_pages(page.get_children().live()).specific()
        return [
            {"title": child.title, "url": child.get_url(request) or "", "intro": getattr(child, "intro", "")}
            for child in children
        ]

    return cached(("children", request_host(request), page.pk), read)


class ContentPage(SitePage):
    """About, vision, principles, approach, structure and similar pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    search_kind = "pages"  # its group in the site search (search/indexing.py)

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = public_children(self, request)
        if self.slug == PRIVACY_SLUG:
            # The privacy notice says what is kept and for how long from the settings the jobs obey, so
            # that its figures cannot drift from what the platform does.
            from operations.retention import retention_periods

            context["retention"] = retention_periods()
        return context


class HubPage(SitePage):
    """One Regional Hub: its needs and priorities, its member cities, its team."""

    hub = models.ForeignKey("cities.Hub", on_delete=models.PROTECT, related_name="+", verbose_name=_("Regional Hub"))
    intro = models.TextField(_("introduction"), blank=True)
    needs_and_priorities = RichTextField(
        _("needs and priorities"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    team = StreamField([("member", TeamMemberBlock())], blank=True, verbose_name=_("team"))
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("banner image"),
        help_text=_("Set the focal point on the image: the crop keeps it in view."),
    )
    banner_image_alt = models.CharField(
        _("banner image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what it shows, for people who cannot see it."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("hub"),
        MultiFieldPanel([FieldPanel("banner_image"), FieldPanel("banner_image_alt")], heading=_("Banner image")),
        FieldPanel("intro"),
        FieldPanel("needs_and_priorities"),
        FieldPanel("team"),
    ]
    parent_page_types = ["core.ContentPage"]
    subpage_types: list[str] = []

    search_kind = "pages"  # its group in the site search (search/indexing.py)

    class Meta:
        verbose_name = _("Regional Hub page")

    def clean(self):
        super().clean()
        errors = image_alt_required(self.banner_image, self.banner_image_alt, "banner_image_alt")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from cities.models import City

        context = super().get_context(request, *args, **kwargs)
        members = City.objects.public().in_hub(self.hub_id).for_listing().order_by_name()
        context["hub_member_count"] = functools.cache(members.count)  # counted only when not kept rendered
        context["hub_members"] = members[:60]
        return context


class TestimonialQuerySet(models.QuerySet):
    def for_locale(self, locale, limit: int = 3) -> list["Testimonial"]:
        """The latest testimonials, each once: in the page's language where it has a translation, else in its
        own language (the template labels it with that language)."""
        chosen: dict = {}
        for testimonial in self.select_related("city", "locale").order_by("-pk")[:60]:
            current = chosen.get(testimonial.translation_key)
            if current is None or (testimonial.locale_id == locale.pk and current.locale_id != locale.pk):
                chosen[testimonial.translation_key] = testimonial
        ordered = sorted(chosen.values(), key=lambda item: (item.locale_id != locale.pk, -item.pk))
        return ordered[:limit]


@register_snippet
class Testimonial(TranslatableMixin, models.Model):
    quote = models.TextField(_("quote"))
    speaker_role = models.CharField(_("speaker's role"), max_length=200, help_text=_("A role, e.g. 'Mayor'."))
    city = models.ForeignKey(
        "cities.City", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("member city")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    panels = [FieldPanel("quote"), FieldPanel("speaker_role"), FieldPanel("city"), FieldPanel("is_demo")]

    objects = TestimonialQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")

    def __str__(self) -> str:
        return self.quote[:60]

    @property
    def language_name(self) -> str:
        """The testimonial's language, named in the active language."""
        from django.utils.translation import get_language_info

        return get_language_info(self.locale.language_code)["name_translated"]


class SocialPlatform(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X"
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    NEWSLETTER = "newsletter", _("Newsletter")
    WEBSITE = "website", _("Website")


# Lucide keeps no brand logos: each platform gets a plain icon, and its name is always written beside it.
SOCIAL_ICONS = {SocialPlatform.YOUTUBE: "play", SocialPlatform.NEWSLETTER: "mail", SocialPlatform.WEBSITE: "globe"}


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(label=_("Platform"), choices=SocialPlatform.choices)
    url = blocks.URLBlock(label=_("Address (URL)"))

    class Meta:
        icon = "link"
        label = _("Social link")


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """What the footer of every public page shows: contact, the privacy notice, the accessibility statement and
    social links. Pages are linked in the visitor's language when translated."""

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("privacy notice page"),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accessibility statement page"),
    )
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, verbose_name=_("social links"))

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("address"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = _("footer")

    def social_items(self):
        return [
            {
                "label": SocialPlatform(block.value["platform"]).label,
                "url": block.value["url"],
                "icon": SOCIAL_ICONS.get(block.value["platform"], "at-sign"),
            }
            for block in self.social_links
        ]


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
    # Text files sent with it (an event's calendar file): [{"filename", "mimetype", "content"}], kept as
    # long as the text is.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
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


class ContentVersion(models.Model):
    """A number per kind of content ("chrome": the pages, menus and footer every page shows) that moves
    on after the commit of any change to it; caches are keyed on it (`core/versions.py`)."""

    name = models.CharField(max_length=40, primary_key=True)
    number = models.BigIntegerField(default=fresh_number)  # core/versions.py: no two databases count alike

    class Meta:
        verbose_name = _("content version")

    def __str__(self) -> str:
        return f"{self.name} {self.number}"


class PeriodicJob(models.Model):
    """When a job that runs on a clock (`core/periodic.py`) is next due, and how its last run went."""

    name = models.CharField(_("job"), max_length=60, primary_key=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_ok = models.BooleanField(_("last run succeeded"), null=True)
    last_summary = models.CharField(_("last result"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("periodic job")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DeferredTask(models.Model):
    """A task the queue did not take (Redis not answering): kept here, in the database, until
    `core/queue.py::deferred_push` hands it to the queue once it answers again (the worker every minute
    and at start, `manage.py schedule`). Nothing but the task's dotted path and its JSON arguments."""

    task_path = models.CharField(_("task"), max_length=300)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    queue_name = models.CharField(_("queue"), max_length=100)
    backend = models.CharField(_("task backend"), max_length=100)
    priority = models.SmallIntegerField(_("priority"), default=0)
    run_after = models.DateTimeField(_("run after"), null=True, blank=True)
    created_at = models.DateTimeField(_("deferred at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts to queue it again"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deferred task")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.task_path
