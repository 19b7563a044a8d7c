"""Retention rules kept by operations/retention.py: sign-in records and ended sessions deleted daily."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from core import periodic
from operations.retention import retention_periods, sign_in_records_purge

pytestmark = pytest.mark.django_db


def test_sign_in_records_and_ended_sessions_go_after_their_time(settings):
    settings.RETENTION_SIGN_IN_RECORD_DAYS = 90
    for days in (91, 10):
        log = AccessLog.objects.create(username="someone@example.org", ip_address="192.0.2.1", user_agent="x")
        attempt = AccessAttempt.objects.create(
            username="someone@example.org", ip_address="192.0.2.1", user_agent=f"agent {days}", failures_since_start=1
        )
        moment = timezone.now() - timedelta(days=days)
        AccessLog.objects.filter(pk=log.pk).update(attempt_time=moment)
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=moment)
    ended, current = SessionStore(), SessionStore()
    ended.create()
    current.create()
    Session.objects.filter(session_key=ended.session_key).update(expire_date=timezone.now() - timedelta(minutes=1))

    assert sign_in_records_purge() == 3
    assert AccessLog.objects.count() == AccessAttempt.objects.count() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
    assert sign_in_records_purge() == 0


def test_it_is_a_daily_job_and_the_privacy_notice_names_it(settings):
    settings.RETENTION_SIGN_IN_RECORD_DAYS = 30
    assert periodic.JOBS["purge-sign-in-records"].func == "operations.retention.sign_in_records_purge_daily"
    assert ("Deleted after 30 days.") in dict(retention_periods()).values()
