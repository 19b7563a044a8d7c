"""Who may change what in a member authority's profile (the focal points' self-service).

Built on `core/visibility.py`: an editor works only on the contacts they may read, and gives a
contact only an audience they belong to, so no one widens or removes what they cannot see.
"""

from core.visibility import Visibility, visible_levels

# A focal point's contact details are never public (a database constraint on FocalPoint).
CONTACT_LEVELS = (Visibility.MEMBERS, Visibility.HUB, Visibility.STAFF)


def contact_levels_editable_by(user, city) -> list[str]:
    """The audiences of `city`'s contacts that `user` may see, change, remove and choose:
    members for a focal point, members and hub for the city's hub staff, all for the
    Management Unit. Widest audience first."""
    readable = visible_levels(user, city)
    return [level.value for level in CONTACT_LEVELS if level in readable]
