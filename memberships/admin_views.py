"""The Management Unit's review queue inside the Wagtail admin.

Thin views: filters and reads here, every change through `services.py`.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.models import Hub, country_name
from cities.selectors import get_taxonomy
from core.params import MAX_DAYS, bounded_int
from core.text import fold
from core.visibility import hub_ids_of, is_management_unit

from . import services
from .duplicates import look_alikes
from .languages import languages_from_text
from .models import OPEN_STATES, TRANSITIONS, JoinApplication, State


def _applications_for(user):
    """The Management Unit sees every application; hub staff those from their hub's countries."""
    qs = JoinApplication.objects.select_related("country__region__hub")
    if is_management_unit(user):
        return qs
    hubs = hub_ids_of(user)
    if hubs:
        return qs.filter(country__region__hub__in=hubs)
    raise PermissionDenied


def country_from_name(typed: str, codes) -> str | None:
    """The code of the country among `codes` called `typed` in any of the site's languages (or its ISO code)."""
    key = fold(typed)
    if not key:
        return None
    if len(key) == 2 and key.upper() in codes:
        return key.upper()
    for code in codes:
        if any(fold(country_name(code, language)) == key for language, _label in settings.LANGUAGES):
            return code
    return None


def queue(request):
    applications = _applications_for(request.user)
    state = request.GET.get("state", "open")
    if state == "open":
        applications = applications.filter(state__in=OPEN_STATES)
    elif state in State.values:
        applications = applications.filter(state=state)
    hub = request.GET.get("hub", "")
    if hub == "central":
        applications = applications.filter(country__region__hub__isnull=True)
    elif hub:
        applications = applications.filter(country__region__hub__code=hub)
    taxonomy = get_taxonomy()
    typed_country = request.GET.get("country", "").strip()[:100]
    country_error = ""
    if typed_country:
        country = country_from_name(typed_country, taxonomy.countries)
        if country:
            applications = applications.filter(country_id=country)
        else:
            country_error = _(
                "No country is called “%(name)s”: pick a name from the list. The list below is not filtered by country."
            ) % {"name": typed_country}
    min_days = bounded_int(request.GET.get("min_days"), maximum=MAX_DAYS)
    now = timezone.now()
    if min_days:
        applications = applications.filter(updated_at__lte=now - timezone.timedelta(days=min_days))
    rows = list(applications.order_by("updated_at")[:500])
    similar = look_alikes(rows)
    for application in rows:
        application.look_alikes = similar.get(application.pk, [])
        application.days_waiting = (now - application.updated_at).days
        application.country_label = country_name(application.country_id)
    return render(
        request,
        "memberships/admin/queue.html",
        {
            "applications": rows,
            "states": State.choices,
            "hubs": Hub.objects.all(),
            "countries": taxonomy.country_choices(),
            "country_error": country_error,
            "current": {"state": state, "hub": hub, "country": typed_country, "min_days": min_days or ""},
            "header_title": _("Applications to join"),
        },
    )


# The reviewer's steps, each with the state it leads to; the page offers those allowed from the current state.
STEP_TARGETS = {
    "start-review": State.IN_REVIEW,
    "request-information": State.MORE_INFO,
    "approve": State.APPROVED,
    "decline": State.DECLINED,
}


def steps_offered(application: JoinApplication) -> list[str]:
    return [name for name, to in STEP_TARGETS.items() if (application.state, to) in TRANSITIONS]


def detail(request, pk: int):
    application = get_object_or_404(_applications_for(request.user).prefetch_related("challenges", "priorities"), pk=pk)
    return _detail_page(request, application)


def _detail_page(request, application, *, note: str = "", note_errors=(), status: int = 200):
    """The application's page; after a refused step, with the reviewer's note and the reason kept."""
    return render(
        request,
        "memberships/admin/detail.html",
        {
            "note": note,
            "note_errors": note_errors,
            "application": application,
            "events": application.events.select_related("actor"),
            "languages": languages_from_text(application.focal_languages),
            "look_alikes": look_alikes([application])[application.pk],
            "focal_account": services.focal_point_account(application),
            "country_label": country_name(application.country_id),
            "can_act": is_management_unit(request.user),
            "retention_days": settings.RETENTION_CLOSED_LETTER_DAYS,
            "steps": steps_offered(application),
            "header_title": application.authority_name,
        },
        status=status,
    )


ACTIONS = {
    "start-review": lambda app, user, note: services.application_start_review(application=app, actor=user),
    "request-information": lambda app, user, note: services.application_request_information(
        application=app, actor=user, note=note
    ),
    "decline": lambda app, user, note: services.application_decline(application=app, actor=user, note=note),
    "approve": lambda app, user, note: services.application_approve(application=app, actor=user, note=note),
}


@require_POST
def act(request, pk: int):
    if not is_management_unit(request.user):
        raise PermissionDenied
    application = get_object_or_404(JoinApplication, pk=pk)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
        return redirect("memberships_admin:detail", pk=pk)
    note = request.POST.get("note", "")
    try:
        action(application, request.user, note)
    except ValidationError as error:
        if "note" in getattr(error, "error_dict", {}) and note:
            # A note the service refused (too long): show it again with the reason, nothing lost.
            application.refresh_from_db()
            return _detail_page(request, application, note=note, note_errors=error.messages, status=400)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The application is now “%(state)s”.") % {"state": application.get_state_display()})
    return redirect("memberships_admin:detail", pk=pk)


def visible_in_menu(request) -> bool:
    return is_management_unit(request.user) or bool(hub_ids_of(request.user))
