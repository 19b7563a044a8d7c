"""The network's glossary: how its own terms are written in each language.

A term has its English form (the source term) and an approved form in Arabic, French and
Spanish, or is marked "do not translate" (the network's name, "ISC"): then it stays as written
in every language. Member authorities' official names and the Regional Hubs' names come from the
directory at run time (`glossary.py::glossary_entries`), not from this table.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


# Readers' reports of translation problems (issue 11, part 4; docs/translation.md, "Reporting a problem").


class TranslationReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=TranslationReport.State.OPEN)


class TranslationReport(models.Model):
    """A reader's report of wrong words on a translated page, for the reviewers' queue.

    Written by `reports.report_submit` (the public form), closed by `reports.report_close` (the
    admin queue). The reporter's e-mail address is personal data: only reviewers see it, it is
    never logged nor shown in `__str__`, and it is forgotten once the thank-you is queued.
    """

    QUOTE_LIMIT = 1000
    TEXT_LIMIT = 2000  # the suggestion and the note

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    # A deleted page leaves its reports (and the reporter's thank-you) to close: SET_NULL.
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("page")
    )
    translation_key = models.UUIDField(_("translation key"), db_index=True)
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    # The translated segment the quote was found in (folded match); empty when none matched.
    # Segments are extracted again when the original changes: the source text (`string`) stays.
    segment = models.ForeignKey(
        "wagtail_localize.StringSegment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    string = models.ForeignKey(
        "wagtail_localize.String", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The published revision the reader was reading."),
    )
    quote = models.TextField(_("the words that are wrong"))
    suggestion = models.TextField(_("a better wording"), blank=True)
    note = models.TextField(_("note"), blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail address"), blank=True)
    language = models.CharField(_("reporter's language"), max_length=10, choices=settings.LANGUAGES)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    resolution = models.TextField(_("resolution note"), blank=True)
    thanked = models.BooleanField(_("thanked by e-mail"), default=False)

    objects = TranslationReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation report")
        verbose_name_plural = _("translation reports")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["state", "locale"], name="translation_report_queue")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["open", "closed"]), name="translation_report_state_known"
            ),
            models.CheckConstraint(
                condition=models.Q(state="open", closed_at__isnull=True, closed_by__isnull=True, resolution="")
                | models.Q(state="closed", closed_at__isnull=False),
                name="translation_report_closed_when_closed",
            ),
            models.CheckConstraint(condition=~models.Q(quote=""), name="translation_report_has_quote"),
        ]

    def __str__(self) -> str:
        return f"translation report {self.pk} ({self.locale_id}, {self.state})"


class TranslationJob(models.Model):
    """One machine translation of a page or a translatable snippet into one language, run in the task
    queue (`jobs.py`, `tasks.py`).

    One row per (original, target language): asking again re-queues it. The original is a page
    (`page`) or a snippet (`snippet_type`, `snippet_id`), never both. The state moves
    queued → running → done, failed or needs a person (no engine covers the pair); "try again"
    puts a failed one back in the queue. `error` is the message people read (an engine's
    `EngineError` message, a validation message), never a traceback.
    """

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("translation job", "Queued")
        RUNNING = "running", pgettext_lazy("translation job", "Running")
        DONE = "done", pgettext_lazy("translation job", "Done")
        FAILED = "failed", pgettext_lazy("translation job", "Failed")
        NEEDS_PERSON = "needs_person", pgettext_lazy("translation job", "Needs a person")

    class Problem(models.TextChoices):
        NONE = "", _("None")
        ENGINE = "engine", _("The engine could not translate the page.")
        NO_ENGINE = (
            "no_engine",
            _("No machine translation engine covers this pair of languages: a person translates it."),
        )
        TAKEN_OVER = "taken_over", _("The page in this language is a person's own translation: it was left as it is.")
        NOT_SAVED = "not_saved", _("The translated page could not be saved.")
        NOT_PUBLISHED = "not_published", _("The draft was saved but could not be published.")
        QUEUE = "queue", _("The task queue could not be reached.")
        UNEXPECTED = "unexpected", _("An unexpected error stopped the translation.")

    FINISHED = (State.DONE, State.FAILED, State.NEEDS_PERSON)

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("original page"),
    )
    # A snippet's jobs go with it (`signals.py`): a generic key has no cascade.
    snippet_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    snippet_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", verbose_name=_("language")
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    publish = models.BooleanField(
        _("publish at once"),
        default=False,
        help_text=_("Publish the translation, marked machine-translated, instead of keeping a draft for review."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    problem = models.CharField(_("problem"), max_length=20, choices=Problem.choices, blank=True, default="")
    error = models.TextField(_("error"), blank=True, default="")
    engine = models.CharField(_("engine"), max_length=100, blank=True, default="")
    segments_translated = models.PositiveIntegerField(_("segments translated"), default=0)
    segments_kept = models.PositiveIntegerField(_("segments a person wrote, kept"), default=0)

    class Meta:
        verbose_name = _("translation job")
        verbose_name_plural = _("translation jobs")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["state", "-requested_at"], name="translation_job_state")]
        constraints = [
            models.UniqueConstraint(fields=["page", "target_locale"], name="translation_job_unique"),
            models.UniqueConstraint(
                fields=["snippet_type", "snippet_id", "target_locale"],
                condition=models.Q(snippet_type__isnull=False),
                name="translation_job_snippet_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, snippet_type__isnull=True, snippet_id__isnull=True)
                | models.Q(page__isnull=True, snippet_type__isnull=False, snippet_id__isnull=False),
                name="translation_job_one_original",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "running", "done", "failed", "needs_person"]),
                name="translation_job_state_known",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "running"], finished_at__isnull=True)
                | models.Q(state__in=["done", "failed", "needs_person"], finished_at__isnull=False),
                name="translation_job_finished_when_over",
            ),
            models.CheckConstraint(
                condition=models.Q(state="failed") | models.Q(state="needs_person") | models.Q(problem=""),
                name="translation_job_problem_only_when_stopped",
            ),
        ]

    def __str__(self) -> str:
        original = self.page_id or f"{self.snippet_type_id}:{self.snippet_id}"
        return f"{original} → {self.target_locale_id}: {self.state}"

    @staticmethod
    def of(original) -> dict:
        """The fields naming `original`, a page or a snippet: `TranslationJob.objects.filter(**of(x))`."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Page

        if isinstance(original, Page):
            return {"page_id": original.pk}
        return {"snippet_type": ContentType.objects.get_for_model(original), "snippet_id": original.pk}

    def original(self):
        """The page (as its own type) or the snippet this job translates; DoesNotExist once deleted."""
        if self.page_id is not None:
            return self.page.specific
        return self.snippet_type.get_object_for_this_type(pk=self.snippet_id)

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED
