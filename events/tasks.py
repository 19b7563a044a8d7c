"""Background work for events: the reminder a day before (queued with `run_after` at registration)."""

from django_tasks import task


@task()
def send_event_reminder(*, registration_id: int) -> str:
    from .services import reminder_send

    return reminder_send(registration_id=registration_id)
