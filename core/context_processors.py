"""What every public page shows around its content: language switcher, menu, demo banner."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction, Site

from core.i18n import RTL_LANGUAGES, current_language


def _menu(request, language):
    site = Site.find_for_request(request)
    if site is None:
        return None, []
    root = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    home = root.get_translation_or_none(locale) if locale else None
    home = home or root
    # Wagtail's `.public()` writes one condition per view restriction on the whole site; for the
    # children of one page only two things matter: a restriction above them, or on themselves.
    if PageViewRestriction.objects.filter(page__in=home.get_ancestors(inclusive=True)).exists():
        return home, []
    return home, list(home.get_children().live().in_menu().filter(view_restrictions__isnull=True))


def site_chrome(request):
    from cities.selectors import demo_data_loaded

    language = current_language()
    page = getattr(request, "_wagtail_page", None)
    home, menu = _menu(request, language)
    translations = {}
    if page is not None:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    alternates = []
    for code, _label in settings.LANGUAGES:
        url = translations[code].url if code in translations else None
        if url is None:
            url = translate_url(request.get_full_path(), code)
        with translation.override(code):
            native = translation.get_language_info(code)["name_local"]
        alternates.append({"code": code, "name": native, "url": url, "current": code == language})
    return {
        "LANGUAGE_IS_RTL": language in RTL_LANGUAGES,
        "language_alternates": alternates,
        "site_home": home,
        "menu_pages": menu,
        "demo_data": demo_data_loaded(),
    }
