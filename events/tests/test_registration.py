"""Registering, the waiting list, cancelling with the e-mail's link, reminders and attendance."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from events import services
from events.models import Registration, RegistrationEvent, RegistrationStatus

from .conftest import days_from_now, make_event, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(events_index):
    return make_event(
        events_index["en"], title="Workshop", start=days_from_now(10), zone="Africa/Nairobi",
        registration="anyone", capacity=2,
    )  # fmt: skip


def register(event, email, *, language="en", name=None, **extra):
    return services.registration_create(
        event=event, name=name or email.split("@")[0], email=email, language=language, **extra
    )


def cancel_link(message) -> str:
    return re.search(r"https?://\S+/event-registration/cancel/\S+/", message.body).group(0)


def test_places_then_the_waiting_list_with_emails_in_the_registrant_language(
    workshop, events_index, django_capture_on_commit_callbacks
):
    translate(workshop, events_index["fr"], title="Atelier")
    with django_capture_on_commit_callbacks(execute=True):
        first = register(workshop, "ana@example.org")
        second = register(workshop, "ben@example.org", language="fr")
        third = register(workshop, "chloe@example.org", language="ar")
    assert [first.status, second.status, third.status] == ["registered", "registered", "waiting"]
    to_ben = next(m for m in mail.outbox if m.to == ["ben@example.org"])
    assert to_ben.subject == "Vous êtes inscrit : Atelier" or "Atelier" in to_ben.subject
    assert "Atelier" in to_ben.body and "/event-registration/cancel/" in to_ben.body
    (filename, content, mimetype) = to_ben.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Atelier" and event["DTSTART"].params["TZID"] == "Africa/Nairobi"
    to_chloe = next(m for m in mail.outbox if m.to == ["chloe@example.org"])
    assert "قائمة الانتظار" in to_chloe.subject


def test_registering_twice_gives_a_clear_message_not_a_duplicate(workshop):
    register(workshop, "ana@example.org")
    with pytest.raises(ValidationError) as refused:
        register(workshop, "ANA@example.org ")
    assert "already registered" in refused.value.messages[0]
    assert Registration.objects.count() == 1


def test_cancelling_moves_the_first_person_waiting_up(workshop, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(workshop, "ana@example.org")
        register(workshop, "ben@example.org")
        register(workshop, "chloe@example.org")
        register(workshop, "dan@example.org")
    link = cancel_link(next(m for m in mail.outbox if m.to == ["ana@example.org"]))
    path = link.split("://", 1)[1].split("/", 1)[1]
    mail.outbox.clear()

    page = client.get("/" + path)  # asking first: a mail scanner opening the link cancels nothing
    assert page.status_code == 200 and "Cancel your registration?" in page.content.decode()
    assert Registration.objects.get(email="ana@example.org").status == "registered"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/" + path)
    assert done.status_code == 200 and "Your registration is cancelled" in done.content.decode()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "ana@example.org": "cancelled",
        "ben@example.org": "registered",
        "chloe@example.org": "registered",  # the first waiting
        "dan@example.org": "waiting",
    }
    assert {m.to[0] for m in mail.outbox} == {"ana@example.org", "chloe@example.org"}
    assert "A place is yours" in next(m for m in mail.outbox if m.to == ["chloe@example.org"]).subject
    again = client.post("/" + path)  # single use
    assert again.status_code == 404 and "no longer works" in again.content.decode()
    chloe = Registration.objects.get(email="chloe@example.org")
    assert list(chloe.events.values_list("from_state", "to_state")) == [("", "waiting"), ("waiting", "registered")]


def test_a_status_moves_only_along_its_steps(workshop):
    registration = register(workshop, "ana@example.org")
    services.registration_cancel(registration=registration)
    with pytest.raises(ValidationError):
        services.registration_cancel(registration=registration)
    from django.db import IntegrityError, transaction

    from core.workflow import StepForged

    registration.refresh_from_db()
    registration.status = RegistrationStatus.REGISTERED
    with pytest.raises(StepForged):
        registration.save()
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database refuses it too
        Registration._base_manager.filter(pk=registration.pk).update(status="registered", previous_status="cancelled")


def test_registration_closes_and_members_only_events(events_index, member_user, client):
    closed = make_event(events_index["en"], title="Closed", start=days_from_now(10), registration="anyone",
                        registration_closes=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1))  # fmt: skip
    with pytest.raises(ValidationError, match="closed"):
        register(closed, "ana@example.org")
    members = make_event(events_index["en"], title="Members", start=days_from_now(10), registration="members")
    with pytest.raises(ValidationError, match="signed-in members"):
        register(members, "ana@example.org")
    registration = services.registration_create(event=members, user=member_user, language="en")
    assert registration.email == member_user.email and registration.status == "registered"
    response = client.get(f"/en/event-registration/{members.pk}/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    none = make_event(events_index["en"], title="No registration", start=days_from_now(10))
    assert client.get(f"/en/event-registration/{none.pk}/").status_code == 404


def test_the_registration_form_keeps_what_was_typed_and_names_each_mistake(client, workshop):
    response = client.post(
        f"/en/event-registration/{workshop.pk}/",
        {"name": "Ana \u202eMaria", "email": "not-an-address", "organisation": "Mora"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.</li>', page)
    assert 'value="not-an-address"' in page and 'value="Mora"' in page  # as typed
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    ok = client.post(f"/en/event-registration/{workshop.pk}/", {"name": "Ana", "email": "ana@example.org"})
    assert ok.status_code == 200 and "You are registered" in ok.content.decode()
    twice = client.post(f"/en/event-registration/{workshop.pk}/", {"name": "Ana", "email": "ana@example.org"})
    assert twice.status_code == 400 and "already registered" in twice.content.decode()


def test_the_reminder_goes_a_day_before_once_and_only_to_those_registered(
    workshop, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from events.tasks import send_event_reminder

    send_event_reminder.get_backend().clear()
    with django_capture_on_commit_callbacks(execute=True):
        ana = register(workshop, "ana@example.org")
        register(workshop, "ben@example.org")
        waiting = register(workshop, "chloe@example.org")
    reminders = [r for r in send_event_reminder.get_backend().results if r.task.name == send_event_reminder.name]
    (first, _second) = reminders
    assert first.task.run_after == workshop.start - datetime.timedelta(days=1)
    assert services.reminder_send(registration_id=waiting.pk) == "nothing to send"
    early = workshop.start - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminder_send(registration_id=ana.pk, now=early) == "moved"
    the_day_before = workshop.start - datetime.timedelta(hours=23)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminder_send(registration_id=ana.pk, now=the_day_before) == "sent"
        assert services.reminder_send(registration_id=ana.pk, now=the_day_before) == "nothing to send"
    from core.models import OutgoingEmail

    (reminder,) = OutgoingEmail.objects.filter(template="events/email/reminder")  # sent by the queue's worker
    assert reminder.to == ["ana@example.org"] and reminder.subject == "Tomorrow: Workshop"
    assert reminder.attachments[0]["mimetype"] == "text/calendar"


def test_attendance_is_marked_by_staff_with_an_audit_entry(workshop, staff_user, member_user):
    registration = register(workshop, "ana@example.org")
    services.attendance_mark(registration=registration, attended=True, actor=staff_user)
    assert Registration.objects.get(pk=registration.pk).attended is True
    assert RegistrationEvent.objects.filter(registration=registration, note="Marked as attended.").exists()
    with pytest.raises(ValidationError):
        services.attendance_mark(registration=registration, attended=False, actor=member_user)


def test_more_places_published_go_to_the_people_waiting(workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("ana", "ben", "chloe", "dan"):
            register(workshop, f"{name}@example.org")
    mail.outbox.clear()
    workshop.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        workshop.save_revision().publish()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["chloe@example.org"] == "registered" and statuses["dan@example.org"] == "waiting"
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]
