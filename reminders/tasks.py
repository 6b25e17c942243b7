"""Celery tasks: thin, idempotent, acknowledged late (a killed worker's task runs again)."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from reminders.delivery import send_reminder_email as send_email
from reminders.models import EmailState, Reminder
from reminders.services import run_sweep

logger = logging.getLogger(__name__)


@shared_task(name="reminders.sweep", acks_late=True)
def sweep() -> int:
    run = run_sweep()
    deliver_pending_emails.delay()
    return run.pk


@shared_task(name="reminders.deliver_pending_emails", acks_late=True)
def deliver_pending_emails() -> int:
    ids = list(
        Reminder.objects.filter(email_state=EmailState.PENDING).values_list("pk", flat=True)[:5000]
    )
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
    # claim the row: a second worker holding the same message finds nothing to do
    claimed = Reminder.objects.filter(pk=reminder_id, email_state=EmailState.PENDING).update(
        email_state=EmailState.SENDING
    )
    if not claimed:
        return "skipped"
    reminder = Reminder.objects.select_related("recipient", "organization").get(pk=reminder_id)
    try:
        send_email(reminder)
    except (smtplib.SMTPException, OSError) as exc:
        attempts = reminder.email_attempts + 1
        failed = attempts >= settings.REMINDER_EMAIL_MAX_ATTEMPTS
        Reminder.objects.filter(pk=reminder_id).update(
            email_attempts=attempts,
            email_state=EmailState.FAILED if failed else EmailState.PENDING,
        )
        if failed:
            logger.warning("reminder %s: e-mail failed %s times: %s", reminder_id, attempts, exc)
            return "failed"
        raise self.retry(exc=exc, countdown=min(60 * 2**attempts, 6 * 3600)) from exc
    Reminder.objects.filter(pk=reminder_id).update(
        email_state=EmailState.SENT,
        emailed_at=timezone.now(),
        email_attempts=reminder.email_attempts + 1,
    )
    return "sent"
