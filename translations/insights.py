"""Readers' translation reports still open, for the admin home's "Work waiting" panel
(`insights/panels.py`): for reviewers only (`permissions.can_review_translation_reports`), one
row per language of the reported page, each linking to the reviewers' queue for that language;
one grouped query."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from insights import panels

from .models import TranslationReport
from .permissions import can_review_translation_reports
from .report_admin_views import language_name


def insights_work(user) -> list[panels.WorkItem] | None:
    if not can_review_translation_reports(user):
        return None
    rows = (
        TranslationReport.objects.open()
        .order_by()
        .values("locale__language_code")
        .annotate(count=Count("pk"), oldest=Min("created_at"))
        .order_by("locale__language_code")
    )
    queue = reverse("translation_reports_admin:queue")
    return [
        panels.WorkItem(
            label=language_name(row["locale__language_code"]),
            count=row["count"],
            oldest=row["oldest"],
            url=panels.with_query(queue, state="open", language=row["locale__language_code"]),
            tone=panels.tone_for(row["oldest"]),
        )
        for row in rows
    ]


panels.register("translation-reports", title=_("Translation reports open"), work=insights_work, order=40)
