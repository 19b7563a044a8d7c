"""Reports and their next steps: the only writes to `Action` and `ActionEvent`, and the report's
represented cities filled from attendance (STYLE: services own their side effects).

Every change is checked against `permissions.py` here, whoever calls, and leaves an audit event. After
its commit the pages showing it are refreshed: the shared content version moves on (city profiles are
kept rendered on it) and the caching proxy drops the event's pages and the owners' profiles."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cities.models import City
from core.i18n import current_language
from core.workflow import text_checked, workflow_step

from . import permissions
from .models import ACTION_STEPS, Action, ActionEvent, EventPage, Registration
from .services import event_of

TITLE_LIMIT = 300
DESCRIPTION_LIMIT = 2000


def shown_again(page, cities=()) -> None:
    """After the commit: `page` (an event and its report, a declaration) in every language, and the
    profiles of `cities`, afresh."""
    from core.chrome import CHROME_VERSION
    from core.frontend_cache import page_urls, purge_urls

    CHROME_VERSION.bump()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):  # a proxy to tell
        purge_urls(page_urls(page) | {city.get_absolute_url() for city in cities if city is not None})


def _details(*, title, description, due, owner_city, owner_hub) -> dict:
    title = text_checked(title, field="title", limit=TITLE_LIMIT, required=_("Say what the next step is."))
    description = text_checked(description, field="description", limit=DESCRIPTION_LIMIT)
    if not isinstance(due, datetime.date):
        raise ValidationError({"due": _("Give the date it is due.")})
    if owner_city is not None and owner_hub is not None:
        raise ValidationError({"owner_hub": _("Choose one owner: a member city, a Regional Hub, or neither.")})
    return {
        "title": title,
        "description": description,
        "due": due,
        "owner_city": owner_city,
        "owner_hub": owner_hub,
    }


@transaction.atomic
def action_create(
    *, event: EventPage, actor, title: str, due, owner_city=None, owner_hub=None, description: str = "", is_demo=False
) -> Action:
    """A next step of `event`, planned, last in the report's order. Staff who manage the event only."""
    if not permissions.can_manage_actions(actor, event):
        raise PermissionDenied
    fields = _details(title=title, description=description, due=due, owner_city=owner_city, owner_hub=owner_hub)
    last = Action.objects.for_event(event).aggregate(last=Max("position"))["last"]
    action = Action.objects.create(
        event_key=event.translation_key,
        position=0 if last is None else last + 1,
        language=current_language(),
        is_demo=is_demo,
        **fields,
    )
    ActionEvent.objects.create(action=action, actor=actor, from_state="", to_state=action.status)
    shown_again(event, [owner_city])
    return action


@transaction.atomic
def action_update(*, action: Action, actor, title: str, due, owner_city=None, owner_hub=None, description: str = ""):
    """Staff change what the step is, its owner or its date; the audit trail says what changed."""
    event = event_of(action)
    if not permissions.can_manage_actions(actor, event):
        raise PermissionDenied
    fields = _details(title=title, description=description, due=due, owner_city=owner_city, owner_hub=owner_hub)
    current = Action.objects.select_for_update().get(pk=action.pk)
    before_city = current.owner_city
    changed = [name for name, value in fields.items() if getattr(current, name) != value]
    if not changed:
        return current
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    labels = ", ".join(str(Action._meta.get_field(name).verbose_name) for name in changed)
    ActionEvent.objects.create(
        action=current,
        actor=actor,
        from_state=current.status,
        to_state=current.status,
        note=_("Changed: %(fields)s.") % {"fields": labels},
    )
    shown_again(event, [before_city, current.owner_city])
    return current


def action_step(*, action: Action, to: str, actor, note: str = "") -> Action:
    """Move the action along its steps (planned, under way, done, dropped): its owner or staff."""
    if not permissions.can_update_action(actor, action):
        raise PermissionDenied
    event = event_of(action)
    note = text_checked(note, field="note")
    with transaction.atomic():
        current = workflow_step(
            record=action,
            to=to,
            transitions=ACTION_STEPS,
            event_model=ActionEvent,
            actor=actor,
            note=note,
            refused=_("This action cannot go from “%(from)s” to “%(to)s”."),
        )
        shown_again(event, [current.owner_city])
    return current


@transaction.atomic
def action_note(*, action: Action, note: str, actor) -> ActionEvent:
    """A dated progress note, the status kept: its owner or staff."""
    if not permissions.can_update_action(actor, action):
        raise PermissionDenied
    note = text_checked(note, field="note", required=_("Write what has happened."))
    current = Action.objects.select_for_update().get(pk=action.pk)
    entry = ActionEvent.objects.create(
        action=current, actor=actor, from_state=current.status, to_state=current.status, note=note
    )
    Action.objects.filter(pk=current.pk).update(updated_at=entry.created_at)
    return entry


def report_add_attending_cities(*, event: EventPage, actor) -> tuple[int, bool]:
    """Add the member cities of the registrants marked as attended to the report's represented cities.
    The change is a new revision of the page: published when the page was live with nothing else
    waiting, else kept as a draft for the editor to publish with the rest. Returns (cities added,
    published)."""
    if not permissions.can_manage_registrations(actor, event):
        raise PermissionDenied
    with transaction.atomic():
        page = EventPage.objects.select_for_update().get(pk=event.pk)
        attended = set(
            Registration.objects.for_event(page)
            .filter(attended=True, city__isnull=False)
            .values_list("city_id", flat=True)
        )
        latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
        present = {city.pk for city in latest.represented_cities.all()}
        new = attended - present
        if not new:
            return 0, False
        # City objects, not their ids: modelcluster writes a list of ids to the live page at once
        latest.represented_cities = list(City.objects.filter(pk__in=present | new))
        publish = page.live and not page.has_unpublished_changes
        revision = latest.save_revision(user=actor, log_action=True)
        if publish:
            revision.publish(user=actor)
    return len(new), publish
