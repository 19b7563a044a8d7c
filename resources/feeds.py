"""Atom feeds, one per language: the news index's (and the Resource Hub's) `feed/` route.

A feed lists the live, public pages of its own locale only, newest first; its `xml:lang` is that
locale's language.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .selectors import published

FEED_LENGTH = 30


class PublicationFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, model, index_page):
        super().__init__()
        self.model = model
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, obj):
        return f"{obj.title} · {_('Strong Cities Network')}"

    def link(self, obj):
        return obj.get_url(self.request) or "/"

    def subtitle(self, obj):
        return strip_tags(getattr(obj, "intro", "") or "")

    def items(self, obj):
        return (
            published(self.model)
            .filter(locale=obj.locale)
            .select_related("locale")
            .order_by("-publication_date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.full_url or item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        authors = item.author_list
        return ", ".join(authors) if authors else None

    def item_categories(self, item):
        return [item.get_kind_display()]
