"""Celery tasks: thin, idempotent, acknowledged late (a killed worker's task runs again)."""

from celery import shared_task

from reminders.services.email import (
    deliver_reminder_email,
    pending_email_ids,
    reclaim_stale_email_claims,
)
from reminders.services.sweep import run_sweep


@shared_task(name="reminders.sweep", acks_late=True)
def sweep() -> int | None:
    run = run_sweep()
    if run is None:  # another sweep is running; it starts the delivery
        return None
    deliver_pending_emails.delay()
    return run.pk


@shared_task(name="reminders.deliver_pending_emails", acks_late=True)
def deliver_pending_emails() -> int:
    reclaim_stale_email_claims()
    ids = pending_email_ids()
    for reminder_id in ids:
        send_reminder_email.delay(reminder_id)
    return len(ids)


@shared_task(
    name="reminders.send_email",
    bind=True,
    acks_late=True,
    max_retries=None,  # counted on the row, so that a restart does not reset it
)
def send_reminder_email(self, reminder_id: int) -> str:
    outcome = deliver_reminder_email(reminder_id=reminder_id)
    if outcome.status == "retry":
        raise self.retry(exc=outcome.error, countdown=outcome.retry_in)
    return outcome.status
