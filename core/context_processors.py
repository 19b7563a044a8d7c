"""What every public page shows around its content: language switcher, menu, demo banner.

The menu, the homes and each page's versions in other languages come from the shared cache
(`core/chrome.py`, keyed on the chrome version): a page costs one small query for that version,
and one for the network's data version (the demo banner), whatever the menu or the languages.
"""

from functools import cache

from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from core.i18n import RTL_LANGUAGES, current_language, path_in_languages

from . import chrome


@cache
def _native_names() -> dict[str, str]:
    names = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            names[code] = translation.get_language_info(code)["name_local"]
    return names


def site_chrome(request):
    from cities.selectors import demo_data_loaded

    language = current_language()
    page = getattr(request, "_wagtail_page", None)
    site = chrome.site_chrome(request)
    home = site["homes"][language] if site else None
    menu = site["menus"][language] if site else []
    if isinstance(page, Page) and page.pk:
        # A Wagtail page links its own version in each language, else that language's home.
        versions = chrome.page_versions(page, request)
        homes = site["homes"] if site else {}

        def url_for(code):
            return versions.get(code) or (homes[code]["url"] if code in homes else None) or f"/{code}/"
    else:
        paths = path_in_languages(request)

        def url_for(code):
            return paths[code]

    names = _native_names()
    alternates = [
        {"code": code, "name": names[code], "url": url_for(code), "current": code == language}
        for code, _label in settings.LANGUAGES
    ]
    return {
        "LANGUAGE_IS_RTL": language in RTL_LANGUAGES,
        "language_alternates": alternates,
        "site_home": home,
        "menu_pages": menu,
        "demo_data": demo_data_loaded(),
    }
