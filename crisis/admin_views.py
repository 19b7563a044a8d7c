"""Crisis mode in the Wagtail admin (/admin/incidents/): the incidents list, the form, and the incident
page that assembles the network's answer. Every view checks `permissions.py`: an incident another
hub's staff cannot see is a 404 to them, and only the Management Unit and hub staff reach any view."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import form_add_service_errors
from core.l10n import cldr_date
from core.params import bounded_int
from core.text import isolate

from . import selectors, services
from .forms import IncidentForm, StatementForm, StepForm
from .models import Incident
from .permissions import can_use_crisis_mode, incidents_visible_to
from .statement import template_texts

LIST_LIMIT = 200


def _require(request) -> None:
    if not can_use_crisis_mode(request.user):
        raise PermissionDenied


def _incident(request, pk: int) -> Incident:
    _require(request)
    incident = (
        incidents_visible_to(request.user)
        .select_related("city__country__region__hub", "hub__region", "statement", "created_by")
        .filter(pk=pk)
        .first()
    )
    if incident is None:
        raise Http404
    return incident


def incidents(request):
    _require(request)
    rows = (
        incidents_visible_to(request.user)
        .select_related("city", "hub")
        .prefetch_related("challenges")
        .order_by("-date", "-pk")[:LIST_LIMIT]
    )
    return render(request, "crisis/admin/incidents.html", {"incidents": rows, "header_title": _("Incidents")})


def incident_create(request):
    _require(request)
    return _form(request, Incident(), _("Record an incident"))


def incident_edit(request, pk: int):
    incident = _incident(request, pk)
    return _form(request, incident, _("Change the incident"))


def _form(request, incident: Incident, title: str):
    form = IncidentForm(request.POST or None, instance=incident, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.incident_save(form=form, actor=request.user)
        except ValidationError as refused:
            form_add_service_errors(form, refused)
        else:
            messages.success(request, _("The incident is saved."))
            return redirect("crisis_admin:incident", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "incident": incident, "header_title": title}
    return render(request, "crisis/admin/incident_form.html", context, status=status)


def incident_detail(request, pk: int):
    incident = _incident(request, pk)
    step_form = StepForm(initial={"when": timezone.localdate()}, prefix="step")
    english = template_texts(incident, "en")
    statement_form = StatementForm(
        initial={"title": english["title"], "summary": english["summary"], "body": english["body"], "cosign_days": 7},
        prefix="statement",
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "step":
                step_form = StepForm(request.POST, prefix="step")
                if step_form.is_valid():
                    services.incident_step_add(
                        incident=incident,
                        actor=request.user,
                        **{k: step_form.cleaned_data[k] for k in ("when", "what")},
                    )
                    messages.success(request, _("Added to the timeline."))
                    return redirect("crisis_admin:incident", pk=pk)
            elif action == "statement":
                statement_form = StatementForm(request.POST, prefix="statement")
                if statement_form.is_valid():
                    data = statement_form.cleaned_data
                    _page, kept = services.incident_statement_draft(
                        incident=incident, actor=request.user, title=data["title"], summary=data["summary"],
                        body=data["body"], days=data["cosign_days"],
                    )  # fmt: skip
                    messages.success(request, _("The statement is drafted in four languages."))
                    if kept:
                        messages.warning(
                            request,
                            _(
                                "No machine translation engine covers %(languages)s: those versions keep the "
                                "template's text. Edit them in the page editor."
                            )
                            % {"languages": ", ".join(code.upper() for code in kept)},
                        )
                    return redirect("crisis_admin:incident", pk=pk)
            elif action == "send":
                sent = services.incident_statement_send(incident=incident, actor=request.user)
                messages.success(request, _("Invitations to co-sign sent: %(count)s.") % {"count": sent})
                return redirect("crisis_admin:incident", pk=pk)
            else:
                raise Http404
        except ValidationError as refused:
            form = statement_form if action == "statement" else step_form
            if action == "send" or (action == "statement" and incident.statement_id):
                messages.error(request, " ".join(refused.messages))
                return redirect("crisis_admin:incident", pk=pk)
            form_add_service_errors(form, refused)
        status = 400
    km = bounded_int(
        request.GET.get("km"), default=selectors.KM_DEFAULT, minimum=selectors.KM_MIN, maximum=selectors.KM_MAX
    )
    near, near_count = selectors.nearby(incident, km)
    context = {
        "incident": incident,
        "challenges": list(incident.challenges.all()),
        "peers": selectors.peers(incident, request.user),
        "nearby": near,
        "nearby_count": near_count,
        "km": km,
        "km_min": selectors.KM_MIN,
        "km_max": selectors.KM_MAX,
        "experts": selectors.experts(incident),
        "resources": selectors.resources(incident),
        "contacts": selectors.hub_contacts(incident),
        "similar": selectors.similar_incidents(incident, request.user),
        "steps": list(incident.steps.select_related("by")),
        "step_form": step_form,
        "statement_form": statement_form,
        "machine": services.machine_translation_available(),
        "header_title": _("%(kind)s in %(place)s, %(date)s")
        % {"kind": incident.get_kind_display(), "place": isolate(incident.place), "date": cldr_date(incident.date)},
    }
    return render(request, "crisis/admin/incident.html", context, status=status)
