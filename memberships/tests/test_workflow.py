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
        JoinApplication._base_manager.filter(pk=application.pk).update(previous_state="submitted", state="approved")
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


def test_a_forged_previous_state_cannot_skip_the_review(application, staff_user):
    """Issue 8, point 6: "submitted" → "approved" by claiming the application was "in review"."""
    application.previous_state, application.state = State.IN_REVIEW, State.APPROVED
    with pytest.raises(IntegrityError), transaction.atomic():
        application.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinApplication.objects.filter(pk=application.pk).update(previous_state="in-review", state="approved")
    assert JoinApplication.objects.values_list("previous_state", "state").get() == ("", State.SUBMITTED)


def test_an_over_long_note_is_refused_not_cut(application, staff_user):
    services.application_start_review(application=application, actor=staff_user)
    with pytest.raises(ValidationError) as refused:
        services.application_request_information(application=application, actor=staff_user, note="x" * 4001)
    assert "4,001" in refused.value.message_dict["note"][0] and "4,000" in refused.value.message_dict["note"][0]
    assert JoinApplication.objects.get().state == State.IN_REVIEW
    assert not ApplicationEvent.objects.filter(to_state=State.MORE_INFO).exists()
    services.application_request_information(application=application, actor=staff_user, note="x" * 4000)
    assert ApplicationEvent.objects.get(to_state=State.MORE_INFO).note == "x" * 4000


def test_approval_brings_back_an_authority_that_had_left_through_its_stage_workflow(application, staff_user):
    from cities.models import City, CityStageEvent, Country, Stage
    from cities.tests.factories import CityFactory

    old = CityFactory(slug="returning", name="مدينة تجريبية", country=Country.objects.get(code="JO"), stage=Stage.LEFT)
    services.application_start_review(application=application, actor=staff_user)
    services.application_approve(application=application, actor=staff_user)
    assert City.objects.values_list("previous_stage", "stage").get(pk=old.pk) == (Stage.LEFT, Stage.JOINING)
    event = CityStageEvent.objects.get(city=old)
    assert (event.from_state, event.to_state, event.actor) == (Stage.LEFT, Stage.JOINING, staff_user)
