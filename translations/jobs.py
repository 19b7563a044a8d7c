"""Machine translation of a page or a translatable snippet in the task queue: who may ask, the jobs,
and what a job does. "Original" below is either (any `TranslatableMixin` model: pages, and snippets
such as testimonials, including ones added later).

An editor asks for an original's translations (`translation_jobs_request`): one `TranslationJob` per
target language, each run by the task `tasks.run_translation_job` after the commit. A job
(`translation_job_run`):

1. brings wagtail-localize's `TranslationSource` up to date with the page as published in the database
   (`TranslationSource.update_or_create_from_instance`, the page's row locked so two workers do not
   rebuild the same source at once);
2. machine-translates, through `services.machine_translate` (engine batches and retries, glossary), every
   segment with no translation in the language or only a machine one; a segment a person wrote
   (`StringTranslation.translation_type == "manual"`) is never sent, never overwritten;
3. writes the machine `StringTranslation`s and saves the target page as a draft
   (`Translation.save_target(publish=False)`) in one transaction, then, if asked, publishes that draft
   (`page_published` → `translation_status_refresh` → "machine" → the readers' notice).

Nothing is written until the engine has answered for every segment: an `EngineError` (after the
engine's own retries) leaves the existing translation as it was and the job "failed" with the
engine's message. A pair no engine covers makes the job "needs a person": the translation is set up in
wagtail-localize (a draft with the original's text if the page does not exist yet in the language),
for a translator to do in wagtail-localize's editor; an existing draft is not touched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from core.queue import enqueue
from core.visibility import is_management_unit, roles_of, second_factor_missing

from .engines import EngineError, engine_for
from .models import TranslationJob
from .services import PairQueuedForHuman, machine_translate

logger = logging.getLogger(__name__)

State = TranslationJob.State
Problem = TranslationJob.Problem
MACHINE = StringTranslation.TRANSLATION_TYPE_MACHINE
# A job "running" for longer than this lost its worker (a restart, a crash): it may be tried again.
STALLED_AFTER = timedelta(minutes=30)


# Who may do what -------------------------------------------------------------------------------


def _permission(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def can_request_translation(user, original) -> bool:
    """Ask for machine translations of `original`, see its jobs and try them again: whoever may edit
    it in Wagtail (a page's permissions, a snippet model's "change"), second factor confirmed."""
    if user is None or not user.is_authenticated or not user.is_active or second_factor_missing(user):
        return False
    if isinstance(original, Page):
        return not original.is_root() and original.permissions_for_user(user).can_edit()
    return user.has_perm(_permission(type(original), "change"))


def can_publish_translation(user, original) -> bool:
    """Choose "publish at once": whoever may publish the original (hub staff save drafts only). A
    snippet without drafts is live once saved: whoever may change it."""
    if not can_request_translation(user, original):
        return False
    if isinstance(original, Page):
        return original.permissions_for_user(user).can_publish()
    if isinstance(original, DraftStateMixin):
        return user.has_perm(_permission(type(original), "publish"))
    return True


def is_live(original) -> bool:
    return getattr(original, "live", True)


def can_see_all_jobs(user) -> bool:
    """The list of every job: the Management Unit and translators."""
    from accounts.models import Role

    if user is None or not user.is_authenticated:
        return False
    return is_management_unit(user) or any(role.role == Role.TRANSLATOR for role in roles_of(user))


def can_retry(job: TranslationJob) -> bool:
    """A failed job, one waiting for a person (an engine may cover the pair now) or one whose worker was lost."""
    if job.state in (State.FAILED, State.NEEDS_PERSON):
        return True
    return job.state == State.RUNNING and job.started_at is not None and job.started_at < timezone.now() - STALLED_AFTER


# Which languages a page can be translated into -------------------------------------------------


@dataclass
class Target:
    locale: Locale
    kind: str  # "new": no page in the language yet; "update": a synced translation; "own": a person's own page

    @property
    def offered(self) -> bool:
        return self.kind in ("new", "update")

    @property
    def default(self) -> bool:
        return self.kind == "new"


def translation_of(page) -> Translation | None:
    """The synced wagtail-localize translation `page` (or a snippet) is the target of, if it is one."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source__locale")
        .first()
    )


def _family(original):
    """The manager of `original`'s model tree (pages: `Page`), where its translations are."""
    return Page.objects if isinstance(original, Page) else type(original).objects


def original_of(page):
    """The page (or snippet) `page` is a synced translation of, or `page` itself."""
    translation = translation_of(page)
    if translation is None:
        return page
    return (
        _family(page).filter(translation_key=page.translation_key, locale_id=translation.source.locale_id).first()
        or page
    )


def translation_targets(original) -> list[Target]:
    """Every other site language, with what a job there would do (three queries)."""
    translations = _family(original).filter(translation_key=original.translation_key).exclude(pk=original.pk)
    if isinstance(original, Page):
        existing = dict(translations.values_list("locale_id", "alias_of_id"))
    else:
        existing = dict.fromkeys(translations.values_list("locale_id", flat=True))
    synced = dict(
        Translation.objects.filter(
            source__object_id=original.translation_key, source__locale_id=original.locale_id
        ).values_list("target_locale_id", "enabled")
    )
    targets = []
    for locale in Locale.objects.exclude(pk=original.locale_id).order_by("language_code"):
        if locale.pk not in existing or existing[locale.pk] is not None:  # none yet, or an alias of the original
            kind = "new"
        elif synced.get(locale.pk):
            kind = "update"
        else:
            kind = "own"
        targets.append(Target(locale=locale, kind=kind))
    return targets


# Asking ----------------------------------------------------------------------------------------


def _enqueue(job_ids: list[int]) -> None:
    """After the commit: one task per job. A queue that cannot be reached marks the jobs failed
    (the editor sees it and tries again) instead of leaving them queued for ever."""
    from .tasks import run_translation_job

    for job_id in job_ids:
        try:
            enqueue(run_translation_job, job_id=job_id)
        except Exception as error:  # noqa: BLE001 - any backend's failure to accept the task
            logger.error("Translation job %s could not be queued: %s", job_id, type(error).__name__)
            _finish(job_id, State.FAILED, problem=Problem.QUEUE, error=type(error).__name__, expect=State.QUEUED)


@transaction.atomic
def translation_jobs_request(*, user, original, language_codes: list[str], publish: bool) -> list[TranslationJob]:
    """Queue the machine translation of `original` (a page or a snippet) into `language_codes` for `user`.

    Raises `ValidationError` (a message for the form) when nothing or an unknown language is
    chosen, a language is a person's own translation, the original is itself a translation, or
    publishing is asked by someone who may not publish. A job already queued or running is left
    to finish; any other is queued again."""
    from django.core.exceptions import PermissionDenied

    if not can_request_translation(user, original):
        raise PermissionDenied
    if publish and not can_publish_translation(user, original):
        raise ValidationError(
            {"publish": _("You may not publish this page: choose to keep the translations as drafts.")}
        )
    if publish and not is_live(original):
        raise ValidationError(
            {"publish": _("The original is not published: its translations can only be kept as drafts.")}
        )
    source = translation_of(original)
    if source is not None:
        raise ValidationError(
            _("This page is a translation of the %(language)s page: translate the original instead.")
            % {"language": source.source.locale.get_display_name()}
        )
    codes = [code for code in dict.fromkeys(language_codes or []) if code]
    if not codes:
        raise ValidationError({"languages": _("Choose at least one language.")})
    targets = {target.locale.language_code: target for target in translation_targets(original)}
    unknown = [code for code in codes if code not in targets]
    if unknown:
        raise ValidationError({"languages": _("Choose among the languages listed.")})
    own = [targets[code] for code in codes if not targets[code].offered]
    if own:
        raise ValidationError(
            {
                "languages": _(
                    "%(language)s: the page in this language is a person's own translation; it is not replaced."
                )
                % {"language": own[0].locale.get_display_name()}
            }
        )
    now = timezone.now()
    jobs, queued = [], []
    for code in codes:
        locale = targets[code].locale
        job, created = TranslationJob.objects.select_for_update().get_or_create(
            **TranslationJob.of(original),
            target_locale=locale,
            defaults={"state": State.QUEUED, "publish": publish, "requested_by": user, "requested_at": now},
        )
        if not created:
            if job.state in (State.QUEUED, State.RUNNING) and not can_retry(job):
                jobs.append(job)
                continue
            job.state, job.publish, job.requested_by, job.requested_at = State.QUEUED, publish, user, now
            job.started_at = job.finished_at = None
            job.problem, job.error, job.attempts = Problem.NONE, "", 0
            job.save()
        jobs.append(job)
        queued.append(job.pk)
    if queued:
        transaction.on_commit(lambda: _enqueue(queued))
    return jobs


@transaction.atomic
def translation_job_retry(*, user, job: TranslationJob) -> TranslationJob:
    """Try again: a failed job (or one waiting for a person, or stalled) back in the queue, as `user` asks."""
    from django.core.exceptions import PermissionDenied

    job = TranslationJob.objects.select_for_update().get(pk=job.pk)
    original = job.original()
    if not can_request_translation(user, original):
        raise PermissionDenied
    if not can_retry(job):
        raise ValidationError(_("This translation is not waiting to be tried again."))
    if job.publish and not can_publish_translation(user, original):
        job.publish = False  # tried again by someone who may not publish: a draft for review
    job.state, job.requested_by, job.requested_at = State.QUEUED, user, timezone.now()
    job.started_at = job.finished_at = None
    job.problem, job.error = Problem.NONE, ""
    job.save()
    job_id = job.pk
    transaction.on_commit(lambda: _enqueue([job_id]))
    return job


# Running ---------------------------------------------------------------------------------------


class JobStopped(Exception):
    def __init__(self, state: str, problem: str, error: str = ""):
        super().__init__(error or problem)
        self.state, self.problem, self.error = state, problem, error


def _claim(job_id: int) -> TranslationJob | None:
    """queued → running, for one worker only."""
    now = timezone.now()
    claimed = TranslationJob.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return TranslationJob.objects.select_related("target_locale", "requested_by").get(pk=job_id)


def _finish(
    job_id: int, state: str, *, problem: str = "", error: str = "", expect: str = State.RUNNING, **fields
) -> None:
    TranslationJob.objects.filter(pk=job_id, state=expect).update(
        state=state, problem=problem, error=error[:2000], finished_at=timezone.now(), **fields
    )


def _source_for(original) -> TranslationSource:
    with transaction.atomic():
        list(_family(original).select_for_update().filter(pk=original.pk).values_list("pk", flat=True))
        source, _created = TranslationSource.update_or_create_from_instance(original)
    return source


def _check_not_taken_over(original, source: TranslationSource, locale: Locale) -> None:
    target = original.get_translation_or_none(locale)
    if target is None or getattr(target, "alias_of_id", None) is not None:
        return
    if not Translation.objects.filter(source=source, target_locale=locale, enabled=True).exists():
        raise JobStopped(State.FAILED, Problem.TAKEN_OVER)


def _keeps_drafts(source: TranslationSource) -> bool:
    """Pages and snippets with drafts get a draft; a snippet without is saved as it is (and live)."""
    return issubclass(source.specific_content_type.model_class(), DraftStateMixin)


def _set_up_for_a_person(job: TranslationJob, original, source: TranslationSource, locale: Locale) -> None:
    """No engine: the translation exists in wagtail-localize for a translator; one that exists is not touched."""
    with transaction.atomic():
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        if original.get_translation_or_none(locale) is None:
            translation.save_target(user=job.requested_by, publish=not _keeps_drafts(source))


def _segments_to_translate(source: TranslationSource, locale: Locale):
    """The source's segments, split into those to machine-translate and how many a person wrote."""
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order"))
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=locale, context__object_id=source.object_id, translation_of_id__in={s.string_id for s in segments}
        ).only("pk", "translation_of_id", "context_id", "translation_type")
    }
    todo, kept = [], 0
    for segment in segments:
        current = existing.get((segment.string_id, segment.context_id))
        if current is not None and current.translation_type != MACHINE:
            kept += 1
            continue
        todo.append((segment, current))
    return todo, kept


def _write(job: TranslationJob, source: TranslationSource, locale: Locale, todo, texts: dict[str, str], engine: str):
    """The machine segments and the draft, together. A segment a person saved meanwhile is not overwritten."""
    now = timezone.now()
    with transaction.atomic():
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        if not translation.enabled:
            raise JobStopped(State.FAILED, Problem.TAKEN_OVER)
        new = []
        for segment, current in todo:
            data = texts[segment.string.data] if segment.context.path != "slug" else segment.string.data
            if current is None:
                new.append(
                    StringTranslation(
                        translation_of_id=segment.string_id,
                        locale=locale,
                        context_id=segment.context_id,
                        data=data,
                        translation_type=MACHINE,
                        tool_name=engine[:255],
                        last_translated_by=job.requested_by,
                        has_error=False,
                        field_error="",
                    )
                )
            else:
                StringTranslation.objects.filter(pk=current.pk, translation_type=MACHINE).update(
                    data=data, tool_name=engine[:255], has_error=False, field_error="", updated_at=now
                )
        StringTranslation.objects.bulk_create(new, ignore_conflicts=True)  # a person's row made meanwhile wins
        try:
            translation.save_target(user=job.requested_by, publish=not _keeps_drafts(source))
        except ValidationError as error:
            raise JobStopped(State.FAILED, Problem.NOT_SAVED, "; ".join(error.messages))
    return translation


def _publish(job: TranslationJob, translation: Translation) -> None:
    from wagtail.actions.publish_revision import PublishPermissionError

    target = translation.get_target_instance()
    if not isinstance(target, DraftStateMixin):  # a snippet without drafts is live once saved
        return
    try:
        with transaction.atomic():
            target.get_latest_revision().publish(user=job.requested_by)
    except PublishPermissionError:
        raise JobStopped(State.FAILED, Problem.NOT_PUBLISHED, "no permission to publish")
    except ValidationError as error:
        raise JobStopped(State.FAILED, Problem.NOT_PUBLISHED, "; ".join(error.messages))


def translation_job_run(*, job_id: int) -> str:
    """Run one job (the task's body). Returns its final state; a job not queued is left alone."""
    job = _claim(job_id)
    if job is None:
        return "not queued"
    locale = job.target_locale
    try:
        original = job.original()
        source = _source_for(original)
        _check_not_taken_over(original, source, locale)
        if engine_for(source.locale, locale) is None:
            _set_up_for_a_person(job, original, source, locale)
            raise JobStopped(State.NEEDS_PERSON, Problem.NO_ENGINE)
        todo, kept = _segments_to_translate(source, locale)
        texts = sorted({segment.string.data for segment, _current in todo if segment.context.path != "slug"})
        engine = ""
        translated: dict[str, str] = {}
        if texts:
            result = machine_translate(source=source.locale.language_code, target=locale.language_code, texts=texts)
            engine = result.engine
            translated = dict(zip(texts, result.texts, strict=True))
        translation = _write(job, source, locale, todo, translated, engine)
        if job.publish:
            _publish(job, translation)
    except JobStopped as stop:
        _finish(job.pk, stop.state, problem=stop.problem, error=stop.error)
        return stop.state
    except PairQueuedForHuman:
        _finish(job.pk, State.NEEDS_PERSON, problem=Problem.NO_ENGINE)
        return State.NEEDS_PERSON
    except EngineError as error:
        _finish(job.pk, State.FAILED, problem=Problem.ENGINE, error=str(error))
        return State.FAILED
    except Exception as error:
        logger.exception("Translation job %s stopped", job_id)
        _finish(job.pk, State.FAILED, problem=Problem.UNEXPECTED, error=type(error).__name__)
        return State.FAILED
    _finish(job.pk, State.DONE, engine=engine[:100], segments_translated=len(todo), segments_kept=kept)
    return State.DONE
