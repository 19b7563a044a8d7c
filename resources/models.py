"""The Resource Hub and news: Wagtail page types.

Resources (guides, toolkits with chapters, case studies, ...) and news articles share one base,
`Publication`: summary, body, dates, authors, the network's own vocabulary (challenges as topics,
practice areas), regions and hubs, the member cities they are about, a card image and a reading
time computed from the body in the page's language (`text.py`).

Translations come from wagtail-localize. Its automatic field list leaves many-to-many fields out,
so `override_translatable_fields` makes the taxonomy and the cities synchronised (copied from the
source page on each sync) but overridable (a translation may differ, e.g. add a city). Documents
per language are a child relation of plain rows, synchronised: every translation offers every
language's file.
"""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import SitePage
from core.pages import public_pages
from core.versions import fresh_number

from .text import reading_minutes


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TOOLKIT = "toolkit", _("Toolkit")
    CASE_STUDY = "case-study", _("Case study")
    POLICY_BRIEF = "policy-brief", _("Policy brief")
    IMPACT_STORY = "impact-story", _("Impact story")
    TRAINING = "training", _("Training material")
    MULTIMEDIA = "multimedia", _("Video or multimedia")


class NewsKind(models.TextChoices):
    NEWS = "news", _("News")
    INSIGHT = "insight", _("Insight")
    STATEMENT = "statement", _("Statement")
    PRESS_RELEASE = "press-release", _("Press release")


# Body blocks


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "resources/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, help_text=_("A role or an organisation, e.g. 'Workshop participant'.")
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "resources/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Call-out")
        template = "resources/blocks/callout.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title", template="resources/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "h3"])
    quote = QuoteBlock()
    image = FigureBlock()
    table = TableBlock(label=_("Table"), template="resources/blocks/table.html")
    callout = CalloutBlock()

    class Meta:
        label = _("Body")


def body_text(body) -> str:
    """The readable text of a body: what a reader reads, not markup or alt text."""
    parts = []
    for block in body or []:
        kind, value = block.block_type, block.value
        if kind == "heading":
            parts.append(str(value))
        elif kind == "paragraph":
            parts.append(strip_tags(value.source if hasattr(value, "source") else str(value)))
        elif kind == "quote":
            parts += [value.get("quote", ""), value.get("attribution", "")]
        elif kind == "image":
            parts.append(value.get("caption", ""))
        elif kind == "callout":
            text = value.get("text")
            parts += [value.get("title", ""), strip_tags(getattr(text, "source", "") or "")]
        elif kind == "table":
            for row in (value or {}).get("data") or []:
                parts += [str(cell) for cell in row if cell]
    return "\n".join(part for part in parts if part)


# Pages


class Publication(SitePage):
    """What resources and news articles share."""

    summary = models.TextField(_("summary"), max_length=600, help_text=_("One or two sentences, shown on cards."))
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    publication_date = models.DateField(_("publication date"))
    last_updated = models.DateField(_("last updated"), null=True, blank=True)
    authors = models.TextField(
        _("authors or partner organisations"), blank=True, help_text=_("One per line: a person, team or organisation.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("card image"),
    )
    image_alt = models.CharField(
        _("card image alternative text"), max_length=250, blank=True, help_text=_("Required when there is an image.")
    )
    topics = ParentalManyToManyField("cities.Challenge", blank=True, related_name="+", verbose_name=_("topics"))
    practice_areas = ParentalManyToManyField(
        "cities.PracticeArea", blank=True, related_name="+", verbose_name=_("practice areas")
    )
    regions = ParentalManyToManyField("cities.Region", blank=True, related_name="+", verbose_name=_("regions"))
    hubs = ParentalManyToManyField("cities.Hub", blank=True, related_name="+", verbose_name=_("Regional Hubs"))
    reading_minutes = models.PositiveIntegerField(_("reading time (minutes)"), default=0, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    override_translatable_fields = [
        SynchronizedField("topics"),
        SynchronizedField("practice_areas"),
        SynchronizedField("regions"),
        SynchronizedField("hubs"),
        SynchronizedField("cities"),
        SynchronizedField("publication_date"),
        SynchronizedField("last_updated"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("authors"),
        index.FilterField("publication_date"),
        index.FilterField("kind"),
    ]

    meta_panels = [
        FieldRowPanel([FieldPanel("publication_date"), FieldPanel("last_updated")]),
        FieldPanel("authors"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Card image")),
    ]
    tag_panels = [
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("practice_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("hubs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("cities"),
            ],
            heading=_("Topics, places and member cities"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
        if self.last_updated and self.publication_date and self.last_updated < self.publication_date:
            raise ValidationError({"last_updated": _("The last update cannot come before publication.")})

    def save(self, *args, **kwargs):
        # A derived value kept with the row so that lists need not read bodies.
        self.reading_minutes = reading_minutes(
            body_text(self.body), self.locale.language_code if self.locale_id else ""
        )
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_url"] = self.get_parent().get_url(request)
        # Only member cities the public may see are linked.
        from cities.models import City

        ids = [city.pk for city in self.cities.all()]
        context["about_cities"] = list(City.objects.public().filter(pk__in=ids).order_by("name")) if ids else []
        return context

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def language(self) -> str:
        return self.locale.language_code


class PublicationIndex(RoutablePageMixin, SitePage):
    """An index of one publication type (`listed`, the name of a model in this app): the faceted list of
    its pages in every language and an Atom feed per language at feed/."""

    listed = ""
    search_kind = "pages"

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    @classmethod
    def listed_model(cls):
        return apps.get_model("resources", cls.listed)

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self.listed_model(), self))
        return context

    @path("feed/")
    def feed(self, request):
        from .feeds import PublicationFeed

        return PublicationFeed(self.listed_model(), self)(request)


class ResourceIndexPage(PublicationIndex):
    """The Resource Hub: /<lang>/resources/, a faceted list of resources in every language."""

    listed = "ResourcePage"
    template = "resources/publication_index_page.html"  # shared with NewsIndexPage
    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = _("Resource Hub")


class ResourcePage(RoutablePageMixin, Publication):
    search_kind = "resources"  # the site search's group (search/indexing.py)
    # One page template with NewsArticlePage: the chapters and downloads show only where the context has them.
    template = "resources/publication_page.html"
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.GUIDE)
    cities = ParentalManyToManyField(
        "cities.City", blank=True, related_name="resources", verbose_name=_("member cities it is about")
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        *Publication.meta_panels,
        *Publication.tag_panels,
        InlinePanel("documents", label=_("Documents (one per language)"), heading=_("Documents")),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = ["resources.ToolkitChapterPage"]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = list(self.documents.select_related("document").all())
        context["documents"] = documents
        if self.kind == ResourceKind.TOOLKIT:
            chapters = list(public_pages(ToolkitChapterPage.objects.child_of(self).live()).order_by("path"))
            context["chapters"] = chapters
            context["total_minutes"] = self.reading_minutes + sum(chapter.reading_minutes for chapter in chapters)
            context["toolkit_pdf"] = self.pdf_link(request, chapters)
        return context

    # The whole toolkit as one PDF (pdf.py): <toolkit>/pdf/

    def pdf_available(self) -> bool:
        """Only a live toolkit that anybody may read has a PDF: never a draft or a private page."""
        return self.live and self.kind == ResourceKind.TOOLKIT and not self.get_view_restrictions().exists()

    def pdf_link(self, request, chapters) -> dict | None:
        """The download link's address and, when a PDF of this state was built already, its size."""
        if not self.pdf_available():
            return None
        from .pdf import known_size, pdf_name

        return {
            "url": self.get_url(request) + self.reverse_subpage("pdf"),
            "size": known_size(pdf_name(self, chapters)),
        }

    def route(self, request, path_components):
        # Before Wagtail's view-restriction hook (which would offer a sign-in form): no PDF of a
        # private page, a draft or another kind of resource, for anybody.
        if path_components == ["pdf"] and not self.pdf_available():
            raise Http404
        return super().route(request, path_components)

    @path("pdf/")
    def pdf(self, request):
        from .pdf import pdf_storage, remember_size, toolkit_pdf

        if not self.pdf_available():
            raise Http404
        name = toolkit_pdf(self)
        remember_size(name)
        response = FileResponse(
            pdf_storage().open(name, "rb"),
            as_attachment=True,
            filename=f"{self.slug}.pdf",
            content_type="application/pdf",
        )
        response["Content-Language"] = self.locale.language_code
        return response


class ResourceDocument(Orderable):
    """A downloadable file of a resource, in one language."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    label = models.CharField(_("label"), max_length=200, blank=True, help_text=_("Optional, e.g. 'Full report'."))

    panels = [FieldPanel("document"), FieldPanel("language"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class ToolkitChapterPage(SitePage):
    """One chapter of a toolkit: a child of a resource of kind "toolkit"."""

    search_kind = "resources"

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    reading_minutes = models.PositiveIntegerField(_("reading time (minutes)"), default=0, editable=False)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["resources.ResourcePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("toolkit chapter")
        verbose_name_plural = _("toolkit chapters")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        specific = parent.specific
        return super().can_create_at(parent) and getattr(specific, "kind", None) == ResourceKind.TOOLKIT

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(
            body_text(self.body), self.locale.language_code if self.locale_id else ""
        )
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        toolkit = self.get_parent().specific
        chapters = list(public_pages(ToolkitChapterPage.objects.child_of(toolkit).live()).order_by("path"))
        position = next((i for i, chapter in enumerate(chapters) if chapter.pk == self.pk), None)
        context["toolkit"] = toolkit
        context["chapters"] = chapters
        context["toolkit_pdf"] = toolkit.pdf_link(request, chapters) if isinstance(toolkit, ResourcePage) else None
        if position is not None:
            context["chapter_number"] = position + 1
            context["previous_chapter"] = chapters[position - 1] if position > 0 else None
            context["next_chapter"] = chapters[position + 1] if position + 1 < len(chapters) else None
        return context


class NewsIndexPage(PublicationIndex):
    """News and insights: /<lang>/news/, with an Atom feed per language at feed/."""

    listed = "NewsArticlePage"
    template = "resources/publication_index_page.html"
    subpage_types = ["resources.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index")


class NewsArticlePage(Publication):
    search_kind = "news"
    template = "resources/publication_page.html"
    kind = models.CharField(_("kind"), max_length=20, choices=NewsKind.choices, default=NewsKind.NEWS)
    cities = ParentalManyToManyField(
        "cities.City", blank=True, related_name="news_articles", verbose_name=_("member cities it is about")
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        *Publication.meta_panels,
        *Publication.tag_panels,
    ]
    parent_page_types = ["resources.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


class ListingVersion(models.Model):
    """The version of what the Resource Hub and news lists show: one row every process reads, moved on
    after the commit of any publish, unpublish, move, deletion or view restriction of a page
    (`listing_index.bump_listing_version`). The lists' in-memory index is keyed on it."""

    number = models.BigIntegerField(default=fresh_number)  # core/versions.py: no two databases count alike

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="listing_version_single_row")]

    def __str__(self) -> str:
        return str(self.number)
