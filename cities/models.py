"""The network: regions, hubs, countries, the taxonomy and member authorities."""

import gettext as gettext_module
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from core.i18n import LANGUAGE_CODES, current_language, localized
from core.text import fold
from core.versions import fresh_number
from core.visibility import Visibility
from core.workflow import AuditEvent, StepGuard, StepGuardedQuerySet, steps_allowed

from .panels import StagePanel
from .romanisation import is_latin, romanise, slug_from

# Languages whose pages show the official name, whatever its script, when no name is given in them.
NON_LATIN_LANGUAGES = {"ar"}


class TranslatedName(models.Model):
    """A name kept in each content language; `name` gives the current one."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return localized(self, "name")

    def __str__(self) -> str:
        return self.name


NAME_PANELS = [
    FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_ar")]),
    FieldRowPanel([FieldPanel("name_fr"), FieldPanel("name_es")]),
]


class Region(TranslatedName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("code"), *NAME_PANELS, FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Hub(TranslatedName):
    """A Regional Hub; regions without one are served by the central team."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    region = models.OneToOneField(Region, on_delete=models.PROTECT, related_name="hub", verbose_name=_("region"))
    color = models.CharField(_("map colour"), max_length=7, default="#2166ac", help_text=_("Hex colour, e.g. #2166ac"))

    panels = [FieldPanel("code"), *NAME_PANELS, FieldPanel("region"), FieldPanel("color")]

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("Regional Hub")
        verbose_name_plural = _("Regional Hubs")


@cache
def _country_catalog(language: str):
    return gettext_module.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


# Kosovo has a user-assigned code that ISO 3166 (and so pycountry) does not list.
EXTRA_COUNTRY_NAMES = {"XK": _("Kosovo")}


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in `language`, from pycountry's translations."""
    language = language or current_language()
    if code in EXTRA_COUNTRY_NAMES:
        with translation.override(language):
            return str(EXTRA_COUNTRY_NAMES[code])
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return code
    english = getattr(record, "common_name", None) or record.name
    if language == "en":
        return english
    catalog = _country_catalog(language)
    translated = catalog.gettext(english)
    if translated == english and english != record.name:
        translated = catalog.gettext(record.name)
    return translated


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="countries", verbose_name=_("region"))

    panels = [FieldPanel("code"), FieldPanel("region")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    @property
    def name(self) -> str:
        return country_name(self.code)

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(TranslatedName):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("code"), *NAME_PANELS, FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_en"]


class Challenge(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")


class PracticeArea(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("practice area")
        verbose_name_plural = _("practice areas")


class Language(models.Model):
    """A working language, by ISO 639-1 code; its name comes translated."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    @property
    def name(self) -> str:
        return language_name(self.code)

    def __str__(self) -> str:
        return self.name


def language_name(code: str) -> str:
    """The language's name in the reader's language, from CLDR (Babel), capitalised as in a list."""
    try:
        name = Locale.parse(translation.get_language() or settings.LANGUAGE_CODE).languages.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    if not name:
        record = pycountry.languages.get(alpha_2=code)
        name = record.name if record else code
    return name[:1].upper() + name[1:] if name != code else name


class AuthorityType(models.TextChoices):
    CAPITAL_CITY = "capital-city", _("Capital city")
    CITY = "city", _("City")
    TOWN = "town", _("Town")
    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("District")
    COUNTY = "county", _("County")
    REGIONAL_GOVERNMENT = "regional-government", _("Province, state or regional government")


class SettlementType(models.TextChoices):
    URBAN = "urban", _("Urban")
    PERI_URBAN = "peri-urban", _("Peri-urban")
    RURAL = "rural", _("Rural")


class Stage(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    JOINING = "joining", _("Joining")
    MEMBER = "member", _("Member")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


# The steps of a member authority's stage (docs/membership.md); `cities.services.city_change_stage`
# takes them and the database refuses any other. A new record may start at any stage.
STAGE_STEPS = [
    (Stage.APPLICANT, Stage.JOINING),  # its application is approved
    (Stage.JOINING, Stage.MEMBER),
    (Stage.JOINING, Stage.LEFT),
    (Stage.MEMBER, Stage.SUSPENDED),
    (Stage.MEMBER, Stage.LEFT),
    (Stage.SUSPENDED, Stage.MEMBER),
    (Stage.SUSPENDED, Stage.LEFT),
    (Stage.SUSPENDED, Stage.JOINING),  # a new application is approved
    (Stage.LEFT, Stage.JOINING),  # a new application is approved
]


class Intensity(models.TextChoices):
    EMERGING = "emerging", _("Emerging")
    SIGNIFICANT = "significant", _("Significant")
    SEVERE = "severe", _("Severe")


class Maturity(models.TextChoices):
    STARTING = "starting", _("Starting")
    ESTABLISHED = "established", _("Established")
    LEADING = "leading", _("Leading")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


POPULATION_BANDS = [
    # code, label, lower bound (inclusive), upper bound (exclusive)
    ("under-50k", _("Under 50,000"), 0, 50_000),
    ("50k-250k", _("50,000 to 250,000"), 50_000, 250_000),
    ("250k-1m", _("250,000 to 1 million"), 250_000, 1_000_000),
    ("1m-5m", _("1 to 5 million"), 1_000_000, 5_000_000),
    ("over-5m", _("Over 5 million"), 5_000_000, None),
]


class CityQuerySet(StepGuardedQuerySet):
    def public(self):
        """Members the public may see: full members only."""
        return self.filter(stage=Stage.MEMBER)

    def visible_to(self, user):
        """Public members, plus what the person's roles open: all for the Management
        Unit, their hub's authorities for hub staff, their own for city people."""
        from core.visibility import city_ids_of, hub_ids_of, is_management_unit

        if is_management_unit(user):
            return self
        return self.filter(
            Q(stage=Stage.MEMBER) | Q(pk__in=city_ids_of(user)) | Q(country__region__hub__in=hub_ids_of(user))
        )

    def in_hub(self, hub):
        return self.filter(country__region__hub=hub)

    def search(self, query: str):
        key = fold(query)
        return self.filter(search_text__contains=key) if key else self

    def with_population_band(self, band_code: str):
        for code, _label, low, high in POPULATION_BANDS:
            if code == band_code:
                qs = self.filter(population__gte=low)
                return qs.filter(population__lt=high) if high else qs
        return self

    def order_by_name(self, language: str | None = None):
        language = language or current_language()
        return self.annotate(sort_name=Coalesce(NullIf(f"name_{language}", models.Value("")), "name")).order_by(
            "sort_name", "pk"
        )

    def for_listing(self):
        return self.select_related("country__region__hub")


class City(StepGuard, RevisionMixin, ClusterableModel, index.Indexed):
    """A member authority: any sub-national government in the network."""

    slug = models.SlugField(
        _("address (slug)"),
        max_length=120,
        unique=True,
        allow_unicode=False,
        blank=True,
        help_text=_(
            "The end of the profile's web address: Latin letters, digits and hyphens. Left empty, it is made "
            "from the name in Latin letters. After a change, the old address still leads to the profile."
        ),
        error_messages={"unique": _("Another member authority already has this address. Choose another one.")},
    )
    name = models.CharField(
        _("official name"), max_length=200, help_text=_("The name in the authority's own language.")
    )
    name_latin = models.CharField(
        _("name in Latin letters"),
        max_length=200,
        blank=True,
        help_text=_(
            "The official name written in Latin letters, for readers who cannot read its script. Left empty, "
            "it is filled in automatically; correct it when the automatic spelling is poor (Arabic vowels are "
            "not written, so they cannot be guessed)."
        ),
    )
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    authority_type = models.CharField(_("authority type"), max_length=30, choices=AuthorityType.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="cities", verbose_name=_("country"))
    settlement_type = models.CharField(_("settlement type"), max_length=20, choices=SettlementType.choices)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    date_joined = models.DateField(_("date joined"), null=True, blank=True)
    stage = models.CharField(_("membership stage"), max_length=20, choices=Stage.choices, default=Stage.APPLICANT)
    previous_stage = models.CharField(max_length=20, blank=True, default="", editable=False)
    isc_seat = models.BooleanField(_("International Steering Committee seat"), default=False)
    contributing_member = models.BooleanField(_("contributing member"), default=False)
    working_languages = ParentalManyToManyField(Language, blank=True, verbose_name=_("working languages"))
    description_en = models.TextField(_("public description (English)"), blank=True)
    description_ar = models.TextField(_("public description (Arabic)"), blank=True)
    description_fr = models.TextField(_("public description (French)"), blank=True)
    description_es = models.TextField(_("public description (Spanish)"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Generated demonstration record."))
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every save of the profile, under the row lock (cities/services.py and the admin's
    # edit views): a form opened at an older version is stale and must not overwrite newer work.
    edit_version = models.PositiveIntegerField(_("edit version"), default=0, editable=False)

    objects = CityQuerySet.as_manager()
    # Only `city_change_stage` moves the stage (core.workflow).
    workflow_fields = ("stage", "previous_stage")

    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.SearchField("name_ar"),
        index.SearchField("name_fr"),
        index.SearchField("name_es"),
        index.AutocompleteField("name"),
        index.FilterField("stage"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("name"), FieldPanel("name_latin")]),
                            FieldPanel("slug"),
                            *NAME_PANELS,
                        ],
                        heading=_("Names"),
                    ),
                    FieldRowPanel([FieldPanel("authority_type"), FieldPanel("settlement_type")]),
                    FieldRowPanel([FieldPanel("country"), FieldPanel("population")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    # The stage moves only through its steps: "Change stage" (cities/admin_views.py).
                    FieldRowPanel([StagePanel("stage"), FieldPanel("date_joined")]),
                    FieldRowPanel([FieldPanel("isc_seat"), FieldPanel("contributing_member"), FieldPanel("is_demo")]),
                    FieldPanel("working_languages"),
                ],
                heading=_("Authority"),
            ),
            ObjectList(
                [
                    FieldPanel("description_en"),
                    FieldPanel("description_ar"),
                    FieldPanel("description_fr"),
                    FieldPanel("description_es"),
                ],
                heading=_("Description"),
            ),
            ObjectList(
                [
                    InlinePanel("challenges", label=_("Challenges")),
                    InlinePanel("offers", label=_("Practice areas offered")),
                    InlinePanel("needs", label=_("Practice areas needed")),
                ],
                heading=_("Challenges and practice"),
            ),
            ObjectList([InlinePanel("focal_points", label=_("Focal points"))], heading=_("Focal points")),
        ]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("member authority")
        verbose_name_plural = _("member authorities")
        indexes = [
            models.Index(fields=["stage", "name"], name="city_stage_name"),
            models.Index(fields=["latitude", "longitude"], name="city_lat_lon"),
            models.Index(fields=["stage", "country"], name="city_stage_country"),
            models.Index(fields=["stage", "authority_type"], name="city_stage_type"),
            models.Index(fields=["stage", "population"], name="city_stage_population"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="city_coordinates_in_range",
            ),
            models.CheckConstraint(
                condition=steps_allowed(
                    first=Stage.values, transitions=STAGE_STEPS, state="stage", previous="previous_stage"
                ),
                name="city_stage_step_allowed",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.display_name_in(current_language())

    def display_name_in(self, language: str) -> str:
        """The name a page in `language` shows: the name given in that language; else, on an Arabic
        page, the official name; elsewhere the official name when it is in Latin letters, else the
        English name or the name in Latin letters. Pages show the official name beside it when they differ."""
        own = getattr(self, f"name_{language}", "")
        if own:
            return own
        if language in NON_LATIN_LANGUAGES or is_latin(self.name):
            return self.name
        return self.name_en or self.name_latin or romanise(self.name) or self.name

    @property
    def member_since(self):
        """The date it joined, while it is a member; None for applicants, joining, suspended or former members."""
        return self.date_joined if self.stage == Stage.MEMBER else None

    @property
    def description(self) -> str:
        return localized(self, "description")

    def names(self) -> dict[str, str]:
        return {code: self.display_name_in(code) for code in LANGUAGE_CODES}

    def compute_search_text(self) -> str:
        names = [self.name, self.name_latin, self.slug.replace("-", " ")]
        names += [getattr(self, f"name_{code}") for code in LANGUAGE_CODES]
        return " | ".join(dict.fromkeys(fold(n) for n in names if n))

    def clean(self):
        # Fill in what is left empty: the name in Latin letters, and an address made from it.
        super().clean()
        if self.name and not self.name_latin:
            self.name_latin = romanise(self.name)
        if not self.slug:
            self.slug = free_city_slug(self.name_latin or self.name_en or self.name, exclude_pk=self.pk)

    def save(self, *args, **kwargs):
        # Derived data only: the folded search key is part of the record.
        self.search_text = self.compute_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cities:city-detail", kwargs={"slug": self.slug})

    @property
    def hub(self):
        region = self.country.region
        return getattr(region, "hub", None)


def free_city_slug(name: str, *, exclude_pk=None) -> str:
    """An address made from `name` that no other member authority has, now or as an old address."""
    base = slug_from(name) or "authority"
    taken = set(City.objects.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= set(
        CityOldSlug.objects.exclude(city_id=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class CityOldSlug(models.Model):
    """An address a member authority had before staff changed it: it still leads to the profile."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(_("old address"), max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return self.slug


class CityChallenge(Orderable):
    city = ParentalKey(City, on_delete=models.CASCADE, related_name="challenges")
    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="+", verbose_name=_("challenge"))
    intensity = models.CharField(
        _("intensity"), max_length=20, choices=Intensity.choices, default=Intensity.SIGNIFICANT
    )

    panels = [FieldRowPanel([FieldPanel("challenge"), FieldPanel("intensity")])]

    class Meta(Orderable.Meta):
        verbose_name = _("challenge")
        constraints = [models.UniqueConstraint(fields=["city", "challenge"], name="city_challenge_once")]
        indexes = [models.Index(fields=["challenge", "city"], name="cityc_challenge_city")]


class CityOffer(Orderable):
    city = ParentalKey(City, on_delete=models.CASCADE, related_name="offers")
    practice_area = models.ForeignKey(
        PracticeArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("practice area")
    )
    maturity = models.CharField(_("maturity"), max_length=20, choices=Maturity.choices, default=Maturity.ESTABLISHED)

    panels = [FieldRowPanel([FieldPanel("practice_area"), FieldPanel("maturity")])]

    class Meta(Orderable.Meta):
        verbose_name = _("practice area offered")
        constraints = [models.UniqueConstraint(fields=["city", "practice_area"], name="city_offer_once")]
        indexes = [models.Index(fields=["practice_area", "city"], name="cityo_area_city")]


class CityNeed(Orderable):
    city = ParentalKey(City, on_delete=models.CASCADE, related_name="needs")
    practice_area = models.ForeignKey(
        PracticeArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("practice area")
    )
    priority = models.CharField(_("priority"), max_length=20, choices=Priority.choices, default=Priority.MEDIUM)

    panels = [FieldRowPanel([FieldPanel("practice_area"), FieldPanel("priority")])]

    class Meta(Orderable.Meta):
        verbose_name = _("practice area needed")
        constraints = [models.UniqueConstraint(fields=["city", "practice_area"], name="city_need_once")]
        indexes = [models.Index(fields=["practice_area", "city"], name="cityn_area_city")]


class CityStageEvent(AuditEvent):
    """The audit trail of a member authority's stage: who moved it from which stage to which, when, and why."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="stage_events")
    from_state = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=Stage.choices)

    class Meta(AuditEvent.Meta):
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")


class FocalPoint(Orderable):
    """A city's contact person. Never public: members, hub or staff only."""

    city = ParentalKey(City, on_delete=models.CASCADE, related_name="focal_points")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    visibility = models.CharField(
        _("who can see these contact details"),
        max_length=10,
        choices=[c for c in Visibility.choices if c[0] != Visibility.PUBLIC],
        default=Visibility.STAFF,
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("languages"), FieldPanel("visibility")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.CheckConstraint(condition=~Q(visibility=Visibility.PUBLIC), name="focal_point_never_public"),
        ]

    def __str__(self) -> str:
        return self.name


class DataVersion(models.Model):
    """The network data's version: one row every process reads, moved on after each commit
    that changes network data (`selectors.bump_data_version`). Caches and the directory index
    are keyed on it, so a change made by any worker, shell or command is seen everywhere."""

    number = models.BigIntegerField(default=fresh_number)  # core/versions.py: no two databases count alike

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="data_version_single_row")]

    def __str__(self) -> str:
        return str(self.number)
