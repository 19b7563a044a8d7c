"""Wiring only: a published page brings its translation group's statuses up to date
(`services.translation_status_refresh`), for every page type; a saved translatable snippet does
the same (`services.snippet_status_refresh`: snippets have no publishing), and a deleted one takes
its machine translation jobs with it. A status written or
deleted moves the chrome version on: the readers' notice and hreflang are cached under it
(`selectors.page_translations`)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published

from core.chrome import chrome_changed

from .models import TranslationJob, TranslationStatus
from .services import snippet_status_refresh, translation_status_refresh


def _page_published(sender, instance, **kwargs):
    translation_status_refresh(page=instance)


def _snippet_saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, TranslatableMixin) or isinstance(instance, Page):
        return
    snippet_status_refresh(instance=instance)


def _snippet_deleted(sender, instance, **kwargs):
    """A deleted snippet's jobs go with it (they name it by a generic key, which has no cascade)."""
    if not isinstance(instance, TranslatableMixin) or isinstance(instance, Page):
        return
    TranslationJob.objects.filter(**TranslationJob.of(instance)).delete()


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="translations.status")
    post_save.connect(_snippet_saved, dispatch_uid="translations.snippet_status")
    post_delete.connect(_snippet_deleted, dispatch_uid="translations.snippet_jobs")
    post_save.connect(chrome_changed, sender=TranslationStatus, dispatch_uid="translations.status_saved")
    post_delete.connect(chrome_changed, sender=TranslationStatus, dispatch_uid="translations.status_deleted")
