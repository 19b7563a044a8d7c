from django import template

from core.visibility import waits_for_second_factor as _waits

register = template.Library()


@register.filter
def waits_for_second_factor(user) -> bool:
    """Staff signed in with a password alone: the site offers the second step (core.visibility)."""
    return _waits(user)
