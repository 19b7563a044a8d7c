"""Draft Resource Hub items made from the network's own work: a completed exchange's learning note and an
answered, anonymised help-desk question become an unpublished case study (`ResourcePage`) under the
Resource Hub of the writer's language, for editors to review, translate and publish."""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .models import ResourceIndexPage, ResourceKind, ResourcePage

RESOURCE_HUB_SLUG = "resources"


def _resource_hub(locale: Locale) -> Page:
    """The Resource Hub of `locale`, else the default language's; with none at all, an unpublished one
    under the home page, for editors to publish."""
    hub = (
        ResourceIndexPage.objects.filter(locale=locale).first()
        or ResourceIndexPage.objects.filter(locale=Locale.get_default()).first()
        or ResourceIndexPage.objects.first()
    )
    if hub is not None:
        return hub
    home = Page.objects.filter(depth=2, locale=locale).first() or Page.objects.filter(depth=2).first()
    slug = RESOURCE_HUB_SLUG
    if home.get_children().filter(slug=slug).exists():
        slug = "resource-hub"
    hub = ResourceIndexPage(title=_("Resource Hub"), slug=slug, locale=home.locale, live=False)
    home.add_child(instance=hub)
    hub.save_revision()
    return hub


@transaction.atomic
def resource_draft_create(
    *, title: str, intro: str, paragraphs: list[str], actor=None, language: str = "en", cities=()
) -> ResourcePage:
    """An unpublished case study (a draft revision by `actor`) for editors to finish. Returns the page."""
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    parent = _resource_hub(locale)
    base = slugify(title)[:60] or "draft"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    page = ResourcePage(
        title=title[:255],
        slug=slug,
        kind=ResourceKind.CASE_STUDY,
        summary=Truncator(intro).chars(600),
        body=[("paragraph", linebreaks(escape(text))) for text in paragraphs if text.strip()],
        publication_date=timezone.localdate(),
        live=False,
        owner=actor,
    )
    page.cities.set(list(cities))  # a ParentalManyToManyField: kept with the page when it is saved
    parent.add_child(instance=page)
    page.save_revision(user=actor)
    return page
