"""Writes for the help desk and the Expert Pool: every change of a request goes through here.

Each step checks who acts and the transition, records who/when/from/to/note in the
audit trail (`HelpEvent`) and e-mails the people concerned, each in their own
preferred language. The database refuses any step not in `TRANSITIONS` as well.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.mail import email_queue
from core.visibility import (
    can_answer_help_request,
    can_assign_help_request_to,
    can_follow_up_help_request,
    can_handle_help_request,
    city_hub_id,
    city_ids_of,
)
from core.workflow import NOTE_LIMIT, text_checked, workflow_step

from .models import MAX_RESOURCES, TRANSITIONS, WAITING_STATES, EventKind, Expert, HelpEvent, HelpRequest, State

MAX_NOTE = NOTE_LIMIT
MAX_ANSWER = 16000


@transaction.atomic
def help_request_submit(*, asker, city, topic, language: str, urgency: str, subject: str, question: str) -> HelpRequest:
    """A member asks a question for their authority; it goes to the authority's Regional Hub,
    or to the central team (no hub) where the region has none yet."""
    if city is None or city.pk not in city_ids_of(asker):
        raise PermissionDenied
    help_request = HelpRequest(
        asker=asker,
        city=city,
        hub_id=city_hub_id(city),
        topic=topic,
        language=language,
        urgency=urgency,
        subject=subject.strip(),
        question=question.strip(),
    )
    help_request.full_clean()
    help_request.save()
    HelpEvent.objects.create(request=help_request, actor=asker, kind=EventKind.SUBMITTED, to_state=State.OPEN)
    for person in help_desk_people(help_request):
        _email(help_request, "new_request", person, admin=True)
    return help_request


def _step(*, request: HelpRequest, to: str, kind: str, actor, note: str = "", **changes) -> HelpRequest:
    # The helper locks the row so two people cannot move it at once.
    return workflow_step(
        record=request,
        to=to,
        transitions=TRANSITIONS,
        event_model=HelpEvent,
        actor=actor,
        note=note,
        refused=_("A request cannot go from “%(from)s” to “%(to)s”."),
        changes=changes,
        event={"kind": kind},
    )


def _refresh(stale: HelpRequest, current: HelpRequest) -> None:
    """Bring the caller's object up to date with the row just written."""
    for field in current._meta.concrete_fields:
        setattr(stale, field.attname, getattr(current, field.attname))
    for name in ("assignee", "referred_expert", "resource_page"):
        if name in current._state.fields_cache:
            stale._state.fields_cache[name] = current._state.fields_cache[name]
        else:
            stale._state.fields_cache.pop(name, None)


def _note(note: str) -> str:
    return text_checked(note, field="note", limit=MAX_NOTE)


def help_request_assign(*, request: HelpRequest, assignee, actor, note: str = "") -> HelpRequest:
    """Give the request to `assignee` (the actor themselves or a colleague who handles the request)."""
    if not can_handle_help_request(actor, request):
        raise PermissionDenied
    if not can_assign_help_request_to(actor, assignee, request):
        raise ValidationError(
            {"assignee": _("Choose yourself or a colleague who works on this Regional Hub's requests.")}
        )
    if request.state == State.ASSIGNED and request.assignee_id == assignee.pk:
        raise ValidationError({"assignee": _("The request is already assigned to %(name)s.") % {"name": assignee}})
    current = _step(
        request=request, to=State.ASSIGNED, kind=EventKind.ASSIGNED, actor=actor, note=_note(note), assignee=assignee
    )
    if assignee.pk != actor.pk:
        _email(current, "assigned", assignee, admin=True, note=_note(note), actor=actor)
    return current


@transaction.atomic
def help_request_answer(*, request: HelpRequest, answer: str, actor, resources=None) -> HelpRequest:
    """Answer the question (hub staff, the Management Unit, or the expert it was referred to), with
    `resources` (published Resource Hub pages) to read; the asker is e-mailed the answer and the reading."""
    if not can_answer_help_request(actor, request):
        raise PermissionDenied
    answer = text_checked(answer, field="answer", limit=MAX_ANSWER, required=_("Write the answer."))
    pages = _published_resources(resources) if resources is not None else None
    current = _step(
        request=request,
        to=State.ANSWERED,
        kind=EventKind.ANSWERED,
        actor=actor,
        note=answer,
        answer=answer,
        answered_at=timezone.now(),
    )
    if pages is not None:
        current.resources.set(pages)
    _email(current, "answered", current.asker, reading=True)
    return current


def _published_resources(resources) -> list:
    """`resources` (pages or ids) when each is a live public Resource Hub page, at most `MAX_RESOURCES`."""
    from resources.models import ResourcePage
    from resources.selectors import published

    ids = list(dict.fromkeys(getattr(item, "pk", item) for item in resources))
    if len(ids) > MAX_RESOURCES:
        raise ValidationError({"resources": _("Choose at most %(count)s resources.") % {"count": MAX_RESOURCES}})
    pages = list(published(ResourcePage).filter(pk__in=ids))
    if len(pages) != len(ids):
        raise ValidationError({"resources": _("Choose resources that are published in the Resource Hub.")})
    return pages


@transaction.atomic
def help_request_resources_link(*, request: HelpRequest, resources, actor) -> HelpRequest:
    """Change the Resource Hub reading of a request (the people handling it, at any step); the change
    is in the history, which the asker reads too."""
    if not can_handle_help_request(actor, request):
        raise PermissionDenied
    pages = _published_resources(resources)
    current = HelpRequest.objects.select_for_update().get(pk=request.pk)
    before = set(current.resources.values_list("pk", flat=True))
    if before == {page.pk for page in pages}:
        raise ValidationError({"resources": _("This reading is already linked.")})
    current.resources.set(pages)
    current.save(update_fields=["updated_at"])
    HelpEvent.objects.create(
        request=current,
        actor=actor,
        kind=EventKind.LINKED,
        from_state=current.state,
        to_state=current.state,
        note=", ".join(page.title for page in pages)[:MAX_NOTE],  # titles, not typed text: cut, not refused
    )
    _refresh(request, current)
    return current


def help_request_close(*, request: HelpRequest, actor, note: str = "") -> HelpRequest:
    """Close: after an answer (the asker says it is solved, or staff close it), or without one
    (staff only, with the reason, which the asker is e-mailed)."""
    if not can_follow_up_help_request(actor, request):
        raise PermissionDenied
    note = _note(note)
    if request.state in WAITING_STATES:
        if not can_handle_help_request(actor, request):
            raise ValidationError(_("A request can be closed only once it is answered."))
        if not note:
            raise ValidationError({"note": _("Say why the request is closed without an answer.")})
    current = _step(request=request, to=State.CLOSED, kind=EventKind.CLOSED, actor=actor, note=note)
    if actor.pk != current.asker_id:
        _email(current, "closed", current.asker, note=note)
    return current


def help_request_reopen(*, request: HelpRequest, actor, note: str) -> HelpRequest:
    """The asker says the answer did not solve it: the request goes back to the queue."""
    if not can_follow_up_help_request(actor, request):
        raise PermissionDenied
    note = _note(note)
    if not note:
        raise ValidationError({"note": _("Say what is still missing, so the help desk can follow up.")})
    current = _step(request=request, to=State.OPEN, kind=EventKind.REOPENED, actor=actor, note=note, assignee=None)
    for person in help_desk_people(current):
        _email(current, "reopened", person, admin=True, note=note)
    return current


@transaction.atomic
def help_request_refer(*, request: HelpRequest, expert: Expert, actor, note: str = "") -> HelpRequest:
    """Refer the request to an expert of the pool, who can then read and answer it."""
    if not can_handle_help_request(actor, request):
        raise PermissionDenied
    current = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if current.state not in (State.OPEN, State.ASSIGNED):
        raise ValidationError(_("Only a request waiting for an answer can be referred to an expert."))
    if expert is None or not expert.available or not expert.user.is_active:
        raise ValidationError({"expert": _("Choose an available expert.")})
    if current.referred_expert_id == expert.pk:
        raise ValidationError({"expert": _("The request is already referred to this expert.")})
    current.referred_expert = expert
    current.save(update_fields=["referred_expert", "updated_at"])
    HelpEvent.objects.create(
        request=current,
        actor=actor,
        kind=EventKind.REFERRED,
        from_state=current.state,
        to_state=current.state,
        note=_note(note) or str(expert),
    )
    _refresh(request, current)
    _expert_role_ensure(expert.user)  # in case someone removed it by hand
    _email(current, "referred", expert.user, note=_note(note))
    return current


@transaction.atomic
def help_request_publish_draft(*, request: HelpRequest, actor, title: str, question: str, answer: str):
    """Make an unpublished Resource Hub page from the anonymised question and answer that staff
    edited (no names of people or authorities), once per request. Returns the page."""
    from resources.services import resource_draft_create

    if not can_handle_help_request(actor, request):
        raise PermissionDenied
    current = HelpRequest.objects.select_for_update().get(pk=request.pk)
    if current.resource_page_id is not None:
        raise ValidationError(_("A Resource Hub draft was already made from this request."))
    if current.state not in (State.ANSWERED, State.CLOSED) or not current.answer:
        raise ValidationError(_("Only an answered request can become a Resource Hub draft."))
    errors = {}
    for name, value, limit in (("title", title, 255), ("question", question, 8000), ("answer", answer, MAX_ANSWER)):
        try:
            text_checked(value, field=name, limit=limit, required=_("This field is required."))
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    with translation.override(current.language):
        intro = str(_("A question a member authority asked the network's help desk, and the answer it received."))
        paragraphs = [f"{_('Question')}\n\n{question.strip()}", f"{_('Answer')}\n\n{answer.strip()}"]
    page = resource_draft_create(
        title=title.strip(), intro=intro, paragraphs=paragraphs, actor=actor, language=current.language
    )
    current.resource_page = page
    current.save(update_fields=["resource_page", "updated_at"])
    HelpEvent.objects.create(
        request=current,
        actor=actor,
        kind=EventKind.DRAFTED,
        from_state=current.state,
        to_state=current.state,
        note=title.strip(),
    )
    _refresh(request, current)
    return page


# -- the Expert Pool ----------------------------------------------------------------------


@transaction.atomic
def expert_enrol(*, expert: Expert) -> Expert:
    """After staff add or edit an expert in the admin: the person holds the expert role."""
    _expert_role_ensure(expert.user)
    return expert


def _expert_role_ensure(user) -> None:
    from accounts.models import Role
    from accounts.services import role_grant

    role_grant(user=user, role=Role.EXPERT)  # idempotent


@transaction.atomic
def expert_unenrol(*, user) -> None:
    """After an expert is taken out of the pool: the expert role goes too (requests keep their history)."""
    from accounts.models import Role, RoleAssignment
    from accounts.services import role_revoke

    if Expert.objects.filter(user=user).exists():
        return
    for assignment in RoleAssignment.objects.filter(user=user, role=Role.EXPERT):
        role_revoke(assignment=assignment)


def linked_resources(help_request: HelpRequest, language: str) -> list:
    """The request's Resource Hub reading as a reader of `language` reads it (still published only)."""
    from resources.models import ResourcePage
    from resources.selectors import in_language

    return in_language(ResourcePage, help_request.resources.order_by("title", "pk"), language)


# -- e-mails -------------------------------------------------------------------------------


def help_desk_people(help_request: HelpRequest) -> list:
    """Who the request's queue belongs to: its hub's staff, or the Management Unit where there is no hub."""
    from accounts.models import Role, User

    if help_request.hub_id is not None:
        people = User.objects.filter(roles__role=Role.HUB_STAFF, roles__hub_id=help_request.hub_id)
    else:
        people = User.objects.filter(roles__role=Role.MANAGEMENT_UNIT)
    return list(people.filter(is_active=True).distinct().order_by("pk"))


def _email(help_request: HelpRequest, template: str, person, *, admin: bool = False, **extra) -> None:
    """E-mail `person` in their own language, with a link to the request (in the admin for the help desk)."""
    if person is None or not person.is_active or not person.email:
        return
    language = person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        if admin:
            page = reverse("helpdesk_admin:detail", kwargs={"pk": help_request.pk})
        else:
            page = reverse("helpdesk:request-detail", kwargs={"pk": help_request.pk})
    if extra.pop("reading", False):
        extra["resources"] = [(item.title, item.get_full_url()) for item in linked_resources(help_request, language)]
    context = {
        "help_request": help_request,
        "person": person,
        "page_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + page,
        **extra,
    }
    email_queue(f"helpdesk/email/{template}", context, to=[person.email], language=language)
