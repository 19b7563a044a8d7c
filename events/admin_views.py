"""Registrations in the Wagtail admin, for the Management Unit and the organising hub's staff: the
events they manage with their counts, each event's registrants (names and addresses: staff only),
attendance, a cancellation on someone's behalf, and the CSV export. Every change goes through
`services.py`; every view checks `permissions.can_manage_registrations` for the event."""

from __future__ import annotations

import csv
from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.serializers import safe_cell
from core.visibility import hub_ids_of, is_management_unit

from . import permissions, services
from .models import EventPage, Registration, RegistrationStatus

LIST_LIMIT = 300


def visible_in_menu(request) -> bool:
    return is_management_unit(request.user) or bool(hub_ids_of(request.user))


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
    rows, seen = [], set()
    for event in originals.select_related("hub", "locale")[: LIST_LIMIT * 4]:
        if event.translation_key in seen:
            continue  # one row per event, whatever its languages
        seen.add(event.translation_key)
        rows.append(event)
        if len(rows) == LIST_LIMIT:
            break
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
    event = EventPage.objects.select_related("hub", "locale").filter(pk=pk).first()
    if event is None:
        raise Http404
    if not permissions.can_manage_registrations(request.user, event):
        raise PermissionDenied
    return event


def _registrants(event):
    return Registration.objects.for_event(event).select_related("city").order_by("status", "created_at", "pk")


def registrants(request, pk: int):
    event = _event(request, pk)
    rows = list(_registrants(event))
    order = {RegistrationStatus.REGISTERED: 0, RegistrationStatus.WAITING: 1, RegistrationStatus.CANCELLED: 2}
    rows.sort(key=lambda row: (order[row.status], row.created_at, row.pk))
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
