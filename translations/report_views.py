"""The readers' form for reporting a translation problem: /<lang>/report-translation/<page id>/.

Why a page of its own rather than a form inside every translated page: translated pages are
anonymous pages a caching proxy keeps, so they carry no CSRF token (a token in a cached page is
someone else's). The page shows a link to this form (with the words the reader selected, when
JavaScript runs: `static/js/translation-report.js`); this view is private (`never_cache`), so it
can use Django's CSRF protection as every other form of the site does, instead of a
`csrf_exempt` endpoint. The honeypot and the rate limit (`reports.REPORT_LIMIT`) are on top.

Whatever arrives gets an answer: an unknown or unreadable page is the site's 404; a page in
another language than the address's is sent to the address in its own language; a page that is
no translation is a 404; bad input comes back with a message next to the field, as typed.
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from core import ratelimit
from core.i18n import LANGUAGE_CODES, RTL_LANGUAGES, current_language
from core.pages import public_pages

from . import reports
from .forms import ReportForm

PAGE_ID_MAX = 2**63 - 1


def _readable_page(page_id: int) -> Page:
    if not 0 < page_id <= PAGE_ID_MAX:
        raise Http404
    page = public_pages(Page.objects.live()).filter(pk=page_id).select_related("locale").first()
    if page is None:
        raise Http404
    return page


def _render(request, page, form, status=200):
    language = page.locale.language_code
    return render(
        request,
        "translations/report_form.html",
        {
            "form": form,
            "reported_page": page,
            "page_url": page.get_url(request) or "",
            "page_dir": "rtl" if language in RTL_LANGUAGES else "ltr",
            "page_language": language,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, page_id: int):
    page = _readable_page(page_id)
    language = page.locale.language_code
    if language not in LANGUAGE_CODES:
        raise Http404
    if language != current_language():
        with translation.override(language):
            target = reverse("translations-reports:report", args=[page.pk])
        if request.method == "POST":  # sent again to the right address, with what was typed
            return HttpResponseRedirect(target, status=307)
        query = request.GET.urlencode()
        return redirect(f"{target}?{query}" if query else target)
    if reports.source_locale_id(page) is None:
        raise Http404
    if request.method != "POST":
        initial = {"quote": request.GET.get("quote", ""), "revision": request.GET.get("revision", "")}
        return _render(request, page, ReportForm(initial=initial))
    form = ReportForm(request.POST)
    if ratelimit.over_limit(reports.REPORT_LIMIT, key=ratelimit.address_key(request)):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Many reports have been sent from your connection in a short time. Please wait an hour, "
                "then send the form again. What you typed is kept below."
            ),
        )
        return _render(request, page, form, status=429)
    if request.POST.get("website"):
        # A robot filled the hidden field: answer as if all went well, store nothing.
        return redirect("translations-reports:thanks", page_id=page.pk)
    if not form.is_valid():
        return _render(request, page, form, status=400)
    data = form.cleaned_data
    try:
        reports.report_submit(
            page=page,
            quote=data["quote"],
            suggestion=data["suggestion"],
            note=data["note"],
            email=data["email"],
            language=current_language(),
            revision_id=data["revision"],
        )
    except reports.NotATranslation:  # its translation was taken away meanwhile
        raise Http404
    return redirect("translations-reports:thanks", page_id=page.pk)


@never_cache
@require_http_methods(["GET", "HEAD"])
def thanks(request, page_id: int):
    page = None
    if 0 < page_id <= PAGE_ID_MAX:
        page = public_pages(Page.objects.live()).filter(pk=page_id).first()
    return render(
        request,
        "translations/report_thanks.html",
        {"page_url": (page.get_url(request) or "") if page else "", "home_url": f"/{current_language()}/"},
    )


def report_url(page: Page) -> str:
    """The form's address for `page` (in the language being rendered: the page's own), with the
    revision the page shows, which the report records."""
    url = reverse("translations-reports:report", args=[page.pk])
    return url + "?" + urlencode({"revision": page.live_revision_id}) if page.live_revision_id else url
