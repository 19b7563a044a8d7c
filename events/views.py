"""Registering for an event and cancelling with the e-mail's link (never cached: forms and personal
answers). The event pages themselves are Wagtail's (models.py), cached for everyone."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.forms import form_add_service_errors
from core.i18n import current_language

from . import permissions, services
from .forms import RegistrationForm
from .models import EventPage, Registration, RegistrationOpenTo, RegistrationStatus


def _event(pk: int) -> EventPage:
    """A live event anyone may read, in the reader's language where translated."""
    from resources.selectors import published

    event = published(EventPage).select_related("locale", "hub", "country").filter(pk=pk).first()
    if event is None or event.registration == RegistrationOpenTo.NONE:
        raise Http404
    return services.event_in_language(event, current_language())


def _places_left(event: EventPage) -> int | None:
    if event.capacity is None:
        return None
    taken = Registration.objects.for_event(event).filter(status=RegistrationStatus.REGISTERED).count()
    return max(event.capacity - taken, 0)


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, pk: int):
    event = _event(pk)
    user = request.user if request.user.is_authenticated else None
    if event.registration == RegistrationOpenTo.MEMBERS and user is None:
        return redirect_to_login(request.get_full_path())
    context = {"event": event, "places_left": _places_left(event), "page_title_event": event.title}
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
    registration = Registration.objects.filter(cancel_token=services._digest(token)).exclude(cancel_token="").first()
    if registration is None:
        return render(request, "events/cancel.html", {"invalid": True}, status=404)
    event = services.event_in_language(services._event_of(registration), current_language())
    if request.method == "POST":
        try:
            services.registration_cancel_by_token(token=token)
        except ValidationError:
            return render(request, "events/cancel.html", {"invalid": True}, status=404)
        return render(request, "events/cancel.html", {"event": event, "done": True})
    return render(request, "events/cancel.html", {"event": event, "registration": registration})
