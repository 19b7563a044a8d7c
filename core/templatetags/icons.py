"""`{% icon "name" %}`: one of the Lucide icons kept in static/icons/ (scripts/build_icons.sh), inline.

Icons are decorative: the SVG is aria-hidden and never focusable, so the text next to it says what it means.
"""

import re
from functools import cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()

# The icons scripts/build_icons.sh copies; a name outside this list is a mistake in a template.
ICONS = frozenset(
    "accessibility arrow-right at-sign code database globe handshake landmark mail map map-pin play rss "
    "shield-check users".split()
)


@cache
def _svg(name: str) -> str:
    path = finders.find(f"icons/{name}.svg")
    if path is None:
        raise template.TemplateSyntaxError(f"icon {name!r} is not in static/icons/ (scripts/build_icons.sh)")
    with open(path, encoding="utf-8") as file:
        text = file.read()
    text = " ".join(re.sub(r"<!--.*?-->", "", text, flags=re.S).split())
    # Size and class come from the site's CSS (.icon): drop them from the <svg> element only, never from its shapes.
    svg_tag = re.match(r"<svg\b[^>]*>", text).group(0)
    text = re.sub(r'\s(class|width|height)="[^"]*"', "", svg_tag) + text[len(svg_tag) :]
    return text.replace("<svg ", f'<svg class="icon icon--{name}" aria-hidden="true" focusable="false" ', 1)


@register.simple_tag
def icon(name: str) -> str:
    if name not in ICONS:
        raise template.TemplateSyntaxError(f"unknown icon {name!r}; kept icons: {', '.join(sorted(ICONS))}")
    return mark_safe(_svg(name))  # noqa: S308 (our own static files, names from ICONS only)
