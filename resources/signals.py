"""Signal receivers that only invalidate: what the lists show changed, so their index's version moves
on after the commit (`listing_index.bump_listing_version`). No domain flow here."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .listing_index import bump_listing_version


def _listed(page) -> bool:
    from .models import NewsArticlePage, ResourcePage

    return isinstance(page, (ResourcePage, NewsArticlePage)) or type(page) is Page


def page_changed(sender, instance, **kwargs):
    if _listed(instance):
        bump_listing_version()


def page_moved(sender, instance, **kwargs):
    bump_listing_version()  # a move may take a whole section under or out of a restriction


def restriction_changed(sender, instance, **kwargs):
    bump_listing_version()


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="resources-listing-published")
    page_unpublished.connect(page_changed, dispatch_uid="resources-listing-unpublished")
    post_delete.connect(page_changed, dispatch_uid="resources-listing-deleted")
    post_page_move.connect(page_moved, dispatch_uid="resources-listing-moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="resources-listing-restricted")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="resources-listing-unrestricted")
