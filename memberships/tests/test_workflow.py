import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from memberships import services
from memberships.models import ApplicationEvent, JoinApplication, State

pytestmark = pytest.mark.django_db


def test_each_step_is_recorded_with_who_when_from_to_and_note(
    application, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_start_review(application=application, actor=staff_user)
        services.application_request_information(application=application, actor=staff_user, note="Signed letter?")
        services.application_resubmit(application=application, note="Attached")
        services.application_start_review(application=application, actor=staff_user)
        services.application_decline(application=application, actor=staff_user, note="Not a local authority")
    steps = list(ApplicationEvent.objects.filter(application=application).values_list("from_state", "to_state"))
    assert steps == [
        ("", "submitted"),
        ("submitted", "in-review"),
        ("in-review", "more-info"),
        ("more-info", "resubmitted"),
        ("resubmitted", "in-review"),
        ("in-review", "declined"),
    ]
    request = ApplicationEvent.objects.get(to_state="more-info")
    assert request.actor == staff_user and request.note == "Signed letter?" and request.created_at
    # E-mails in the applicant's language: the request for information and the decision.
    assert len(mail.outbox) == 2
    assert "Signed letter?" in mail.outbox[0].body and "مزيد" in mail.outbox[0].subject


@pytest.mark.parametrize(
    "step",
    [
        lambda app, user: services.application_decline(application=app, actor=user, note="x"),  # not in review yet
        lambda app, user: services.application_resubmit(application=app),  # nothing was asked
    ],
)
def test_steps_out_of_order_are_refused_with_a_message(application, staff_user, step):
    with pytest.raises(ValidationError):
        step(application, staff_user)
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_a_tampered_state_change_is_refused_by_the_database(application):
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinApplication.objects.filter(pk=application.pk).update(previous_state="submitted", state="approved")
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_closed_applications_stay_closed(application, staff_user):
    services.application_withdraw(application=application)
    with pytest.raises(ValidationError):
        services.application_start_review(application=application, actor=staff_user)


def test_a_request_for_information_needs_a_note(application, staff_user):
    services.application_start_review(application=application, actor=staff_user)
    with pytest.raises(ValidationError):
        services.application_request_information(application=application, actor=staff_user, note="  ")
