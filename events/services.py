"""Registration for events: the only writes to `Registration` (STYLE: services own their side effects).

Places are given in the order people ask, one at a time per event: each write locks the event's rows
(`select_for_update` on PostgreSQL; on SQLite every transaction takes the write lock when it starts,
`transaction_mode = "IMMEDIATE"` in the settings), counts the places taken and decides, so 30 people
asking for the last 5 places at the same moment get exactly 5 places and 25 places on the waiting list.
When a place frees (a cancellation, more places), the first person waiting moves up and is told.

E-mails go in the registrant's language with the event's calendar file attached; the cancel link in
them works without signing in, once (only its digest is kept).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.mail import email_queue
from core.queue import enqueue
from core.visibility import city_ids_of
from core.workflow import text_checked, workflow_step

from . import permissions
from .models import (
    REGISTRATION_STEPS,
    EventPage,
    Registration,
    RegistrationEvent,
    RegistrationStatus,
)

REMINDER_BEFORE = datetime.timedelta(days=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lock_event(event: EventPage) -> None:
    """Serialise the registrations of one event (all its language versions)."""
    list(
        EventPage.objects.select_for_update(of=("self",))
        .filter(translation_key=event.translation_key)
        .values_list("pk", flat=True)
    )


def places_taken(event: EventPage) -> int:
    return Registration.objects.for_event(event).filter(status=RegistrationStatus.REGISTERED).count()


def places_left(event: EventPage) -> int | None:
    """Places still free (None: no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - places_taken(event), 0)


def _has_place(event: EventPage) -> bool:
    return event.capacity is None or places_taken(event) < event.capacity


def event_in_language(event: EventPage, language: str) -> EventPage:
    """The event (or a declaration: any page of this app) as a reader of `language` reads it: its live
    translation, else the version given."""
    if event.locale.language_code == language:
        return event
    translated = (
        type(event)
        .objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=language)
        .select_related("locale")
        .first()
    )
    return translated or event


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _tell(registration: Registration, event: EventPage, template: str, *, token: str | None = None) -> None:
    """E-mail `template` to the registrant, in their language, with the event's calendar file."""
    from .calendar import event_calendar

    language = registration.language
    shown = event_in_language(event, language)
    with translation.override(language):
        calendar = event_calendar(shown, None).to_ical().decode()
        cancel_url = _absolute(reverse("events:cancel", kwargs={"token": token})) if token else ""
    email_queue(
        f"events/email/{template}",
        {
            "registration": registration,
            "event": shown,
            "event_url": _absolute(shown.url or ""),
            "cancel_url": cancel_url,
        },
        to=[registration.email],
        language=language,
        secret_link=bool(token),
        attachments=[{"filename": f"{shown.slug}.ics", "mimetype": "text/calendar", "content": calendar}],
    )


def _schedule_reminder(registration: Registration, event: EventPage) -> None:
    from .tasks import send_event_reminder

    due = event.start - REMINDER_BEFORE
    if due <= timezone.now():
        return  # it starts within a day: the confirmation is the reminder
    task = send_event_reminder
    if task.get_backend().supports_defer:
        task = task.using(run_after=due)
        transaction.on_commit(lambda: enqueue(task, registration_id=registration.pk))


def _new_token(registration: Registration) -> str:
    token = secrets.token_urlsafe(32)
    registration.cancel_token = _digest(token)
    return token


@transaction.atomic
def registration_create(
    *, event: EventPage, language: str, user=None, name: str = "", email: str = "", organisation: str = ""
) -> Registration:
    """Register someone for `event` (a place if one is free, else the waiting list). Signed-in people
    register as themselves; others give a name and an e-mail address. Refusals are `ValidationError`s
    with a message for the person, on the field concerned where there is one."""
    event = event.specific
    now = timezone.now()
    if not event.live or not event.registration_is_open(now):
        raise ValidationError(_("Registration for this event is closed."), code="closed")
    if not permissions.can_register(user, event):
        raise ValidationError(_("Only signed-in members of the network can register for this event."), code="members")
    city_id = None
    if user is not None and user.is_authenticated:
        name, email = user.name or user.email, user.email
        cities = sorted(city_ids_of(user))
        city_id = cities[0] if cities else None
    name = text_checked(name, field="name", limit=200, required=_("Give your name."))
    organisation = text_checked(organisation, field="organisation", limit=200)
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter an e-mail address we can write to.")}) from None
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE

    _lock_event(event)
    existing = Registration.objects.for_event(event).active().filter(email__iexact=email).first()
    if existing is not None:
        raise ValidationError(_already(existing), code="duplicate")
    status = RegistrationStatus.REGISTERED if _has_place(event) else RegistrationStatus.WAITING
    registration = Registration(
        event_key=event.translation_key,
        user=user if user is not None and user.is_authenticated else None,
        name=name,
        email=email,
        organisation=organisation,
        city_id=city_id,
        language=language,
        status=status,
    )
    token = _new_token(registration)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # the same address at the same instant, where no row lock held it back
        existing = Registration.objects.for_event(event).active().filter(email__iexact=email).first()
        raise ValidationError(_already(existing), code="duplicate") from None
    RegistrationEvent.objects.create(registration=registration, actor=registration.user, from_state="", to_state=status)
    if status == RegistrationStatus.REGISTERED:
        _tell(registration, event, "registered", token=token)
        _schedule_reminder(registration, event)
    else:
        _tell(registration, event, "waiting", token=token)
    return registration


def _already(existing: Registration | None) -> str:
    if existing is not None and existing.status == RegistrationStatus.WAITING:
        return _("This e-mail address is already on the waiting list for this event.")
    return _("This e-mail address is already registered for this event.")


def event_of(record) -> EventPage:
    """The event a registration or an action (anything with an `event_key`) belongs to, live first."""
    event = (
        EventPage.objects.filter(translation_key=record.event_key)
        .select_related("locale")
        .order_by("-live", "pk")
        .first()
    )
    if event is None:
        raise ValidationError(_("This event no longer exists."))
    return event


@transaction.atomic
def registration_cancel(*, registration: Registration, actor=None, note: str = "") -> Registration:
    """Cancel a place or a place on the waiting list; a freed place goes to the first person waiting."""
    event = event_of(registration)
    _lock_event(event)
    note = text_checked(note, field="note")
    current = workflow_step(
        record=registration,
        to=RegistrationStatus.CANCELLED,
        transitions=REGISTRATION_STEPS,
        event_model=RegistrationEvent,
        actor=actor,
        note=note,
        refused=_("This registration is cancelled already."),
        changes={"cancel_token": ""},
    )
    _tell(current, event, "cancelled")
    registrations_fill(event=event)
    return current


def registration_for_token(token: str) -> tuple[Registration, EventPage] | None:
    """The registration an e-mail's cancel link stands for and its event, or None once used or unknown."""
    registration = Registration.objects.filter(cancel_token=_digest(token or "")).exclude(cancel_token="").first()
    if registration is None:
        return None
    try:
        return registration, event_of(registration)
    except ValidationError:
        return None


def registration_cancel_by_token(*, token: str) -> Registration:
    """The cancel link of an e-mail: works once, without signing in."""
    found = registration_for_token(token)
    if found is None:
        raise ValidationError(_("This link has been used already or is not valid."), code="token")
    return registration_cancel(registration=found[0], note=_("Cancelled with the link in the e-mail."))


@transaction.atomic
def registrations_fill(*, event: EventPage) -> list[Registration]:
    """Give free places to the people waiting, first come first served (after a cancellation, or when
    the event has more places). Each is told by e-mail, with a fresh cancel link."""
    event = event.specific
    _lock_event(event)
    moved = []
    if event.end < timezone.now():
        return moved
    while _has_place(event):
        waiting = (
            Registration.objects.for_event(event).filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")
        ).first()
        if waiting is None:
            break
        token = _new_token(waiting)
        current = workflow_step(
            record=waiting,
            to=RegistrationStatus.REGISTERED,
            transitions=REGISTRATION_STEPS,
            event_model=RegistrationEvent,
            note=_("A place became free."),
            changes={"cancel_token": waiting.cancel_token},
        )
        _tell(current, event, "promoted", token=token)
        _schedule_reminder(current, event)
        moved.append(current)
    return moved


@transaction.atomic
def attendance_mark(*, registration: Registration, attended: bool | None, actor) -> Registration:
    """Staff record whether a registrant came (None: not recorded). Kept in the audit trail."""
    event = event_of(registration)
    if not permissions.can_manage_registrations(actor, event):
        raise ValidationError(_("You cannot change the registrations of this event."))
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.attended == attended:
        return current
    Registration.objects.filter(pk=current.pk).update(attended=attended, updated_at=timezone.now())
    note = {True: _("Marked as attended."), False: _("Marked as absent."), None: _("Attendance cleared.")}[attended]
    RegistrationEvent.objects.create(
        registration=current, actor=actor, from_state=current.status, to_state=current.status, note=note
    )
    current.attended = attended
    registration.attended = attended
    return current


def reminder_send(*, registration_id: int, now: datetime.datetime | None = None) -> str:
    """The reminder a day before (the task queue runs it then): only to someone still registered, once,
    and only when the event still starts within the day (a moved event gets it at the new time)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().filter(pk=registration_id).first()
        if registration is None or registration.status != RegistrationStatus.REGISTERED or registration.reminded_at:
            return "nothing to send"
        event = event_of(registration)
        if not event.live or event.start <= now:
            return "nothing to send"
        if event.start - now > REMINDER_BEFORE + datetime.timedelta(hours=1):
            _schedule_reminder(registration, event)  # the event moved later: remind a day before the new date
            return "moved"
        Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
        _tell(registration, event, "reminder")
    return "sent"
