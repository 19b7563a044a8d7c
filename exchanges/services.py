"""Writes for peer exchanges: every change of an exchange goes through here.

Each step checks who acts (`core.visibility`), the transition, records who/when/from/to/note
in the audit trail and e-mails the other side's focal points, each in their own language.
The database refuses any step not in `TRANSITIONS` as well.
"""

from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cities.models import City, Stage
from core.mail import email_queue
from core.visibility import (
    can_act_in_exchange,
    can_post_in_exchange,
    city_ids_of,
    focal_city_ids_of,
    is_management_unit,
)
from core.workflow import NOTE_LIMIT, text_checked, workflow_step

from .models import TRANSITIONS, ExchangeEvent, ExchangeMessage, ExchangeRequest, State

TEXT_LIMIT = NOTE_LIMIT
REQUESTER, PARTNER = "requester", "partner"
# Stages of a city that can ask for, or be asked for, an exchange.
ACTIVE_STAGES = (Stage.MEMBER, Stage.JOINING)


@dataclass(frozen=True)
class Step:
    """One action on an exchange: the state it leads to and the sides whose focal points may take it."""

    to: str
    label: str
    sides: tuple[str, ...] = (REQUESTER, PARTNER)
    # Sides allowed from particular states, where they differ from `sides`.
    sides_from: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The button's words from particular states, where they differ from `label`.
    labels_from: tuple[tuple[str, str], ...] = ()

    def sides_for(self, state: str) -> tuple[str, ...]:
        return dict(self.sides_from).get(state, self.sides)

    def label_for(self, state: str) -> str:
        return dict(self.labels_from).get(state, self.label)


STEPS = {
    "accept": Step(State.ACCEPTED, _("Accept the request"), sides=(PARTNER,)),
    "decline": Step(State.DECLINED, _("Decline the request"), sides=(PARTNER,)),
    "start": Step(State.UNDER_WAY, _("Mark as under way")),
    "complete": Step(State.COMPLETED, _("Mark as completed")),
    # While it is only requested, the request is the requester's to withdraw.
    "cancel": Step(
        State.CANCELLED,
        _("Cancel the exchange"),
        sides_from=((State.REQUESTED, (REQUESTER,)),),
        labels_from=((State.REQUESTED, _("Withdraw the request")),),
    ),
}


def _city_of(exchange: ExchangeRequest, side: str) -> City:
    return exchange.requester if side == REQUESTER else exchange.partner


def _names(areas) -> str:
    return ", ".join(sorted(area.name for area in areas))


# --- Requests ---------------------------------------------------------------------------


@transaction.atomic
def exchange_request(*, requester: City, partner: City, areas, message: str, actor) -> ExchangeRequest:
    """`requester` asks `partner` for an exchange on `areas`; the partner's focal points are told."""
    if not (is_management_unit(actor) or requester.pk in focal_city_ids_of(actor)):
        raise PermissionDenied(gettext("Only a city's focal point can ask for an exchange on its behalf."))
    areas = list(areas)
    if requester.pk == partner.pk:
        raise ValidationError({"partner": _("A city cannot ask itself for an exchange. Choose another member.")})
    # Lock both cities (in a fixed order) so two requests cannot slip past the check below at once.
    locked = {c.pk: c for c in City.objects.select_for_update().filter(pk__in=sorted([requester.pk, partner.pk]))}
    if locked[requester.pk].stage not in ACTIVE_STAGES:
        raise ValidationError(
            {
                "requester": _("%(city)s is not an active member of the network, so it cannot ask for exchanges.")
                % {"city": requester}
            }
        )
    if locked[partner.pk].stage not in ACTIVE_STAGES:
        raise ValidationError(
            {
                "partner": _(
                    "%(city)s is not an active member of the network at the moment, so it cannot take exchange requests."
                )
                % {"city": partner}
            }
        )
    if not areas:
        raise ValidationError({"areas": _("Choose at least one practice area for the exchange.")})
    message = text_checked(message, field="message", required=_("Write a short message to the other city."))
    taken = set(
        ExchangeRequest.areas.through.objects.filter(
            exchangerequest__in=ExchangeRequest.objects.between(requester, partner).open(),
            practicearea__in=areas,
        ).values_list("practicearea_id", flat=True)
    )
    if taken:
        raise ValidationError(
            {
                "areas": _(
                    "An exchange between %(a)s and %(b)s is already open on: %(areas)s. Use its thread, or choose other areas."
                )
                % {"a": requester, "b": partner, "areas": _names(a for a in areas if a.pk in taken)}
            }
        )
    exchange = ExchangeRequest(
        requester=requester, partner=partner, message=message, requested_by=actor, state=State.REQUESTED
    )
    exchange.full_clean()
    exchange.save()
    exchange.areas.set(areas)
    ExchangeEvent.objects.create(
        exchange=exchange, actor=actor, actor_city=requester, from_state="", to_state=State.REQUESTED
    )
    _notify(exchange, "requested", sides=[PARTNER], actor=actor)
    return exchange


# --- Steps ------------------------------------------------------------------------------


def exchange_actions_for(user, exchange: ExchangeRequest) -> list[str]:
    """The actions `user` may take on `exchange` now (names from `STEPS`)."""
    return [
        name
        for name, step in STEPS.items()
        if (exchange.state, step.to) in TRANSITIONS
        and _acting_city(user, exchange, step.sides_for(exchange.state)) is not False
    ]


def _acting_city(user, exchange: ExchangeRequest, sides):
    """The city among `sides` that `user` acts for; None when the Management Unit acts as such;
    False when they may not act for any of them."""
    allowed = [_city_of(exchange, side) for side in sides]
    allowed = [city for city in allowed if can_act_in_exchange(user, exchange, city)]
    if not allowed:
        return False
    own = focal_city_ids_of(user)
    return next((city for city in allowed if city.pk in own), None)


def _step(*, exchange: ExchangeRequest, action: str, actor, note: str = "", learning_note: str = "") -> ExchangeRequest:
    step = STEPS[action]
    # The two cities never change: who may act at all is known before the row is locked.
    if _acting_city(actor, exchange, (REQUESTER, PARTNER)) is False:
        raise PermissionDenied(
            gettext("Only the focal points of the two cities and the Management Unit can change this exchange.")
        )
    acting = {}

    def side_may_act(current):
        city = _acting_city(actor, current, step.sides_for(current.state))
        if city is False:
            allowed = " / ".join(str(_city_of(current, side)) for side in step.sides_for(current.state))
            raise ValidationError(_("Only the focal point of %(city)s can do this now.") % {"city": allowed})
        acting["city"] = city

    def learning(current):
        if step.to != State.COMPLETED:
            return {}
        return {"learning_note": learning_note, "learning_note_by": actor, "learning_note_at": timezone.now()}

    def tell_the_other_side(current, event):
        city = acting["city"]
        _notify(current, "step", sides=_other_sides(current, city), actor=actor, note=note, actor_city=city)

    return workflow_step(
        record=exchange,
        to=step.to,
        transitions=TRANSITIONS,
        event_model=ExchangeEvent,
        actor=actor,
        note=note,
        refused=_("This exchange is “%(from)s”: it cannot become “%(to)s”. The page shows what can be done now."),
        # Lock the row so the two cities cannot move it at once.
        queryset=ExchangeRequest.objects.select_related("requester", "partner"),
        check=side_may_act,
        changes=learning,
        event=lambda current: {"actor_city": acting["city"]},
        after=tell_the_other_side,
    )


def exchange_accept(*, exchange: ExchangeRequest, actor) -> ExchangeRequest:
    return _step(exchange=exchange, action="accept", actor=actor)


def exchange_decline(*, exchange: ExchangeRequest, actor, note: str = "") -> ExchangeRequest:
    note = text_checked(note, field="note", required=None)
    return _step(exchange=exchange, action="decline", actor=actor, note=note)


def exchange_start(*, exchange: ExchangeRequest, actor) -> ExchangeRequest:
    return _step(exchange=exchange, action="start", actor=actor)


def exchange_complete(*, exchange: ExchangeRequest, actor, learning_note: str) -> ExchangeRequest:
    learning_note = text_checked(
        learning_note,
        field="learning_note",
        required=_("Write a short learning note: what worked, what did not, what others can reuse."),
    )
    return _step(exchange=exchange, action="complete", actor=actor, learning_note=learning_note)


def exchange_cancel(*, exchange: ExchangeRequest, actor, note: str = "") -> ExchangeRequest:
    note = text_checked(note, field="note", required=None)
    return _step(exchange=exchange, action="cancel", actor=actor, note=note)


# --- The thread -------------------------------------------------------------------------


@transaction.atomic
def exchange_message_post(*, exchange: ExchangeRequest, author, body: str) -> ExchangeMessage:
    """A message in the thread; the other side's focal points are told."""
    if not can_post_in_exchange(author, exchange):
        raise PermissionDenied(gettext("Only the two cities and the Management Unit can write in this thread."))
    body = text_checked(body, field="body", required=_("Write a message before sending it."))
    mine = city_ids_of(author)
    city = next((c for c in (exchange.requester, exchange.partner) if c.pk in mine), None)
    message = ExchangeMessage.objects.create(exchange=exchange, author=author, author_city=city, body=body)
    # A message is activity: the exchange moves up the lists.
    ExchangeRequest.objects.filter(pk=exchange.pk).update(updated_at=timezone.now())
    _notify(exchange, "message", sides=_other_sides(exchange, city), actor=author, body=body, actor_city=city)
    return message


# --- The Resource Hub -------------------------------------------------------------------


@transaction.atomic
def exchange_note_to_resource(*, exchange: ExchangeRequest, actor):
    """The Management Unit turns a completed exchange's learning note into a draft Resource Hub item."""
    from resources.services import resource_draft_create

    if not is_management_unit(actor):
        raise PermissionDenied(gettext("Only the Management Unit can make Resource Hub items."))
    current = ExchangeRequest.objects.select_for_update().select_related("requester", "partner").get(pk=exchange.pk)
    if current.state != State.COMPLETED or not current.learning_note:
        raise ValidationError(_("Only a completed exchange with a learning note can become a Resource Hub item."))
    if current.resource_page_id:
        raise ValidationError(_("A draft Resource Hub item was already made from this exchange."))
    by = current.learning_note_by
    language = by.preferred_language if by else settings.LANGUAGE_CODE
    with translation.override(language):
        areas = _names(current.areas.all())
        title = gettext("Peer exchange: %(a)s and %(b)s on %(areas)s") % {
            "a": current.requester,
            "b": current.partner,
            "areas": areas,
        }
        intro = gettext("What %(a)s and %(b)s learned from a peer exchange on %(areas)s.") % {
            "a": current.requester,
            "b": current.partner,
            "areas": areas,
        }
    page = resource_draft_create(
        title=title,
        intro=intro,
        paragraphs=[current.learning_note],
        actor=actor,
        language=language,
        cities=[current.requester, current.partner],
    )
    current.resource_page = page
    current.save(update_fields=["resource_page", "updated_at"])
    exchange.resource_page = page
    return page


# --- E-mails ----------------------------------------------------------------------------


def _other_sides(exchange: ExchangeRequest, city) -> list[str]:
    """Who is told: the side that did not act, or both when the Management Unit acted."""
    if city is None:
        return [REQUESTER, PARTNER]
    return [PARTNER if city.pk == exchange.requester_id else REQUESTER]


def _notify(exchange: ExchangeRequest, template: str, *, sides: list[str], actor, **extra) -> None:
    """E-mail each side's focal points (not the actor), one e-mail per side and language."""
    from accounts.models import Role, RoleAssignment

    cities = {side: _city_of(exchange, side) for side in sides}
    people = (
        RoleAssignment.objects.active()
        .filter(role=Role.FOCAL_POINT, city__in=cities.values())
        .exclude(user=actor)
        .select_related("user")
        .order_by("city_id", "user__preferred_language", "user__email")
    )
    areas = list(exchange.areas.all())
    for (_city_id, language), group in groupby(people, key=lambda r: (r.city_id, r.user.preferred_language)):
        with translation.override(language):
            page = reverse("exchanges:exchange-detail", kwargs={"pk": exchange.pk})
        context = {
            "exchange": exchange,
            "areas": areas,
            "actor": actor,
            "page_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + page,
            **extra,
        }
        email_queue(
            f"exchanges/email/{template}",
            context,
            to=sorted({r.user.email for r in group}),
            language=language,
        )
