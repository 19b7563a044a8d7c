"""Writes for incidents: each checks `permissions.py` whoever calls, and owns its side effects (the
timeline entry, the statement pages, the warm-up of the assembled page's matches)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.queue import enqueue
from events.models import EventIndexPage, StatementPage
from events.statements import cosign_invite
from translations.engines import EngineError, engine_for
from translations.services import machine_translate

from .models import Incident, IncidentStep, StepEvent
from .permissions import can_manage_incident, can_use_crisis_mode
from .statement import LANGUAGES, body_html, cosign_until, template_texts
from .tasks import warm_incident


def _warm_later(incident_id: int) -> None:
    transaction.on_commit(lambda: enqueue(warm_incident, incident_id=incident_id))


@transaction.atomic
def incident_save(*, form, actor) -> Incident:
    """Create or change an incident from a valid `IncidentForm` (which checked the place's hub for `actor`)."""
    if not can_use_crisis_mode(actor):
        raise PermissionDenied
    incident = form.save(commit=False)
    creating = incident.pk is None
    if not creating:
        before = Incident.objects.select_for_update().get(pk=incident.pk)
        if not can_manage_incident(actor, before):
            raise PermissionDenied
    if not can_manage_incident(actor, incident):
        raise PermissionDenied
    if creating:
        incident.created_by = actor
    incident.full_clean(exclude=["challenges"])
    incident.save()
    form.save_m2m()
    Incident.objects.filter(pk=incident.pk).update(version=F("version") + 1)
    if creating:
        IncidentStep.objects.create(incident=incident, when=timezone.localdate(), event=StepEvent.RECORDED, by=actor)
    _warm_later(incident.pk)
    incident.refresh_from_db()
    return incident


@transaction.atomic
def incident_step_add(*, incident: Incident, actor, when, what: str) -> IncidentStep:
    if not can_manage_incident(actor, incident):
        raise PermissionDenied
    step = IncidentStep(incident=incident, when=when, what=what, by=actor)
    step.full_clean()
    step.save()
    return step


def _machine(texts: list[str], target: str) -> list[str] | None:
    """`texts` from English into `target` with the glossary, or None when no engine covers the pair."""

    if engine_for("en", target) is None:
        return None
    try:
        return machine_translate(source="en", target=target, texts=texts).texts
    except EngineError:
        return None


def machine_translation_available() -> bool:

    return all(engine_for("en", code) is not None for code in LANGUAGES[1:])


@transaction.atomic
def incident_statement_draft(*, incident: Incident, actor, title: str, summary: str, body: str, days: int):
    """Draft the solidarity statement as a `StatementPage` under Events in the four languages (not
    published: staff review and publish it in the page editor). Each other language gets the template's
    translation; where staff changed the English, the changed English machine-translated with the
    glossary when an engine covers the pair (else the template's translation). Returns the English page
    and the languages left with the template's text although the English was changed."""

    if not can_manage_incident(actor, incident):
        raise PermissionDenied
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.statement_id:
        raise ValidationError(_("This incident has a statement already."))
    indexes = {
        index.locale.language_code: index
        for index in EventIndexPage.objects.filter(locale__language_code__in=LANGUAGES).select_related("locale")
    }
    if "en" not in indexes:
        raise ValidationError(_("There is no Events page to put the statement under: make one first."))
    english = template_texts(incident, "en")
    edited = (title, summary, body) != (english["title"], english["summary"], english["body"])
    closes = cosign_until(days)
    page = StatementPage(
        title=title, summary=summary, body=body_html(body), cosign_until=closes,
        locale=indexes["en"].locale, live=False,
    )  # fmt: skip
    indexes["en"].add_child(instance=page)
    page.save_revision(user=actor)
    kept_template = []
    for code in LANGUAGES[1:]:
        if code not in indexes:
            continue
        texts = template_texts(incident, code)
        values = [texts["title"], texts["summary"], texts["body"]]
        if edited:
            translated = _machine([title, summary, body], code)
            if translated is None:
                kept_template.append(code)
            else:
                values = translated
        other = page.copy_for_translation(Locale.objects.get(language_code=code)).specific
        other.title, other.summary, other.body = values[0], values[1], body_html(values[2])
        other.save_revision(user=actor)
    Incident.objects.filter(pk=incident.pk).update(statement=page, version=F("version") + 1)
    IncidentStep.objects.create(
        incident=incident, when=timezone.localdate(), by=actor,
        event=StepEvent.STATEMENT_DRAFTED, values={"title": title},
    )  # fmt: skip
    return page, kept_template


@transaction.atomic
def incident_statement_send(*, incident: Incident, actor) -> int:
    """Invite member cities to co-sign the incident's statement (`events.statements.cosign_invite`: focal
    points e-mailed once each in their language), once it is published."""

    if not can_manage_incident(actor, incident):
        raise PermissionDenied
    statement = incident.statement
    if statement is None:
        raise ValidationError(_("Draft the statement first."))
    if not statement.live:
        raise ValidationError(_("Publish the statement first (review it in the page editor)."))
    sent = cosign_invite(statement=statement, actor=actor)
    IncidentStep.objects.create(
        incident=incident, when=timezone.localdate(), by=actor, event=StepEvent.STATEMENT_SENT, values={"count": sent}
    )
    return sent
