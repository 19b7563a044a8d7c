"""The translation dashboard in the Wagtail admin (reads in `dashboard.py`): the Management Unit
and translators only (`dashboard.can_see_translation_dashboard`); everyone else gets 403."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import dashboard

PAGES = "pages"


def _choice(value: str | None, allowed) -> str | None:
    return value if value in allowed else None


def translation_dashboard(request):
    if not dashboard.can_see_translation_dashboard(request.user):
        raise PermissionDenied
    codes = dashboard._locale_codes()
    locale_ids = {code: pk for pk, code in codes.items() if code in dashboard.languages()}
    reports = dashboard.open_report_counts()
    pages = dashboard.model_table(Page, _("Pages"), codes, reports)
    models = dashboard.translatable_snippet_models()
    snippets = [dashboard.model_table(model, model._meta.verbose_name_plural.capitalize(), codes) for model in models]
    # What the work list is about: pages (the default) or one snippet model ("core.testimonial").
    tables = {PAGES: (Page, pages), **{m._meta.label_lower: (m, t) for m, t in zip(models, snippets, strict=True)}}
    what = _choice(request.GET.get("what"), tables) or PAGES
    model, table = tables[what]
    language = _choice(request.GET.get("language"), locale_ids)
    kind = _choice(request.GET.get("status"), dict(dashboard.WORK_FILTERS)) or dashboard.UNREVIEWED
    work = dashboard.work_list(
        language=language, kind=kind, table=table, codes=codes, locale_ids=locale_ids, model=model
    )
    listing = Paginator(work, dashboard.PER_PAGE).get_page(request.GET.get("page"))
    items = listing.object_list
    chosen = (("what", what if what != PAGES else None), ("language", language), ("status", kind))
    query = {key: value for key, value in chosen if value}
    return render(
        request,
        "translations/admin/dashboard.html",
        {
            "header_title": _("Translations"),
            "pages_table": pages,
            "snippet_tables": snippets,
            "show_reports": reports is not None,
            "oldest": dashboard.oldest_unreviewed(codes),
            "items": items,
            "listing": listing,
            "languages": [(code, dashboard.language_name(code)) for code in dashboard.languages()],
            "filters": dashboard.WORK_FILTERS,
            "language": language or "",
            "kind": kind,
            "missing": kind == dashboard.MISSING,
            "query": urlencode(query),
            "kinds": dashboard.KINDS,
            "what": what,
            "what_choices": [(PAGES, _("Pages"))]
            + [(m._meta.label_lower, m._meta.verbose_name_plural.capitalize()) for m in models],
        },
    )


def visible_in_menu(request) -> bool:
    return dashboard.can_see_translation_dashboard(request.user)
