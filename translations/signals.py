"""Wiring only: a published page brings its translation group's statuses up to date
(`services.translation_status_refresh`), for every page type; a saved translatable snippet does
the same (`services.snippet_status_refresh`: snippets have no publishing)."""

from django.db.models.signals import post_save
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published

from .services import snippet_status_refresh, translation_status_refresh


def _page_published(sender, instance, **kwargs):
    translation_status_refresh(page=instance)


def _snippet_saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, TranslatableMixin) or isinstance(instance, Page):
        return
    snippet_status_refresh(instance=instance)


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="translations.status")
    post_save.connect(_snippet_saved, dispatch_uid="translations.snippet_status")
