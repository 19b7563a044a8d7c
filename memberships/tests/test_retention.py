"""Retention: the letters of commitment of applications declined or withdrawn more than 90 days ago are
deleted by a daily job (files and references); the application and its history stay."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core import periodic
from core.storage import private_storage
from memberships import services
from memberships.models import ApplicationEvent, JoinApplication, State

pytestmark = pytest.mark.django_db


def closed(application, staff_user, *, days_ago: int, how: str = "decline"):
    services.application_start_review(application=application, actor=staff_user)
    if how == "decline":
        services.application_decline(application=application, actor=staff_user, note="Not a local authority")
    else:
        services.application_withdraw(application=application, note="")
    ApplicationEvent.objects.filter(application=application).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return JoinApplication.objects.get(pk=application.pk)


@pytest.mark.parametrize("how", ["decline", "withdraw"])
def test_a_closed_applications_letter_goes_after_90_days(
    application, staff_user, client, how, django_capture_on_commit_callbacks
):
    application = closed(application, staff_user, days_ago=91, how=how)
    name = application.letter.name
    assert private_storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.application_letters_expire() == 1
    application.refresh_from_db()
    assert not application.letter and not private_storage().exists(name)
    assert not ApplicationEvent.objects.filter(application=application).exclude(letter="").exists()
    assert application.state in (State.DECLINED, State.WITHDRAWN)  # the application and its history stay
    client.force_login(staff_user)
    page = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "deleted 90 days after the decision" in page
    assert client.get(reverse("memberships:letter", args=[application.pk])).status_code == 404
    assert services.application_letters_expire() == 0  # nothing left to delete


def test_recent_approved_and_open_applications_keep_their_letters(application, staff_user):
    recent = closed(application, staff_user, days_ago=10)
    assert services.application_letters_expire() == 0
    assert private_storage().exists(recent.letter.name)


def test_it_is_a_daily_job():
    assert periodic.JOBS["expire-closed-letters"].func == "memberships.services.application_letters_expire_daily"
