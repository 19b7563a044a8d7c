"""`/sitemap.xml`: every live, public Wagtail page in every language, each with its
translations as `xhtml:link` alternates and `x-default` (its original, else the default
language); and the site's other public pages, which exist in every language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from core.pages import public_pages

from .models import TranslationStatus


class PageSitemap(WagtailSitemap):
    """Wagtail's sitemap over the site's root page in every locale, not the default one alone."""

    def items(self):
        site = self.get_wagtail_site()
        homes = site.root_page.get_translations(inclusive=True)
        under_a_home = Q(pk__in=[])
        for home in homes:
            under_a_home |= Q(path__startswith=home.path)
        return (
            public_pages(Page.objects.live())
            .filter(under_a_home, locale__language_code__in=[code for code, _name in settings.LANGUAGES])
            .select_related("locale")
            .order_by("path")
        )

    def _entries(self) -> dict[int, dict]:
        """Every item's URL and alternates, computed once (alternates may sit on another page of
        the sitemap): two queries beside the items'."""
        if hasattr(self, "_entries_cache"):
            return self._entries_cache
        pages = list(self.items())
        groups: dict = {}
        for page in pages:
            url = page.get_full_url(self.request)
            if url:
                groups.setdefault(page.translation_key, {})[page.locale.language_code] = url
        originals = dict(
            TranslationStatus.objects.filter(status=TranslationStatus.Status.ORIGINAL)
            .filter(translation_key__in=[key for key, group in groups.items() if len(group) > 1])
            .values_list("translation_key", "locale__language_code")
        )
        entries = {}
        for page in pages:
            group = groups.get(page.translation_key, {})
            url = group.get(page.locale.language_code)
            if not url:
                continue
            alternates = []
            if len(group) > 1:
                alternates = [{"lang_code": code, "location": href} for code, href in sorted(group.items())]
                default = group.get(originals.get(page.translation_key)) or group.get(settings.LANGUAGE_CODE)
                if default:
                    alternates.append({"lang_code": "x-default", "location": default})
            entries[page.pk] = {
                "item": page,
                "location": url,
                "lastmod": page.last_published_at or page.latest_revision_created_at,
                "alternates": alternates,
            }
        self._entries_cache = entries
        return entries

    def _urls(self, page, protocol, domain):
        entries = self._entries()
        urls = [entries[item.pk] for item in self.paginator.page(page).object_list if item.pk in entries]
        last_mods = {url["lastmod"] for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class ViewSitemap(DjangoSitemap):
    """The public pages that are not Wagtail pages: the same address in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["cities:city-list", "cities:city-map", "memberships:join"]

    def location(self, item):
        return reverse(item)

    def _urls(self, page, protocol, domain):
        # Django's x-default drops the language prefix; this site's addresses always have one
        # (`prefix_default_language`): the default language's address, as in the pages' heads.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            by_language = {alternate["lang_code"]: alternate["location"] for alternate in url["alternates"]}
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and settings.LANGUAGE_CODE in by_language:
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls
