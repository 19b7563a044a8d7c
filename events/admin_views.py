"""Registrations in the Wagtail admin, for the Management Unit and the organising hub's staff: the
events they manage with their counts, each event's registrants (names and addresses: staff only),
attendance, a cancellation on someone's behalf, and the CSV export. Every change goes through
`services.py`; every view checks `permissions.can_manage_registrations` for the event."""

from __future__ import annotations

import csv
import datetime
from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.serializers import safe_cell
from core.forms import form_add_service_errors
from core.visibility import hub_ids_of, is_management_unit

from . import permissions, services
from .forms import ActionFilterForm, ActionForm
from .models import Action, EventPage, Registration, RegistrationStatus

LIST_LIMIT = 300


def visible_in_menu(request) -> bool:
    return is_management_unit(request.user) or bool(hub_ids_of(request.user))


def _one_per_event(events, limit: int) -> list[EventPage]:
    """The first version of each event of `events` (one row per event, whatever its languages)."""
    rows, seen = [], set()
    for event in events[: limit * 4]:
        if event.translation_key not in seen:
            seen.add(event.translation_key)
            rows.append(event)
            if len(rows) == limit:
                break
    return rows


def events(request):
    if not visible_in_menu(request):
        raise PermissionDenied
    show = "past" if request.GET.get("show") == "past" else "upcoming"
    now = timezone.now()
    originals = EventPage.objects.exclude(registration="none").filter(alias_of__isnull=True)
    originals = permissions.events_managed_by(request.user, originals)
    originals = (
        originals.filter(end__lt=now).order_by("-start")
        if show == "past"
        else originals.filter(end__gte=now).order_by("start")
    )
    rows = _one_per_event(originals.select_related("hub", "locale"), LIST_LIMIT)
    seen = {event.translation_key for event in rows}
    counts: dict = {}
    for key, status, attended in Registration.objects.filter(event_key__in=seen).values_list(
        "event_key", "status", "attended"
    ):
        counter = counts.setdefault(key, Counter())
        counter[status] += 1
        counter["attended"] += attended is True
    for event in rows:
        event.counts = counts.get(event.translation_key, Counter())
    return render(
        request, "events/admin/events.html", {"events": rows, "show": show, "header_title": _("Event registrations")}
    )


def _event(request, pk: int) -> EventPage:
    """The event, for the staff who manage it (its registrants and its next steps alike)."""
    event = EventPage.objects.select_related("hub", "locale").filter(pk=pk).first()
    if event is None:
        raise Http404
    if not permissions.can_manage_registrations(request.user, event):
        raise PermissionDenied
    return event


STATUS_ORDER = Case(
    When(status=RegistrationStatus.REGISTERED, then=Value(0)),
    When(status=RegistrationStatus.WAITING, then=Value(1)),
    default=Value(2),
)


def _registrants(event):
    """Registered first, then the waiting list in its order, then the cancelled."""
    return Registration.objects.for_event(event).select_related("city").order_by(STATUS_ORDER, "created_at", "pk")


def registrants(request, pk: int):
    event = _event(request, pk)
    rows = list(_registrants(event))
    context = {
        "event": event,
        "registrants": rows,
        "counts": Counter(row.status for row in rows),
        "attended": sum(row.attended is True for row in rows),
        "header_title": _("Registrants: %(title)s") % {"title": event.title},
        "is_past": event.start <= timezone.now(),
    }
    return render(request, "events/admin/registrants.html", context)


def export(request, pk: int):
    event = _event(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registrants-{event.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # spreadsheets then read UTF-8 (Arabic names) right
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("E-mail"), _("Organisation or city"), _("Member city"), _("Language"),
                     _("Status"), _("Registered at"), _("Attended")])  # fmt: skip
    for row in _registrants(event):
        attended = {True: _("yes"), False: _("no"), None: ""}[row.attended]
        writer.writerow(
            [safe_cell(value) for value in (
                row.name, row.email, row.organisation, row.city.name if row.city else "", row.language,
                row.get_status_display(), row.created_at.isoformat(timespec="minutes"), attended,
            )]
        )  # fmt: skip
    return response


def _registration(request, pk: int, registration_pk: int) -> tuple[EventPage, Registration]:
    event = _event(request, pk)
    registration = Registration.objects.for_event(event).filter(pk=registration_pk).first()
    if registration is None:
        raise Http404
    return event, registration


@require_POST
def attendance(request, pk: int, registration_pk: int):
    _event_page, registration = _registration(request, pk, registration_pk)
    value = {"yes": True, "no": False, "": None}.get(request.POST.get("attended", ""), "bad")
    if value == "bad":
        messages.error(request, _("Choose whether the person attended."))
    else:
        try:
            services.attendance_mark(registration=registration, attended=value, actor=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
    return redirect("events_admin:registrants", pk=pk)


@require_POST
def cancel(request, pk: int, registration_pk: int):
    _event_page, registration = _registration(request, pk, registration_pk)
    try:
        services.registration_cancel(
            registration=registration, actor=request.user, note=_("Cancelled by staff on the person's behalf.")
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Registration cancelled; the person has been told by e-mail."))
    return redirect("events_admin:registrants", pk=pk)


# Reports' next steps (actions): the board, an event's next steps, one action


BOARD_LIMIT = 300


def _events_managed_keys(user):
    return permissions.events_managed_by(user, EventPage.objects.all()).values("translation_key")


def _actions_for(user):
    """The actions `user` sees on the board: those of the events they manage and those they may update."""
    from django.db.models import Q

    return Action.objects.filter(
        Q(event_key__in=_events_managed_keys(user))
        | Q(pk__in=permissions.actions_visible_to(user, Action.objects.all()).values("pk"))
    )


def actions_board(request):
    """Every next step the person follows, filtered by owner, hub, status and overdue."""
    if not visible_in_menu(request):
        raise PermissionDenied
    form = ActionFilterForm(request.GET or None)
    actions = _actions_for(request.user)
    if form.is_valid():
        actions = form.filter(actions)
    total = actions.count()
    rows = list(actions.select_related("owner_city", "owner_hub").order_by("due", "pk")[:BOARD_LIMIT])
    titles = dict(
        EventPage.objects.filter(translation_key__in={row.event_key for row in rows}, alias_of__isnull=True)
        .order_by("-live", "-pk")
        .values_list("translation_key", "pk")
    )  # one version of each event (the live one first): its admin address
    events = {
        event.translation_key: event
        for event in EventPage.objects.filter(pk__in=titles.values()).only("pk", "title", "translation_key")
    }
    for row in rows:
        row.event = events.get(row.event_key)
    managed = permissions.events_managed_by(request.user, EventPage.objects.filter(alias_of__isnull=True))
    recent = managed.filter(end__gte=timezone.now() - datetime.timedelta(days=730)).order_by("-start")
    choosable = _one_per_event(recent.only("pk", "title", "translation_key", "start"), 100)
    return render(
        request,
        "events/admin/actions.html",
        {
            "form": form,
            "actions": rows,
            "total": total,
            "limit": BOARD_LIMIT,
            "today": timezone.localdate(),
            "events": choosable,
            "header_title": _("Actions from events"),
        },
    )


def event_actions(request, pk: int):
    """An event's next steps, and the form to add one."""
    from . import actions as action_services

    event = _event(request, pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action_services.action_create(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as refused:
            form_add_service_errors(form, refused)
        else:
            messages.success(request, _("Next step added."))
            return redirect("events_admin_actions:event", pk=pk)
    context = {
        "event": event,
        "form": form,
        "actions": list(Action.objects.for_event(event).select_related("owner_city", "owner_hub")),
        "attended": Registration.objects.for_event(event).filter(attended=True, city__isnull=False).count(),
        "header_title": _("Next steps: %(title)s") % {"title": event.title},
        "today": timezone.localdate(),
    }
    return render(request, "events/admin/event_actions.html", context, status=400 if form.errors else 200)


@require_POST
def report_cities(request, pk: int):
    """Add the member cities that attended to the report's represented cities (a new revision)."""
    from . import actions as action_services

    event = _event(request, pk)
    added, published = action_services.report_add_attending_cities(event=event, actor=request.user)
    if not added:
        messages.info(request, _("Every city that attended is in the report already."))
    elif published:
        messages.success(request, _("%(count)s cities added to the report and published.") % {"count": added})
    else:
        messages.success(
            request,
            _("%(count)s cities added to the report's draft: publish the page to show them.") % {"count": added},
        )
    return redirect("events_admin_actions:event", pk=pk)


def action_detail(request, pk: int):
    """One action: its details (the event's staff change them), its progress (the owner and staff)."""
    from . import actions as action_services
    from .forms import ActionProgressForm
    from .views import action_history, action_progress

    action = Action.objects.select_related("owner_city", "owner_hub").filter(pk=pk).first()
    if action is None:
        raise Http404
    event = services.event_of(action)
    may_manage = permissions.can_manage_actions(request.user, event)
    may_update = permissions.can_update_action(request.user, action)
    details_post = request.method == "POST" and request.POST.get("form") == "details"
    progress_post = request.method == "POST" and not details_post
    if not (may_manage or may_update) or (details_post and not may_manage) or (progress_post and not may_update):
        raise PermissionDenied
    initial = {name: getattr(action, name) for name in ("title", "description", "owner_city", "owner_hub", "due")}
    details = ActionForm(request.POST if details_post else None, initial=initial) if may_manage else None
    progress = ActionProgressForm(action=action) if may_update else None
    if details_post and details.is_valid():
        try:
            action_services.action_update(action=action, actor=request.user, **details.cleaned_data)
        except ValidationError as refused:
            form_add_service_errors(details, refused)
        else:
            messages.success(request, _("The next step is saved."))
            return redirect("events_admin_actions:action", pk=pk)
    elif progress_post:
        progress = action_progress(request, action)
        if progress is None:
            messages.success(request, _("The action is updated."))
            return redirect("events_admin_actions:action", pk=pk)
    context = {
        "action": action,
        "event": event,
        "details": details,
        "form": progress,
        "history": action_history(action),
        "header_title": action.title,
        "today": timezone.localdate(),
    }
    return render(request, "events/admin/action.html", context, status=400 if request.method == "POST" else 200)


# Solidarity statements: invitations to co-sign


def statements_list(request):
    """The statements (drafts too) with their deadline, invitations sent and co-signatures, and the
    form inviting member cities (all, or one hub's) to co-sign."""
    from cities.models import Hub

    from . import statements
    from .models import CoSignature, CoSignInvitation, StatementPage

    if not permissions.can_invite_to_cosign(request.user):
        raise PermissionDenied
    if request.method == "POST":
        statement = StatementPage.objects.filter(pk=request.POST.get("statement") or 0).first()
        hub = Hub.objects.filter(code=request.POST.get("hub", "")).first()
        if statement is None:
            raise Http404
        try:
            sent = statements.cosign_invite(statement=statement, actor=request.user, hub=hub)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("Invitations sent: %(count)s.") % {"count": sent})
        return redirect("events_admin_statements:list")
    rows = _one_per_event(StatementPage.objects.filter(alias_of__isnull=True).order_by("-cosign_until"), LIST_LIMIT)
    keys = [row.translation_key for row in rows]
    invited = Counter(CoSignInvitation.objects.filter(statement_key__in=keys).values_list("statement_key", flat=True))
    signed = Counter(CoSignature.objects.filter(statement_key__in=keys).values_list("statement_key", flat=True))
    for row in rows:
        row.invited, row.signed = invited[row.translation_key], signed[row.translation_key]
    hubs = Hub.objects.order_by("name_en")
    if not is_management_unit(request.user):
        hubs = hubs.filter(pk__in=hub_ids_of(request.user))
    return render(
        request,
        "events/admin/statements.html",
        {"statements": rows, "hubs": hubs, "header_title": _("Solidarity statements"), "now": timezone.now()},
    )
