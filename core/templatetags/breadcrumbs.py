from django import template
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_ancestors(context, page):
    """The breadcrumbs' links above `page` (`core.models.page_ancestors`, no query once cached)."""
    from core.models import page_ancestors as ancestors

    if not isinstance(page, Page) or not page.pk:
        return []
    return ancestors(page, context.get("request"))
