"""Drafts made before the Resource Hub existed, turned into draft case studies.

Until the Resource Hub's page types came, an exchange's learning note and an anonymised help-desk
answer became an unpublished generic `core.ContentPage` (intro and body) under an unpublished
`ContentPage` with the slug "resources" under the home page of the writer's language (the old
`core/resources.py`). That container takes the address the Resource Hub needs (/<lang>/resources/).

`legacy_drafts_convert()` turns each such draft into an unpublished `ResourcePage` of kind "case study"
*in place*: the same page id (so the exchange or help-desk request that made it still points to it),
moved under the Resource Hub of its language, with its title, its intro as the summary, its body, the two
cities of the exchange it came from, its owner and its revisions (rewritten to the new type, so the
history opens and compares in the editor), plus one new revision by the conversion. An emptied, unpublished
container is deleted; one that still holds other pages is renamed so the Resource Hub gets its address.
Run by migration `resources.0003_legacy_drafts`, and by `manage.py convert_legacy_drafts` (idempotent).

It uses the current models, not the migration's historical ones (Wagtail's tree and revision code
need them); the migration calls it only when old drafts exist.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.models import Page, Revision

LEGACY_SLUG = "resources"
RENAMED_SLUG = "resources-old-drafts"
BODY_BLOCKS = {"heading", "paragraph"}  # the old body's blocks; the case study's body has both


def _containers():
    from core.models import ContentPage

    return ContentPage.objects.filter(slug=LEGACY_SLUG, depth=3)


def legacy_drafts():
    """The old drafts: unpublished content pages under a 'resources' container, or made from an
    exchange or a help-desk request."""
    from core.models import ContentPage
    from exchanges.models import ExchangeRequest
    from helpdesk.models import HelpRequest

    made = set(ExchangeRequest.objects.exclude(resource_page=None).values_list("resource_page_id", flat=True))
    made |= set(HelpRequest.objects.exclude(resource_page=None).values_list("resource_page_id", flat=True))
    under = Q()
    for container in _containers():
        under |= Q(path__startswith=container.path, depth=container.depth + 1)
    condition = Q(pk__in=made) | under if under else Q(pk__in=made)
    return ContentPage.objects.filter(condition, live=False).order_by("path")


def _cities_of(page_id: int) -> list:
    from exchanges.models import ExchangeRequest

    cities = []
    for exchange in ExchangeRequest.objects.filter(resource_page_id=page_id).select_related("requester", "partner"):
        cities += [city for city in (exchange.requester, exchange.partner) if city is not None]
    return list(dict.fromkeys(cities))


def _body(stream) -> list:
    """The old body's raw blocks that the case study's body knows."""
    raw = list(getattr(stream, "raw_data", None) or stream or [])
    return [dict(block) for block in raw if isinstance(block, dict) and block.get("type") in BODY_BLOCKS]


def _free_slug(parent, slug: str, pk: int) -> str:
    base, n, candidate = slug[:60] or "draft", 1, slug or "draft"
    while parent.get_children().filter(slug=candidate).exclude(pk=pk).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _clear_the_address() -> None:
    """Rename every old container, so that each language's Resource Hub can take /<lang>/resources/."""
    for container in _containers():
        container.slug = _free_slug(container.get_parent(), RENAMED_SLUG, container.pk)
        container.save(clean=False)  # Wagtail moves the url_path of the container and its pages


def _hub_for(draft, fallback):
    """The Resource Hub of the draft's language; with none, a new unpublished one beside the old container
    (under the same home page), else the usual one (`services._resource_hub`)."""
    from django.utils.translation import gettext

    from .models import ResourceIndexPage

    hub = ResourceIndexPage.objects.filter(locale=draft.locale).first()
    if hub is not None:
        return hub
    parent = draft.get_parent()
    if parent.depth == 3 and parent.slug.startswith(RENAMED_SLUG):
        home = parent.get_parent()
        hub = ResourceIndexPage(
            title=gettext("Resource Hub"), slug=_free_slug(home, LEGACY_SLUG, 0), locale=home.locale, live=False
        )
        home.add_child(instance=hub)
        hub.save_revision()
        return hub
    return fallback(draft.locale)


def _revision_content(content: dict, *, content_type_id: int, summary: str, published, cities: list) -> dict:
    content = dict(content)
    intro = content.pop("intro", "") or ""
    content.update(
        content_type=content_type_id,
        kind="case-study",
        summary=Truncator(intro or summary).chars(600),
        body=content.get("body") if isinstance(content.get("body"), (list, str)) else "[]",
        publication_date=published.isoformat(),
        last_updated=None,
        authors="",
        image=None,
        image_alt="",
        topics=[],
        practice_areas=[],
        regions=[],
        hubs=[],
        cities=[city.pk for city in cities],
        documents=[],
        is_demo=False,
        reading_minutes=0,
    )
    return content


def _convert(draft) -> "Page":
    from core.models import ContentPage

    from .models import ResourceKind, ResourcePage
    from .services import _resource_hub

    latest = draft.get_latest_revision_as_object()  # what the editor last saved
    cities = _cities_of(draft.pk)
    published = timezone.localdate(draft.first_published_at or draft.latest_revision_created_at or timezone.now())
    summary = Truncator(latest.intro or latest.title).chars(600)
    hub = _hub_for(draft, _resource_hub)
    base = Page.objects.get(pk=draft.pk)
    resource_type = ContentType.objects.get_for_model(ResourcePage)

    # Page row kept; its ContentPage row replaced by a ResourcePage row (multi-table inheritance).
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(ContentPage._meta.db_table)} WHERE page_ptr_id = %s", [draft.pk]
        )
    row = ResourcePage(
        page_ptr_id=draft.pk,
        kind=ResourceKind.CASE_STUDY,
        summary=summary,
        body=_body(latest.body),
        publication_date=published,
    )
    for field in Page._meta.concrete_fields:
        setattr(row, field.attname, getattr(base, field.attname))
    row.content_type_id = resource_type.pk
    row.save_base(raw=True)
    Page.objects.filter(pk=draft.pk).update(content_type=resource_type)
    ResourcePage.cities.through.objects.bulk_create(
        [ResourcePage.cities.through(resourcepage_id=draft.pk, city_id=city.pk) for city in cities],
        ignore_conflicts=True,
    )

    page_type = ContentType.objects.get_for_model(Page)
    for revision in Revision.objects.filter(base_content_type=page_type, object_id=str(draft.pk)):
        revision.content = _revision_content(
            revision.content, content_type_id=resource_type.pk, summary=summary, published=published, cities=cities
        )
        revision.content_type_id = resource_type.pk
        revision.save(update_fields=["content", "content_type"])

    page = Page.objects.get(pk=draft.pk)
    if page.get_parent().pk != hub.pk:
        slug = _free_slug(hub, page.slug, page.pk)
        if slug != page.slug:
            Page.objects.filter(pk=page.pk).update(slug=slug)
            page.slug = slug
        page.move(hub, pos="last-child")
    resource = ResourcePage.objects.get(pk=draft.pk)
    resource.title = latest.title
    resource.draft_title = latest.title
    resource.save(clean=False)  # computes the reading time
    resource.save_revision(user=resource.owner, clean=False, log_action=False)
    return resource


@transaction.atomic
def legacy_drafts_convert() -> int:
    """Convert every old draft; returns how many. Emptied unpublished containers are deleted."""
    drafts = list(legacy_drafts())
    if not drafts and not _containers().exists():
        return 0
    _clear_the_address()
    for draft in drafts:
        _convert(draft)
    from core.models import ContentPage

    for container in ContentPage.objects.filter(slug__startswith=RENAMED_SLUG, depth=3, live=False):
        if not container.get_children().exists():
            container.delete()
    return len(drafts)
