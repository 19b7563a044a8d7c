"""Draft Resource Hub items made from the network's own work (exchange learning notes,
answered help-desk questions). The Resource Hub's own page types come with its issue;
until then a draft is an unpublished `ContentPage` under the "Resource Hub" page,
waiting for an editor to review, translate and publish it."""

from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .models import ContentPage

RESOURCE_HUB_SLUG = "resources"


def _resource_hub(locale: Locale) -> Page:
    hub = ContentPage.objects.filter(slug=RESOURCE_HUB_SLUG, locale=locale).first()
    if hub is not None:
        return hub
    home = Page.objects.filter(depth=2, locale=locale).first() or Page.objects.filter(depth=2).first()
    if home is None:
        home = Page.get_first_root_node()
    hub = ContentPage(title=_("Resource Hub"), slug=RESOURCE_HUB_SLUG, locale=home.locale, live=False)
    home.add_child(instance=hub)
    hub.save_revision()
    return hub


@transaction.atomic
def resource_draft_create(*, title: str, intro: str, paragraphs: list[str], actor=None, language: str = "en"):
    """An unpublished page (a draft revision by `actor`) for editors to finish. Returns the page."""
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    parent = _resource_hub(locale)
    base = slugify(title)[:60] or "draft"
    slug, n = base, 1
    while Page.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    page = ContentPage(
        title=title[:255],
        slug=slug,
        intro=intro,
        body=[("paragraph", linebreaks(escape(text))) for text in paragraphs if text.strip()],
        live=False,
        owner=actor,
    )
    parent.add_child(instance=page)
    page.save_revision(user=actor)
    return page
