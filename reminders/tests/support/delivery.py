"""Helpers of the tests that count reminders and e-mails: a sweep followed by a delivery
round, as the scheduled task does them, and who got what."""

import datetime

from django.core import mail

from reminders.services.email import deliver_reminder_email, pending_email_ids
from reminders.services.sweep import run_sweep


def deliver_pending() -> int:
    """One delivery round: every pending e-mail claimed and sent; how many this round sent."""
    outcomes = [deliver_reminder_email(reminder_id=pk).status for pk in pending_email_ids()]
    return outcomes.count("sent")


def sweep_and_deliver(today: datetime.date | None = None):
    run = run_sweep(today)
    deliver_pending()
    return run


def emails_about(reminder) -> list:
    """The e-mails sent to the reminder's recipient with a link to the reminder's thing."""
    return [
        message
        for message in mail.outbox
        if reminder.recipient.email in message.to and reminder.url in message.body
    ]
