"""Dormant members in the Wagtail admin (/admin/engagement/dormant/): the Management Unit sees every
one (and filters by hub), hub staff their hubs', nobody else (staff privileges only after the second
factor). Each row offers the one-click "check in" e-mail (POST, checked for that authority on the server,
through `services.check_in_send`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cities.models import City, Hub
from core.visibility import hub_ids_of, is_management_unit

from . import selectors, services
from .models import Kind
from .permissions import cities_followed_by, follows_engagement

PER_PAGE = 50
CENTRAL = "central"


def visible_in_menu(request) -> bool:
    return follows_engagement(request.user)


def _hubs_for(user):
    hubs = Hub.objects.all() if is_management_unit(user) else Hub.objects.filter(pk__in=hub_ids_of(user))
    return list(hubs.order_by("name_en"))


def dormant_title() -> str:
    days = settings.ENGAGEMENT_DORMANT_DAYS
    if days == 365:
        return _("Members with no activity for a year")
    return ngettext(
        "Members with no activity for %(count)s day", "Members with no activity for %(count)s days", days
    ) % {"count": days}


def dormant(request):
    if not follows_engagement(request.user):
        raise PermissionDenied
    hubs = _hubs_for(request.user)
    code = request.GET.get("hub", "")
    hub = next((h for h in hubs if h.code == code), None)
    central = code == CENTRAL and is_management_unit(request.user)  # regions without a hub yet
    engagements = selectors.dormant_members(request.user, hub=hub).select_related("city", "hub")
    if central:
        engagements = engagements.filter(hub__isnull=True)
    listing = Paginator(engagements, PER_PAGE).get_page(request.GET.get("page"))
    page = list(listing.object_list)
    ids = [engagement.city_id for engagement in page]
    languages = selectors.focal_languages(ids)
    check_ins = selectors.last_check_ins(ids)
    language_names = dict(settings.LANGUAGES)
    next_allowed = timezone.now() - services.check_in_interval()
    rows = []
    for engagement in page:
        check_in = check_ins.get(engagement.city_id)
        rows.append(
            {
                "city": engagement.city,
                "hub": engagement.hub,
                "last_at": engagement.last_activity_at,
                "last_kind": Kind(engagement.last_kind).label if engagement.last_kind else "",
                "languages": [str(language_names.get(code, code)) for code in languages.get(engagement.city_id, [])],
                "check_in": check_in,
                "check_in_allowed": check_in is None or check_in.sent_at <= next_allowed,
            }
        )
    query = urlencode({"hub": hub.code}) if hub else (urlencode({"hub": CENTRAL}) if central else "")
    return render(
        request,
        "activity/admin/dormant.html",
        {
            "header_title": dormant_title(),
            "rows": rows,
            "listing": listing,
            "hubs": hubs,
            "hub": hub,
            "central": central,
            "show_hub_filter": is_management_unit(request.user) or len(hubs) > 1,
            "show_central": is_management_unit(request.user),
            "query": query,
            "dormant_days": settings.ENGAGEMENT_DORMANT_DAYS,
        },
    )


def _city_in_scope(request, pk: int) -> City:
    if not follows_engagement(request.user):
        raise PermissionDenied
    city = cities_followed_by(request.user, City.objects.select_related("country__region__hub")).filter(pk=pk).first()
    if city is None:
        raise Http404
    return city


@require_POST
def check_in(request, pk: int):
    city = _city_in_scope(request, pk)
    try:
        sent = services.check_in_send(city=city, actor=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        count = sent.recipients.count()
        messages.success(
            request,
            ngettext(
                "Check-in sent to the focal point of %(city)s.",
                "Check-in sent to the %(count)s focal points of %(city)s.",
                count,
            )
            % {"city": city.display_name, "count": count},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    return redirect(back or "activity_admin:dormant")
