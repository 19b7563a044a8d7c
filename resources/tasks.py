"""Background work of the Resource Hub: the toolkit PDF built soon after a publish (pdf.py)."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core import queue

logger = logging.getLogger(__name__)
# Publishing a toolkit and its chapters one after another builds once: the first run builds what is
# published by then, the later ones find the file and stop.
PDF_DELAY = timedelta(seconds=30)


@task()
def build_toolkit_pdf(page_id: int) -> str:
    """Build the PDF of the toolkit as it is now published, unless it exists; "" when there is none to build."""
    from .models import ResourcePage
    from .pdf import toolkit_pdf

    toolkit = ResourcePage.objects.filter(pk=page_id).first()
    if toolkit is None or not toolkit.pdf_available():
        return ""
    return toolkit_pdf(toolkit)


def toolkit_pdf_schedule(*, page) -> None:
    """After `page` (a toolkit or one of its chapters) was published: its toolkit's PDF, built in the
    background a little later (`PDF_DELAY`). Backends that cannot run a task later (the immediate one
    of the tests) build nothing: the first download builds it."""
    from .models import ResourceKind, ResourcePage, ToolkitChapterPage

    if isinstance(page, ToolkitChapterPage):
        page = page.get_parent().specific
    if not isinstance(page, ResourcePage) or page.kind != ResourceKind.TOOLKIT:
        return
    if not build_toolkit_pdf.get_backend().supports_defer:
        return
    page_id = page.pk

    def enqueue():
        queue.enqueue(build_toolkit_pdf, run_after=timezone.now() + PDF_DELAY, page_id=page_id)

    transaction.on_commit(enqueue)


def on_page_published(sender, instance, **kwargs) -> None:
    """Wiring only (apps.py): a publish warms the PDF cache."""
    try:
        toolkit_pdf_schedule(page=instance)
    except Exception:  # noqa: BLE001 - a queue outage must never stop a publish; the view builds on demand
        logger.exception("Could not schedule the toolkit PDF of page %s", instance.pk)
