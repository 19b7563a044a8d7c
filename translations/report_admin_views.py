"""The reviewers' queue of readers' translation reports in the Wagtail admin, for the Management
Unit and translators (`permissions.can_review_translation_reports`; everyone else gets a 403).

Reports are grouped by page and language, oldest first, each with its quote, the reader's
suggestion, the segment it was found in and that segment's translation now, a link to the page's
translation in wagtail-localize's editor, and a form to close it (`reports.report_close`).
A fixed number of queries whatever the number of reports (tests assert it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringTranslation

from core.i18n import LANGUAGE_CODES, RTL_LANGUAGES
from core.params import bounded_int

from . import reports
from .forms import CloseForm
from .models import TranslationReport
from .permissions import can_review_translation_reports
from .selectors import open_report_counts

QUEUE_LIMIT = 500
STATES = ("open", "closed", "all")


def language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def visible_in_menu(request) -> bool:
    return can_review_translation_reports(request.user)


def _require_reviewer(user) -> None:
    if not can_review_translation_reports(user):
        raise PermissionDenied


@dataclass
class Group:
    page: Page | None
    translation_key: object
    language: str
    language_label: str
    direction: str
    edit_url: str = ""
    view_url: str = ""
    reports: list = field(default_factory=list)


def _filters(params) -> dict:
    state = params.get("state", "open")
    language = params.get("language", "")
    return {
        "state": state if state in STATES else "open",
        "language": language if language in LANGUAGE_CODES else "",
    }


def _groups(request, filters: dict, forms: dict) -> tuple[list[Group], bool]:
    reports_qs = TranslationReport.objects.select_related("page", "locale", "segment__string", "string", "closed_by")
    if filters["state"] != "all":
        reports_qs = reports_qs.filter(state=filters["state"])
    if filters["language"]:
        reports_qs = reports_qs.filter(locale__language_code=filters["language"])
    rows = list(reports_qs.order_by("created_at", "pk")[:QUEUE_LIMIT])
    # The segments' translations now, in each report's language: one query.
    strings = {row.segment.string_id for row in rows if row.segment_id}
    current = {}
    if strings:
        current = {
            (item.translation_of_id, item.context_id, item.locale_id): item.data
            for item in StringTranslation.objects.filter(
                translation_of_id__in=strings, locale_id__in={row.locale_id for row in rows}
            ).only("translation_of_id", "context_id", "locale_id", "data")
        }
    policy = PagePermissionPolicy()
    groups: dict[tuple, Group] = {}
    for row in rows:
        key = (row.translation_key, row.locale_id)
        group = groups.get(key)
        if group is None:
            language = row.locale.language_code
            group = groups[key] = Group(
                page=row.page,
                translation_key=row.translation_key,
                language=language,
                language_label=language_name(language),
                direction="rtl" if language in RTL_LANGUAGES else "ltr",
            )
            if row.page is not None:
                if policy.user_has_permission_for_instance(request.user, "change", row.page):
                    # wagtail-localize opens its translation editor from the page's edit view.
                    group.edit_url = reverse("wagtailadmin_pages:edit", args=[row.page_id])
                if row.page.live:
                    group.view_url = row.page.get_url(request) or ""
        row.segment_text = row.segment.string.data if row.segment_id else ""
        row.segment_translation = (
            current.get((row.segment.string_id, row.segment.context_id, row.locale_id), "") if row.segment_id else ""
        )
        row.close_form = forms.get(row.pk) or CloseForm(prefix=f"report-{row.pk}")
        group.reports.append(row)
    return list(groups.values()), len(rows) == QUEUE_LIMIT


def _render_queue(request, filters: dict, forms: dict | None = None, status: int = 200):
    groups, limit_reached = _groups(request, filters, forms or {})
    counts = open_report_counts()
    return render(
        request,
        "translations/admin/report_queue.html",
        {
            "groups": groups,
            "limit_reached": limit_reached,
            "report_count": sum(len(group.reports) for group in groups),
            "languages": [(code, language_name(code), counts.get(code, 0)) for code in LANGUAGE_CODES],
            "current": filters,
            "states": [("open", _("Open")), ("closed", _("Closed")), ("all", _("All"))],
            "query": urlencode(filters),
            "header_title": _("Translation reports"),
        },
        status=status,
    )


@require_GET
def queue(request):
    _require_reviewer(request.user)
    return _render_queue(request, _filters(request.GET))


@require_POST
def close(request, pk: int):
    _require_reviewer(request.user)
    filters = _filters(request.POST)
    back = reverse("translation_reports_admin:queue") + "?" + urlencode(filters)
    pk = bounded_int(pk, maximum=2**63 - 1)
    form = CloseForm(request.POST, prefix=f"report-{pk}")
    if form.is_valid():
        try:
            reports.report_close(report_id=pk, actor=request.user, resolution=form.cleaned_data["resolution"])
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect(back)
        messages.success(request, _("The report is closed."))
        return redirect(back)
    return _render_queue(request, filters, {pk: form}, status=400)
