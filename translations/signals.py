"""Wiring only: a published page brings its translation group's statuses up to date
(`services.translation_status_refresh`), for every page type."""

from wagtail.signals import page_published

from .services import translation_status_refresh


def _page_published(sender, instance, **kwargs):
    translation_status_refresh(page=instance)


def connect() -> None:
    page_published.connect(_page_published, dispatch_uid="translations.status")
