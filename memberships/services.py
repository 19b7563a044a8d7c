"""Writes for membership: every change of an application goes through here.

Each step checks the transition, records who/when/from/to/note in the audit
trail and e-mails the applicant in their language. The database refuses any
step not in `TRANSITIONS` as well.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.tasks import send_email

from .models import TRANSITIONS, ApplicationEvent, JoinApplication, State


@transaction.atomic
def application_submit(*, data: dict, challenges, priorities, letter, language: str) -> JoinApplication:
    application = JoinApplication(**data, language=language)
    application.letter.save("letter.pdf", letter, save=False)
    application.full_clean()
    application.save()
    application.challenges.set(challenges)
    application.priorities.set(priorities)
    ApplicationEvent.objects.create(application=application, from_state="", to_state=State.SUBMITTED)
    _email(application, "received")
    return application


@transaction.atomic
def _step(*, application: JoinApplication, to: str, actor=None, note: str = "", email: str | None = None):
    # Lock the row so two reviewers cannot move it at once.
    current = JoinApplication.objects.select_for_update().get(pk=application.pk)
    if (current.state, to) not in TRANSITIONS:
        raise ValidationError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": current.get_state_display(), "to": State(to).label}
        )
    current.previous_state, current.state = current.state, to
    current.save(update_fields=["previous_state", "state", "updated_at"])
    ApplicationEvent.objects.create(
        application=current, actor=actor, from_state=current.previous_state, to_state=to, note=note
    )
    if email:
        _email(current, email, note=note)
    application.state, application.previous_state = current.state, current.previous_state
    return current


def application_start_review(*, application, actor):
    return _step(application=application, to=State.IN_REVIEW, actor=actor)


def application_request_information(*, application, actor, note: str):
    if not note.strip():
        raise ValidationError(_("Say what information is needed."))
    return _step(application=application, to=State.MORE_INFO, actor=actor, note=note, email="more_info")


def application_resubmit(*, application, note: str = ""):
    return _step(application=application, to=State.RESUBMITTED, note=note)


def application_decline(*, application, actor, note: str):
    if not note.strip():
        raise ValidationError(_("Give the reason for the decision."))
    return _step(application=application, to=State.DECLINED, actor=actor, note=note, email="declined")


def application_withdraw(*, application, note: str = ""):
    return _step(application=application, to=State.WITHDRAWN, note=note)


def _email(application: JoinApplication, template: str, **extra) -> None:
    def send():
        with translation.override(application.language):
            context = {"application": application, **extra}
            subject = "".join(render_to_string(f"memberships/email/{template}_subject.txt", context).splitlines())
            body = render_to_string(f"memberships/email/{template}.txt", context)
            html = render_to_string(f"memberships/email/{template}.html", context)
        send_email.enqueue(subject=subject, body=body, to=[application.focal_email], html=html)

    transaction.on_commit(send)
