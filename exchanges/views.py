"""Exchange pages: the list, the request form, and one exchange with its thread.

Thin views: who may read comes from `core.visibility`, every change goes through `services.py`.
A person who may not read an exchange gets a 404, whatever they try.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cities.models import City, Maturity
from core import ratelimit
from core.forms import form_add_service_errors
from core.visibility import (
    can_post_in_exchange,
    exchanges_visible_to,
    focal_city_ids_of,
    hub_ids_of,
    is_management_unit,
)

from . import services
from .forms import ExchangeRequestForm, MessageForm, StateFilterForm
from .models import OPEN_STATES, ExchangeRequest, State

PAGE_SIZE = 25


@never_cache
@login_required
@require_http_methods(["GET"])
def exchange_list(request):
    exchanges = exchanges_visible_to(request.user, ExchangeRequest.objects.for_listing())
    filters = StateFilterForm(request.GET)
    state = filters.cleaned_data["state"] if filters.is_valid() else ""
    if state == StateFilterForm.OPEN:
        exchanges = exchanges.filter(state__in=OPEN_STATES)
    elif state:
        exchanges = exchanges.filter(state=state)
    page = Paginator(exchanges, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "exchanges/exchange_list.html",
        {
            "page_obj": page,
            "exchanges": page.object_list,
            "filters": filters,
            "querystring": f"state={state}" if state else "",
            "can_request": bool(focal_city_ids_of(request.user)),
            "sees_hub": bool(hub_ids_of(request.user)) and not is_management_unit(request.user),
            "sees_all": is_management_unit(request.user),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def exchange_new(request):
    """Ask another member city for an exchange; `?to=<slug>&area=<code>…` fills the form in."""
    if request.method == "POST" and "show-partner" in request.POST:
        # "Show what this city offers" (without JavaScript): the form again, as typed, nothing sent.
        form = ExchangeRequestForm(initial=_as_typed(request.POST), user=request.user)
        status = 200 if form.own_cities else 403
    elif request.method == "POST":
        form = ExchangeRequestForm(request.POST, user=request.user)
        if form.own_cities and form.is_valid():
            data = form.cleaned_data
            try:
                exchange = services.exchange_request(
                    requester=data["requester"],
                    partner=data["partner"],
                    areas=data["areas"],
                    message=data["message"],
                    actor=request.user,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            except PermissionDenied as denied:
                form.add_error(None, str(denied))
            else:
                messages.success(
                    request,
                    _("Your request is sent. The focal points of %(city)s are told by e-mail.")
                    % {"city": exchange.partner},
                )
                return redirect("exchanges:exchange-detail", pk=exchange.pk)
        status = 400 if form.own_cities else 403
    else:
        form = ExchangeRequestForm(
            initial={
                "partner": request.GET.get("to", ""),
                "areas": request.GET.getlist("area"),
                **({"requester": request.GET["from"]} if request.GET.get("from") else {}),
            },
            user=request.user,
        )
        status = 200
    partner_slug = form.data.get("partner") if form.is_bound else form.initial.get("partner")
    context = {"form": form, "partner": partner_offer(request.user, partner_slug) if form.own_cities else None}
    return render(request, "exchanges/exchange_form.html", context, status=status)


def _as_typed(post) -> dict:
    return {
        "partner": post.get("partner", ""),
        "areas": post.getlist("areas"),
        "message": post.get("message", ""),
        **({"requester": post["requester"]} if post.get("requester") else {}),
    }


MATURITY_ORDER = {Maturity.LEADING: 0, Maturity.ESTABLISHED: 1, Maturity.STARTING: 2}


def partner_offer(user, slug: str | None) -> dict | None:
    """What a city one may ask offers: its practice with maturity, public description and working
    languages, all public on its profile. Never its contacts; nothing for a city the person may not see."""
    if not slug:
        return None
    city = (
        City.objects.visible_to(user)
        .filter(slug=slug, stage__in=services.ACTIVE_STAGES)
        .select_related("country")
        .prefetch_related("working_languages")
        .first()
    )
    if city is None:
        return None
    offers = sorted(
        city.offers.select_related("practice_area"),
        key=lambda offer: (MATURITY_ORDER.get(offer.maturity, 9), offer.practice_area.sort_order),
    )
    return {"city": city, "offers": offers, "languages": list(city.working_languages.all())}


@never_cache
@login_required
@require_http_methods(["GET"])
def exchange_partner_offer(request, slug: str):
    """The "what it offers" panel alone, for the form's script when the person picks another city."""
    if not focal_city_ids_of(request.user):
        raise Http404
    partner = partner_offer(request.user, slug)
    if partner is None:
        raise Http404
    return render(request, "exchanges/includes/partner_offer.html", {"partner": partner})


def _readable(request, pk: int) -> ExchangeRequest:
    queryset = ExchangeRequest.objects.select_related(
        "requester__country__region__hub",
        "partner__country__region__hub",
        "requested_by",
        "learning_note_by",
        "resource_page",
    ).prefetch_related("areas")
    return get_object_or_404(exchanges_visible_to(request.user, queryset), pk=pk)


# The text field each action takes, if any.
FIELD_OF = {"decline": "note", "cancel": "note", "complete": "learning_note"}


def _detail(request, exchange, *, message_form=None, action_error=None, status=200):
    """The exchange page; after a refused action or message it shows the error beside what was typed."""
    error = action_error or {}
    actions = [
        {
            "name": name,
            "label": services.STEPS[name].label_for(exchange.state),
            # After a refused step: its message beside the field, and what was typed, kept.
            "errors": error.get("field_errors", []) if error.get("action") == name else [],
            "value": request.POST.get(FIELD_OF.get(name, ""), "") if error.get("action") == name else "",
        }
        for name in services.exchange_actions_for(request.user, exchange)
    ]
    return render(
        request,
        "exchanges/exchange_detail.html",
        {
            "exchange": exchange,
            "areas": list(exchange.areas.all()),
            "thread": exchange.messages.select_related("author", "author_city"),
            "events": exchange.events.select_related("actor", "actor_city"),
            "actions": actions,
            "action_error": action_error,
            "can_post": can_post_in_exchange(request.user, exchange),
            "message_form": message_form or MessageForm(),
            "can_make_resource": is_management_unit(request.user)
            and exchange.state == State.COMPLETED
            and bool(exchange.learning_note)
            and exchange.resource_page_id is None,
            "sees_resource": is_management_unit(request.user) and exchange.resource_page_id is not None,
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def exchange_detail(request, pk: int):
    return _detail(request, _readable(request, pk))


ACTIONS = {
    "accept": lambda exchange, user, post: services.exchange_accept(exchange=exchange, actor=user),
    "decline": lambda exchange, user, post: services.exchange_decline(
        exchange=exchange, actor=user, note=post.get("note", "")
    ),
    "start": lambda exchange, user, post: services.exchange_start(exchange=exchange, actor=user),
    "complete": lambda exchange, user, post: services.exchange_complete(
        exchange=exchange, actor=user, learning_note=post.get("learning_note", "")
    ),
    "cancel": lambda exchange, user, post: services.exchange_cancel(
        exchange=exchange, actor=user, note=post.get("note", "")
    ),
}


@login_required
@require_POST
def exchange_act(request, pk: int):
    exchange = _readable(request, pk)
    action = request.POST.get("action", "")
    try:
        if action not in ACTIONS:
            raise ValidationError(_("Unknown action. Use the buttons on this page."))
        ACTIONS[action](exchange, request.user, request.POST)
    except PermissionDenied as denied:
        error = {"action": action, "field_errors": [], "messages": [str(denied)]}
        return _detail(request, exchange, action_error=error, status=403)
    except ValidationError as problem:
        field = FIELD_OF.get(action, "")
        by_field = problem.message_dict if hasattr(problem, "error_dict") else {}
        error = {
            "action": action,
            "field_errors": by_field.get(field, []),
            "messages": [m for name, ms in by_field.items() if name != field for m in ms]
            or ([] if by_field else problem.messages),
        }
        return _detail(request, exchange, action_error=error, status=400)
    messages.success(request, _("The exchange is now “%(state)s”.") % {"state": exchange.get_state_display()})
    return redirect("exchanges:exchange-detail", pk=pk)


@login_required
@require_POST
def exchange_message(request, pk: int):
    exchange = _readable(request, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        if ratelimit.over_limit(ratelimit.EXCHANGE_MESSAGE, key=ratelimit.person_key(request.user)):
            form.add_error(
                None,
                _(
                    "You have sent many messages in a short time. Please wait an hour before sending another; "
                    "your message is kept below."
                ),
            )
            return _detail(request, exchange, message_form=form, status=429)
        try:
            services.exchange_message_post(exchange=exchange, author=request.user, body=form.cleaned_data["body"])
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
            return _detail(request, exchange, message_form=form, status=403)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your message is posted."))
            return redirect(reverse("exchanges:exchange-detail", kwargs={"pk": pk}) + "#thread")
    return _detail(request, exchange, message_form=form, status=400)


@login_required
@require_POST
def exchange_resource(request, pk: int):
    """The Management Unit turns the learning note into a draft Resource Hub item."""
    exchange = _readable(request, pk)
    if not is_management_unit(request.user):
        raise Http404
    try:
        services.exchange_note_to_resource(exchange=exchange, actor=request.user)
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    else:
        messages.success(request, _("A draft Resource Hub item is made. Editors can finish and publish it."))
    return redirect("exchanges:exchange-detail", pk=pk)
