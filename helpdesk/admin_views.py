"""The help desk inside the Wagtail admin: the queue of hub staff and the Management Unit,
a request's page with its steps, and the anonymised Resource Hub draft.

Thin views: filters and reads here, every change through `services.py`.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role, User
from cities.models import Hub, PracticeArea
from core.forms import form_add_service_errors
from core.params import MAX_DAYS, bounded_int
from core.visibility import (
    can_handle_help_request,
    help_requests_handled_by,
    hub_ids_of,
    is_management_unit,
)

from . import services
from .experts import experts_for_request
from .forms import AnswerForm, AssignForm, CloseForm, DraftForm, ReferForm, ResourceLinksForm
from .models import WAITING_STATES, Expert, HelpRequest, State, Urgency

QUEUE_LIMIT = 500
URGENCY_ORDER = Case(
    When(urgency=Urgency.URGENT, then=Value(0)),
    When(urgency=Urgency.NORMAL, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _works_the_queue(user) -> bool:
    return is_management_unit(user) or bool(hub_ids_of(user))


def visible_in_menu(request) -> bool:
    return _works_the_queue(request.user)


def _queue_for(user):
    """The requests `user` handles; people who work no queue are refused."""
    if not _works_the_queue(user):
        raise PermissionDenied
    return help_requests_handled_by(user, HelpRequest.objects.all())


def queue(request):
    help_requests = _queue_for(request.user).select_related("city", "hub", "topic", "assignee")
    state = request.GET.get("state", "waiting")
    if state == "waiting":
        help_requests = help_requests.filter(state__in=WAITING_STATES)
    elif state in State.values:
        help_requests = help_requests.filter(state=state)
    else:
        state = "all"
    hub = request.GET.get("hub", "")
    if hub == "central":
        help_requests = help_requests.filter(hub__isnull=True)
    elif hub:
        help_requests = help_requests.filter(hub__code=hub)
    topic = request.GET.get("topic", "")
    if topic:
        help_requests = help_requests.filter(topic__code=topic)
    urgency = request.GET.get("urgency", "")
    if urgency in Urgency.values:
        help_requests = help_requests.filter(urgency=urgency)
    else:
        urgency = ""
    mine = request.GET.get("mine", "") == "1"
    if mine:
        help_requests = help_requests.filter(assignee=request.user)
    min_days = bounded_int(request.GET.get("min_days"), maximum=MAX_DAYS)
    now = timezone.now()
    if min_days:
        help_requests = help_requests.filter(created_at__lte=now - timezone.timedelta(days=min_days))
    rows = list(
        help_requests.annotate(urgency_order=URGENCY_ORDER).order_by("urgency_order", "created_at")[:QUEUE_LIMIT]
    )
    for row in rows:
        row.days_waiting = (now - row.created_at).days if row.is_waiting else None
    hubs = (
        Hub.objects.all() if is_management_unit(request.user) else Hub.objects.filter(pk__in=hub_ids_of(request.user))
    )
    return render(
        request,
        "helpdesk/admin/queue.html",
        {
            "help_requests": rows,
            "limit_reached": len(rows) == QUEUE_LIMIT,
            "states": State.choices,
            "urgencies": Urgency.choices,
            "hubs": hubs,
            "topics": PracticeArea.objects.all(),
            "show_central": is_management_unit(request.user),
            "current": {
                "state": state,
                "hub": hub,
                "topic": topic,
                "urgency": urgency,
                "min_days": min_days or "",
                "mine": mine,
            },
            "header_title": _("Help desk"),
        },
    )


def _get_handled(user, pk: int) -> HelpRequest:
    help_request = (
        _queue_for(user)
        .select_related(
            "city__country__region", "hub", "topic", "asker", "assignee", "referred_expert__user", "resource_page"
        )
        .filter(pk=pk)
        .first()
    )
    if help_request is None:
        raise Http404
    return help_request


def _assignable_people(help_request: HelpRequest, actor):
    """The actor's choice of assignee: the hub's staff, and for the Management Unit its own people too."""
    hub_staff = User.objects.filter(roles__role=Role.HUB_STAFF, roles__hub_id=help_request.hub_id)
    people = hub_staff
    if is_management_unit(actor):
        people = hub_staff | User.objects.filter(roles__role=Role.MANAGEMENT_UNIT)
    return people.filter(is_active=True).distinct().order_by("name")


def _available_experts():
    return Expert.objects.filter(available=True, user__is_active=True).select_related("user").order_by("user__name")


def _forms(help_request, user, *, bound: str | None = None, data=None) -> dict:
    """The step forms of the request page; `bound` is the one just sent (with `data`)."""

    def make(name, form_class, initial=None, **kwargs):
        if name == bound:
            return form_class(data, prefix=name, **kwargs)
        return form_class(prefix=name, initial=initial, **kwargs)

    linked = [page.pk for page in help_request.resources.all()]
    return {
        "assign": make("assign", AssignForm, {"assignee": user.pk}, people=_assignable_people(help_request, user)),
        "answer": make("answer", AnswerForm, {"answer": help_request.answer, "resources": linked}, linked=linked),
        "resources": make("resources", ResourceLinksForm, {"resources": linked}, linked=linked),
        "close": make("close", CloseForm),
        "refer": make("refer", ReferForm, experts=_available_experts()),
    }


def _render_detail(request, help_request, forms, status=200):
    user = request.user
    waiting = help_request.is_waiting
    # A form sent back with a message stays on the page even when its step no longer applies.
    bound = {name for name, form in forms.items() if form.is_bound}
    return render(
        request,
        "helpdesk/admin/detail.html",
        {
            "help_request": help_request,
            "events": help_request.events.select_related("actor"),
            "forms": forms,
            "suggestions": experts_for_request(help_request) if waiting else [],
            "can_assign": waiting or "assign" in bound,
            "can_answer": waiting or "answer" in bound,
            "can_refer": waiting or "refer" in bound,
            "can_close": help_request.state != State.CLOSED or "close" in bound,
            "can_draft": help_request.state in (State.ANSWERED, State.CLOSED) and not help_request.resource_page_id,
            # Once answered, the reading can still change (before, it goes with the answer).
            "can_link": not waiting or "resources" in bound,
            "reading": services.linked_resources(help_request, translation.get_language()),
            "is_management_unit": is_management_unit(user),
            "header_title": help_request.subject,
        },
        status=status,
    )


def detail(request, pk: int):
    help_request = _get_handled(request.user, pk)
    return _render_detail(request, help_request, _forms(help_request, request.user))


def _assign(help_request, form, user):
    services.help_request_assign(
        request=help_request, assignee=form.cleaned_data["assignee"], actor=user, note=form.cleaned_data["note"]
    )
    return _("The request is assigned to %(name)s.") % {"name": form.cleaned_data["assignee"]}


def _answer(help_request, form, user):
    services.help_request_answer(
        request=help_request, answer=form.cleaned_data["answer"], actor=user, resources=form.cleaned_data["resources"]
    )
    return _("The answer is sent to the person who asked.")


def _close(help_request, form, user):
    services.help_request_close(request=help_request, actor=user, note=form.cleaned_data["note"])
    return _("The request is closed.")


def _refer(help_request, form, user):
    expert = form.cleaned_data["expert"]
    services.help_request_refer(request=help_request, expert=expert, actor=user, note=form.cleaned_data["note"])
    return _("The request is referred to %(name)s, who is told by e-mail.") % {"name": expert}


def _link(help_request, form, user):
    services.help_request_resources_link(request=help_request, resources=form.cleaned_data["resources"], actor=user)
    return _("The Resource Hub reading is saved; the person who asked sees it with the answer.")


ACTIONS = {"assign": _assign, "answer": _answer, "close": _close, "refer": _refer, "resources": _link}


@require_POST
def act(request, pk: int):
    user = request.user
    help_request = _get_handled(user, pk)
    if not can_handle_help_request(user, help_request):
        raise PermissionDenied
    name = request.POST.get("action", "")
    action = ACTIONS.get(name)
    if action is None:
        messages.error(request, _("Unknown action."))
        return redirect("helpdesk_admin:detail", pk=pk)
    forms = _forms(help_request, user, bound=name, data=request.POST)
    form = forms[name]
    if form.is_valid():
        try:
            done = action(help_request, form, user)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("helpdesk_admin:detail", pk=pk)
    messages.error(request, _("The step was not done: see the message next to the form."))
    return _render_detail(request, help_request, forms, status=400)


PLACEHOLDER = "[…]"


def _identifying_names(help_request: HelpRequest) -> list[str]:
    """The asker's name and the authority's names in every language (at least 3 characters)."""
    city = help_request.city
    asker = help_request.asker.display_name if help_request.asker else ""
    names = [asker, city.name, city.name_en, city.name_ar, city.name_fr, city.name_es]
    return list(dict.fromkeys(name.strip() for name in names if name and len(name.strip()) >= 3))


def scrub_names(text: str, names: list[str]) -> str:
    """`text` with each of `names` replaced by a placeholder (a first pass; staff still read it all)."""
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), PLACEHOLDER, text, flags=re.IGNORECASE)
    return text


@require_http_methods(["GET", "POST"])
def draft(request, pk: int):
    """Staff edit an anonymised question and answer, then an unpublished Resource Hub page is made."""
    user = request.user
    help_request = _get_handled(user, pk)
    if not can_handle_help_request(user, help_request):
        raise PermissionDenied
    if help_request.resource_page_id:
        messages.error(request, _("A Resource Hub draft was already made from this request."))
        return redirect("helpdesk_admin:detail", pk=pk)
    if help_request.state not in (State.ANSWERED, State.CLOSED) or not help_request.answer:
        messages.error(request, _("Only an answered request can become a Resource Hub draft."))
        return redirect("helpdesk_admin:detail", pk=pk)
    if request.method == "POST":
        form = DraftForm(request.POST)
        if form.is_valid():
            try:
                page = services.help_request_publish_draft(
                    request=help_request,
                    actor=user,
                    title=form.cleaned_data["title"],
                    question=form.cleaned_data["question"],
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The draft “%(title)s” is made. An editor reviews and publishes it.") % {"title": page.title},
                )
                return redirect("helpdesk_admin:detail", pk=pk)
        status = 400
    else:
        names = _identifying_names(help_request)
        form = DraftForm(
            initial={
                "title": scrub_names(help_request.subject, names),
                "question": scrub_names(help_request.question, names),
                "answer": scrub_names(help_request.answer, names),
            }
        )
        status = 200
    return render(
        request,
        "helpdesk/admin/draft.html",
        {
            "help_request": help_request,
            "form": form,
            "names_to_remove": _identifying_names(help_request),
            "header_title": _("Anonymised draft for the Resource Hub"),
        },
        status=status,
    )
