"""Reads of engagement for the admin: dormant members in the person's scope, and what a page of
them shows (focal points' languages, the last check-in), each in one query whatever the page's size."""

from __future__ import annotations

from .models import CheckIn
from .permissions import engagements_followed_by
from .services import dormant_engagements


def dormant_members(user, *, hub=None, now=None):
    """The engagement rows of member authorities with nothing recorded for ENGAGEMENT_DORMANT_DAYS, in
    `user`'s scope (all for the Management Unit, their hubs' for hub staff), longest silent first."""
    rows = engagements_followed_by(user, dormant_engagements(now))
    return rows.filter(hub=hub) if hub is not None else rows


def dormant_count(user, *, hub=None) -> int:
    return dormant_members(user, hub=hub).order_by().count()


def focal_languages(city_ids) -> dict[int, list[str]]:
    """The preferred languages of each authority's focal points (active accounts), in order."""
    from accounts.models import Role, RoleAssignment

    languages: dict[int, list[str]] = {}
    rows = (
        RoleAssignment.objects.active()
        .filter(role=Role.FOCAL_POINT, city_id__in=list(city_ids))
        .order_by("city_id", "user_id")
        .values_list("city_id", "user__preferred_language")
    )
    for city_id, language in rows:
        if language not in languages.setdefault(city_id, []):
            languages[city_id].append(language)
    return languages


def last_check_ins(city_ids) -> dict[int, CheckIn]:
    """Each authority's latest check-in, with who sent it."""
    latest: dict[int, CheckIn] = {}
    rows = CheckIn.objects.filter(city_id__in=list(city_ids)).select_related("sent_by").order_by("city_id", "-sent_at")
    for check_in in rows:
        latest.setdefault(check_in.city_id, check_in)
    return latest
