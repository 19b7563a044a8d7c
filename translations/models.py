"""The network's glossary: how its own terms are written in each language.

A term has its English form (the source term) and an approved form in Arabic, French and
Spanish, or is marked "do not translate" (the network's name, "ISC"): then it stays as written
in every language. Member authorities' official names and the Regional Hubs' names come from the
directory at run time (`glossary.py::glossary_entries`), not from this table.
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

GLOSSARY_LANGUAGES = ("en", "ar", "fr", "es")


class GlossaryTermQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by(Lower("term_en"))


class GlossaryTerm(models.Model):
    term_en = models.CharField(
        _("term (English)"),
        max_length=200,
        help_text=_("The term as it is written in English, the source language of most pages."),
    )
    term_ar = models.CharField(_("approved form (Arabic)"), max_length=200, blank=True)
    term_fr = models.CharField(_("approved form (French)"), max_length=200, blank=True)
    term_es = models.CharField(_("approved form (Spanish)"), max_length=200, blank=True)
    do_not_translate = models.BooleanField(
        _("do not translate"),
        default=False,
        help_text=_("Kept exactly as written in every language (a name, an acronym). Leave the other forms empty."),
    )
    note = models.CharField(_("note for translators"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = [Lower("term_en")]
        constraints = [
            models.UniqueConstraint(Lower("term_en"), name="glossary_term_unique"),
            models.CheckConstraint(condition=~models.Q(term_en=""), name="glossary_term_not_empty"),
            models.CheckConstraint(
                condition=models.Q(do_not_translate=False) | models.Q(term_ar="", term_fr="", term_es=""),
                name="glossary_do_not_translate_has_no_forms",
                violation_error_message=_("A term that is not translated has no other forms: leave them empty."),
            ),
        ]

    def __str__(self) -> str:
        return self.term_en

    def form(self, language: str) -> str:
        """The approved form in `language` ("" when there is none)."""
        if self.do_not_translate:
            return self.term_en
        return getattr(self, f"term_{language}", "") or ""


class TranslationStatus(models.Model):
    """Where one page's text in one language comes from, and whether a person has checked it.

    One row per (page `translation_key`, locale), kept by `services.translation_status_refresh`
    when a page is published (see docs/translation.md for the rule). A page with no row (written
    in each language by hand, before wagtail-localize) shows no notice.
    """

    class Status(models.TextChoices):
        ORIGINAL = "original", _("Original")
        MACHINE = "machine", _("Machine-translated, not reviewed")
        REVIEWED = "reviewed", _("Reviewed by a person")
        OUT_OF_DATE = "out_of_date", _("Out of date")

    translation_key = models.UUIDField(_("translation key"), db_index=True)
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    source_locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("The language of the original; empty for the original itself."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(fields=["translation_key", "locale"], name="translation_status_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=["original", "machine", "reviewed", "out_of_date"]),
                name="translation_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status="original", source_locale__isnull=True)
                | (~models.Q(status="original") & models.Q(source_locale__isnull=False)),
                name="translation_status_original_has_no_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.translation_key} {self.locale_id}: {self.status}"

    @property
    def needs_notice(self) -> bool:
        """Readers are told: a machine wrote it and nobody checked, or the original has moved on."""
        return self.status in (self.Status.MACHINE, self.Status.OUT_OF_DATE)
