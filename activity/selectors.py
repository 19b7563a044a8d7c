"""Reads of engagement for the admin: dormant members in the person's scope, and what a page of
them shows (focal points' languages, the last check-in), each in one query whatever the page's size."""

from __future__ import annotations

from django.utils.translation import gettext

from core.l10n import cldr_date

from .models import CheckIn, CityEngagement, Level
from .permissions import engagements_followed_by
from .services import check_in_recipients, dormant_engagements, level_of


def dormant_members(user, *, hub=None, now=None):
    """The engagement rows of member authorities with nothing recorded for ENGAGEMENT_DORMANT_DAYS, in
    `user`'s scope (all for the Management Unit, their hubs' for hub staff), longest silent first."""
    rows = engagements_followed_by(user, dormant_engagements(now))
    return rows.filter(hub=hub) if hub is not None else rows


def dormant_count(user, *, hub=None) -> int:
    return dormant_members(user, hub=hub).order_by().count()


def focal_languages(city_ids) -> dict[int, list[str]]:
    """The languages a check-in to each authority would be written in (`services.check_in_recipients`),
    in order, each once."""
    return {
        city_id: list(dict.fromkeys(person.language for person in people))
        for city_id, people in check_in_recipients(city_ids).items()
        if people
    }


def last_check_ins(city_ids) -> dict[int, CheckIn]:
    """Each authority's latest check-in, with who sent it."""
    latest: dict[int, CheckIn] = {}
    rows = CheckIn.objects.filter(city_id__in=list(city_ids)).select_related("sent_by").order_by("city_id", "-sent_at")
    for check_in in rows:
        latest.setdefault(check_in.city_id, check_in)
    return latest


def engagement_label(city) -> str:
    """A member authority's engagement in words for staff lists ("Active · 3 Mar 2026"), read from the
    `engagement` row selected with it (`select_related("engagement")`); "" for one not a member."""
    try:
        engagement = city.engagement
    except CityEngagement.DoesNotExist:
        return ""
    if not engagement.is_member:
        return ""
    level = Level(level_of(engagement.last_activity_at, engagement.joined_at and engagement.joined_at.date()))
    if engagement.last_activity_at is None:
        return gettext("%(level)s · nothing recorded") % {"level": level.label}
    return f"{level.label} · {cldr_date(engagement.last_activity_at)}"
