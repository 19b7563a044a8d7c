"""Many Wagtail pages created at once, for generated data sets (benchmarks, scale demos).

`Page.add_child` locks and re-reads the parent and writes it back for every page: hours for
100,000 pages. `bulk_add_children` computes what treebeard would (each page's `path` after the
parent's last child, its `depth`, the parent's `numchild`) and the page's `url_path`, then inserts
the rows in batches, one `INSERT` per table of the page type (`wagtailcore_page`, then each concrete
subclass table). The result is the tree `add_child` builds (`Page.find_problems()` finds nothing).

What it does not do, on purpose: no revisions (an editor's first edit creates one), no signals
(nothing is published: the pages are written live or not as given) and no search indexing —
callers index the pages they made in bulk (`backend.add_bulk(model, pages)`). Many-to-many rows are
the caller's too: the pages have their primary keys when this returns.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from wagtail.models import Page


def _concrete_chain(model) -> list:
    """The concrete models between `Page` (excluded) and `model` (included), parent first."""
    chain = [parent for parent in reversed(model._meta.get_parent_list()) if parent is not Page]
    return [*(parent for parent in chain if not parent._meta.abstract), model] if model is not Page else []


def bulk_add_children(parent: Page, pages: list, *, batch_size: int = 1000) -> list:
    """Add `pages` (unsaved instances of one page type, `slug` and `title` set, unique slugs among
    the parent's children) as the last children of `parent`, in that order. Returns `pages`, saved."""
    if not pages:
        return pages
    model = type(pages[0])
    assert all(type(page) is model for page in pages), "one page type per call"
    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.get(pk=parent.pk)  # fresh path, depth, numchild and url_path
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    depth = parent.depth + 1
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, depth, step + offset)
        page.depth, page.numchild = depth, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.draft_title = page.draft_title or page.title
        if page.locale_id is None:
            page.locale_id = parent.locale_id
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    chain = _concrete_chain(model)
    for start in range(0, len(pages), batch_size):
        batch = pages[start : start + batch_size]
        with transaction.atomic():
            # The page rows straight from the instances (no second Page instance per page: slow to make).
            Page._base_manager._insert(batch, fields=page_fields, using="default")
            ids = dict(Page.objects.filter(path__in=[page.path for page in batch]).values_list("path", "pk"))
            for page in batch:
                page.pk = page.id = ids[page.path]
                for concrete in chain:
                    setattr(page, concrete._meta.pk.attname, page.id)
            for concrete in chain:
                concrete._base_manager._insert(batch, fields=concrete._meta.local_concrete_fields, using="default")
            for page in batch:
                page._state.adding, page._state.db = False, "default"
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages
