"""Registering for an event and cancelling with the e-mail's link (never cached: forms and personal
answers). The event pages themselves are Wagtail's (models.py), cached for everyone."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.forms import form_add_service_errors
from core.i18n import current_language
from core.visibility import focal_city_ids_of

from . import permissions, services
from .forms import RegistrationForm
from .models import EventPage, Registration, RegistrationOpenTo


def _event(pk: int) -> EventPage:
    """A live event anyone may read, in the reader's language where translated."""
    from resources.selectors import published

    event = published(EventPage).select_related("locale", "hub", "country").filter(pk=pk).first()
    if event is None or event.registration == RegistrationOpenTo.NONE:
        raise Http404
    return services.event_in_language(event, current_language())


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, pk: int):
    event = _event(pk)
    user = request.user if request.user.is_authenticated else None
    if event.registration == RegistrationOpenTo.MEMBERS and user is None:
        return redirect_to_login(request.get_full_path())
    context = {"event": event, "places_left": services.places_left(event), "page_title_event": event.title}
    if not event.registration_is_open():
        return render(request, "events/register_closed.html", context)
    if not permissions.can_register(user, event):
        return render(request, "events/register_closed.html", {**context, "members_only": True}, status=403)
    form = RegistrationForm(request.POST or None) if user is None else None
    if user is not None:
        context["mine"] = Registration.objects.for_event(event).active().filter(email__iexact=user.email).first()
    if request.method == "POST":
        if ratelimit.over_limit(ratelimit.EVENT_REGISTRATION, key=ratelimit.address_key(request)):
            return render(request, "events/register.html", {**context, "form": form, "too_many": True}, status=429)
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            try:
                registration = services.registration_create(event=event, user=user, language=current_language(), **data)
            except ValidationError as refused:
                if form is None:
                    context["refused"] = refused.messages
                else:
                    form_add_service_errors(form, refused)
            else:
                return render(request, "events/registered.html", {**context, "registration": registration})
        return render(request, "events/register.html", {**context, "form": form}, status=400)
    return render(request, "events/register.html", {**context, "form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token: str):
    """GET asks (a mail scanner that opens links cancels nothing); POST cancels, once."""
    found = services.registration_for_token(token)
    if found is None:
        return render(request, "events/cancel.html", {"invalid": True}, status=404)
    registration, event = found
    event = services.event_in_language(event, current_language())
    if request.method == "POST":
        try:
            services.registration_cancel_by_token(token=token)
        except ValidationError:
            return render(request, "events/cancel.html", {"invalid": True}, status=404)
        return render(request, "events/cancel.html", {"event": event, "done": True})
    return render(request, "events/cancel.html", {"event": event, "registration": registration})


def action_progress(request, action):
    """The owner's update of `action` (status and note) from a POST, through the services: returns the
    form (bound and with its errors when refused, else None after a saved change)."""
    from . import actions as action_services
    from .forms import ActionProgressForm

    if request.method != "POST":
        return ActionProgressForm(action=action)
    form = ActionProgressForm(request.POST, action=action)
    if not form.is_valid():
        return form
    status, note = form.cleaned_data["status"], form.cleaned_data["note"]
    try:
        if status != action.status:
            action_services.action_step(action=action, to=status, actor=request.user, note=note)
        else:
            action_services.action_note(action=action, note=note, actor=request.user)
    except ValidationError as refused:
        form_add_service_errors(form, refused)
        return form
    return None


def action_history(action):
    return list(action.events.select_related("actor").order_by("-created_at", "-pk")[:100])


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_city_action(request, slug: str, pk: int):
    """An action the city owns, for its focal points (and the staff who may update it): the status and
    notes so far, and the form to move it on."""
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from .models import Action

    action = Action.objects.select_related("owner_city", "owner_hub").filter(pk=pk, owner_city__slug=slug).first()
    if action is None:
        raise Http404
    if not permissions.can_update_action(request.user, action):
        raise PermissionDenied
    form = action_progress(request, action)
    if form is None:
        messages.success(request, _("The action is updated. Thank you."))
        return redirect("my-city-action", slug=slug, pk=pk)
    event = services.event_in_language(services.event_of(action), current_language())
    context = {
        "action": action,
        "event": event,
        "city": action.owner_city,
        "form": form,
        "history": action_history(action),
    }
    return render(request, "events/my_city_action.html", context, status=400 if form.is_bound else 200)


def _declaration(pk: int):
    """A live declaration, in the reader's language where translated."""
    from resources.selectors import published

    from .models import DeclarationPage

    page = published(DeclarationPage).select_related("locale").filter(pk=pk).first()
    if page is None:
        raise Http404
    return services.event_in_language(page, current_language())


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def endorse(request, pk: int):
    """Endorse a declaration: a focal point for their city, staff on a member city's behalf."""
    from django.utils.translation import gettext as _

    from . import declarations
    from .forms import EndorsementForm

    declaration = _declaration(pk)
    eligible = permissions.cities_endorsing_for(request.user)
    context = {"declaration": declaration}
    if not declaration.endorsement_open:
        context["refused"] = [_("This declaration is not open for endorsement.")]
        return render(request, "events/endorse.html", context, status=403)
    if not eligible.exists():
        context["refused"] = [_("Only the focal points of member cities, or staff on a city's behalf, can endorse.")]
        return render(request, "events/endorse.html", context, status=403)
    done = declarations.endorsements_of(declaration).values("city")
    cities = eligible.exclude(pk__in=done).order_by("name")
    on_behalf = not cities.filter(pk__in=focal_city_ids_of(request.user)).exists()
    form = EndorsementForm(request.POST or None, cities=cities, on_behalf=on_behalf)
    if request.method == "POST" and form.is_valid():
        try:
            endorsement = declarations.endorsement_create(
                declaration=declaration, actor=request.user, city=form.cleaned_data["city"],
                endorsed_on=form.cleaned_data.get("endorsed_on"), statement=form.cleaned_data["statement"],
            )  # fmt: skip
        except ValidationError as refused:
            form_add_service_errors(form, refused)
        else:
            return render(request, "events/endorsed.html", {**context, "endorsement": endorsement})
    context.update({"form": form, "on_behalf": on_behalf, "nothing_left": not cities.exists()})
    return render(request, "events/endorse.html", context, status=400 if form.is_bound else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_city_declaration(request, slug: str, pk: int):
    """An endorsing city's progress on each commitment, for its focal points and the staff for it."""
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from cities.models import City

    from . import declarations
    from .forms import ProgressForm

    declaration = _declaration(pk)
    city = City.objects.filter(slug=slug).first()
    if city is None:
        raise Http404
    if not permissions.can_endorse_for(request.user, city):
        raise PermissionDenied
    endorsement = declarations.endorsements_of(declaration).filter(city=city).first()
    if endorsement is None:
        raise Http404
    latest = {commitment: entry for (_e, commitment), entry in declarations.latest_progress([endorsement]).items()}
    form = ProgressForm(request.POST or None, commitments=declaration.numbered_commitments(), latest=latest)
    if request.method == "POST" and form.is_valid():
        try:
            for commitment, status, note in form.changes(latest):
                declarations.progress_report(
                    endorsement=endorsement, commitment=commitment, status=status, note=note, actor=request.user
                )
        except ValidationError as refused:
            form_add_service_errors(form, refused)
        else:
            messages.success(request, _("Progress saved. Thank you."))
            return redirect("my-city-declaration", slug=slug, pk=pk)
    context = {"declaration": declaration, "city": city, "endorsement": endorsement, "form": form}
    return render(request, "events/my_city_declaration.html", context, status=400 if form.is_bound else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cosign(request, pk: int):
    """The link of a co-signing invitation: the statement (its latest text, published or not) and one
    button per city the person may co-sign for; a POST co-signs."""
    from django.utils.translation import gettext as _

    from . import statements
    from .models import StatementPage

    statement = StatementPage.objects.filter(pk=pk).select_related("locale").first()
    if statement is None:
        raise Http404
    shown = statement.get_latest_revision_as_object() if statement.latest_revision_id else statement
    eligible = permissions.cities_endorsing_for(request.user)
    context = {"statement": statement, "shown": shown}
    if not eligible.exists():
        context["refused"] = [_("Only the focal points of member cities, or staff on a city's behalf, can co-sign.")]
        return render(request, "events/cosign.html", context, status=403)
    signed = statements.cosignatures_of(statement).values("city")
    cities = list(eligible.exclude(pk__in=signed).order_by("name")[:200])
    context.update({"cities": cities, "open": statement.cosigning_is_open()})
    if request.method == "POST":
        city = next((city for city in cities if str(city.pk) == request.POST.get("city", "")), None)
        if city is None:
            context["refused"] = [_("Choose one of the cities below.")]
            return render(request, "events/cosign.html", context, status=400)
        try:
            statements.cosign(statement=statement, city=city, actor=request.user)
        except ValidationError as refused:
            context["refused"] = refused.messages
            return render(request, "events/cosign.html", context, status=400)
        remaining = [other for other in cities if other.pk != city.pk]
        return render(request, "events/cosign.html", {**context, "done": city, "cities": remaining})
    return render(request, "events/cosign.html", context)
