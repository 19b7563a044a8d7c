"""`/<lang>/help/`: members ask the help desk and follow their city's questions; experts answer
the requests referred to them. Thin views: reads and permission checks here, writes in `services.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cities.models import City
from core import ratelimit
from core.forms import form_add_service_errors
from core.i18n import current_language
from core.visibility import (
    can_answer_help_request,
    can_ask_help_desk,
    can_follow_up_help_request,
    can_handle_help_request,
    can_read_help_request,
    city_ids_of,
    help_requests_visible_to,
    hub_ids_of,
    is_expert,
    is_management_unit,
)

from . import services
from .forms import AnswerForm, AskForm, FollowUpForm
from .models import HelpRequest, State

LIST_LIMIT = 200


@never_cache
@login_required
def request_list(request):
    """My authorities' questions, the ones I asked, and (for experts) those referred to me."""
    user = request.user
    mine = Q(asker=user) | Q(city_id__in=city_ids_of(user)) | Q(referred_expert__user=user)
    rows = list(
        help_requests_visible_to(user, HelpRequest.objects.for_listing())
        .filter(mine)
        .order_by("-updated_at", "-pk")[:LIST_LIMIT]
    )
    return render(
        request,
        "helpdesk/request_list.html",
        {
            "help_requests": rows,
            "referred": [row for row in rows if row.referred_expert and row.referred_expert.user_id == user.pk],
            "can_ask": can_ask_help_desk(user),
            "handles_queue": is_management_unit(user) or bool(hub_ids_of(user)),
            "is_expert": is_expert(user),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def request_ask(request):
    user = request.user
    if not can_ask_help_desk(user):
        return render(request, "helpdesk/request_cannot_ask.html", status=403)
    cities = list(City.objects.filter(pk__in=city_ids_of(user)).order_by("name"))
    if request.method == "GET":
        return render(request, "helpdesk/request_form.html", {"form": AskForm(cities=cities)})
    form = AskForm(request.POST, cities=cities)
    if form.is_valid():
        if ratelimit.over_limit(ratelimit.HELP_QUESTION, key=ratelimit.person_key(user)):
            form.add_error(
                None,
                _(
                    "You have asked many questions in a short time. Please wait an hour before asking again; "
                    "your question is kept below."
                ),
            )
            return render(request, "helpdesk/request_form.html", {"form": form}, status=429)
        data = form.cleaned_data
        try:
            help_request = services.help_request_submit(
                asker=user,
                city=form.chosen_city(),
                topic=data["topic"],
                language=data["language"],
                urgency=data["urgency"],
                subject=data["subject"],
                question=data["question"],
            )
        except PermissionDenied:
            form.add_error("city", _("You can ask only for an authority you hold a role in."))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your question is sent. You will get an e-mail when it is answered."))
            return redirect("helpdesk:request-detail", pk=help_request.pk)
    return render(request, "helpdesk/request_form.html", {"form": form}, status=400)


def _get_readable(user, pk: int) -> HelpRequest:
    help_request = (
        HelpRequest.objects.select_related("city", "hub", "topic", "asker", "assignee", "referred_expert__user")
        .filter(pk=pk)
        .first()
    )
    if help_request is None or not can_read_help_request(user, help_request):
        raise Http404
    return help_request


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request, pk: int):
    """The question, its answer and its history; the expert it was referred to answers here,
    the asker says whether the answer solved it."""
    user = request.user
    help_request = _get_readable(user, pk)
    linked = [page.pk for page in help_request.resources.all()]
    answer_form = AnswerForm(
        prefix="answer", initial={"answer": help_request.answer, "resources": linked}, linked=linked
    )
    follow_up_form = FollowUpForm(prefix="follow-up")
    error, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "answer":
                if not can_answer_help_request(user, help_request):
                    raise PermissionDenied
                answer_form = AnswerForm(request.POST, prefix="answer", linked=linked)
                if answer_form.is_valid():
                    services.help_request_answer(
                        request=help_request,
                        answer=answer_form.cleaned_data["answer"],
                        actor=user,
                        resources=answer_form.cleaned_data["resources"],
                    )
                    messages.success(request, _("Your answer is sent to the person who asked."))
                    return redirect("helpdesk:request-detail", pk=pk)
            elif action in ("solved", "not-solved"):
                follow_up_form = FollowUpForm(request.POST, prefix="follow-up")
                if follow_up_form.is_valid():
                    note = follow_up_form.cleaned_data["note"]
                    if action == "solved":
                        services.help_request_close(request=help_request, actor=user, note=note)
                        messages.success(request, _("Thank you. The request is closed."))
                    else:
                        services.help_request_reopen(request=help_request, actor=user, note=note)
                        messages.success(request, _("The request is back with the help desk."))
                    return redirect("helpdesk:request-detail", pk=pk)
            else:
                error = _("Unknown action.")
        except PermissionDenied:
            error = _("You cannot do this for this request.")
        except ValidationError as problem:
            form = answer_form if action == "answer" else follow_up_form
            form_add_service_errors(form, problem)
        status = 400
    return render(
        request,
        "helpdesk/request_detail.html",
        {
            "help_request": help_request,
            "events": help_request.events.select_related("actor"),
            "error": error,
            "answer_form": answer_form,
            "follow_up_form": follow_up_form,
            # A form sent back with a message stays on the page even when its step no longer applies.
            "can_answer": answer_form.is_bound
            or (can_answer_help_request(user, help_request) and help_request.is_waiting),
            "can_follow_up": follow_up_form.is_bound
            or (can_follow_up_help_request(user, help_request) and help_request.state == State.ANSWERED),
            "handles": can_handle_help_request(user, help_request),
            # The Resource Hub reading linked with the answer, in the reader's language where translated.
            "reading": services.linked_resources(help_request, current_language()) if help_request.answer else [],
            "shows_asker": help_request.asker_id == user.pk
            or help_request.city_id in city_ids_of(user)
            or can_handle_help_request(user, help_request),
        },
        status=status,
    )
