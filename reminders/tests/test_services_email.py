"""Reminder e-mails cannot get stuck: a worker that dies between claiming and sending leaves
a claim that the next delivery round (run by every sweep) takes back once it is older than
the limit, and the e-mail then goes out exactly once."""

import datetime

import pytest
import time_machine
from django.core import mail

from reminders.models import EmailState, Reminder
from reminders.services.email import _record, claim_reminder_email, reclaim_stale_email_claims
from reminders.services.sweep import run_sweep
from reminders.tasks import deliver_pending_emails, send_reminder_email
from reminders.tests.support.rules import DUE_NAMES

START = datetime.datetime(2025, 5, 10, 6, 0, tzinfo=datetime.UTC)


class WorkerDied(BaseException):
    """What the work sees of a killed worker: it stops, nothing after it runs."""


@pytest.fixture
def pending(world, secretary_a, rule, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REMINDER_EMAIL_CLAIM_TIMEOUT_SECONDS = 600
    secretary_a.email = "a@example.org"
    secretary_a.save()
    DUE_NAMES.update({"A支部"})
    with time_machine.travel(START, tick=False) as traveller:
        run_sweep(datetime.date(2025, 5, 10))
        yield Reminder.objects.get(), traveller


def die_after_the_claim(monkeypatch):
    def killed(reminder):
        raise WorkerDied

    monkeypatch.setattr("reminders.services.email.send_email", killed)
    with pytest.raises(WorkerDied):
        send_reminder_email.apply(args=[Reminder.objects.get().pk], throw=True)
    monkeypatch.undo()


def test_a_claim_is_stamped_with_its_time_and_cannot_be_won_twice(pending):
    reminder, _ = pending
    assert claim_reminder_email(reminder_id=reminder.pk).email_claimed_at == START
    assert claim_reminder_email(reminder_id=reminder.pk) is None
    reminder.refresh_from_db()
    assert reminder.email_state == EmailState.SENDING


def test_a_worker_killed_between_claim_and_send_is_made_good_by_the_next_sweep(
    pending, monkeypatch
):
    reminder, traveller = pending
    die_after_the_claim(monkeypatch)
    reminder.refresh_from_db()
    assert (reminder.email_state, reminder.email_claimed_at) == (EmailState.SENDING, START)
    assert mail.outbox == []

    traveller.shift(datetime.timedelta(seconds=601))
    deliver_pending_emails.apply()

    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.email_state, reminder.email_claimed_at) == (EmailState.SENT, None)
    assert reminder.email_attempts == 2  # the lost claim counts
    deliver_pending_emails.apply()
    assert len(mail.outbox) == 1


def test_a_claim_younger_than_the_limit_is_not_taken_back(pending, monkeypatch):
    reminder, traveller = pending
    die_after_the_claim(monkeypatch)
    traveller.shift(datetime.timedelta(seconds=600))
    assert reclaim_stale_email_claims() == 0
    deliver_pending_emails.apply()
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.email_state == EmailState.SENDING


def test_a_message_that_kills_its_worker_every_time_is_given_up(pending, monkeypatch, settings):
    settings.REMINDER_EMAIL_MAX_ATTEMPTS = 2
    reminder, traveller = pending
    for _attempt in range(2):
        die_after_the_claim(monkeypatch)
        traveller.shift(datetime.timedelta(minutes=11))
        reclaim_stale_email_claims()
    reminder.refresh_from_db()
    assert (reminder.email_state, reminder.email_attempts) == (EmailState.FAILED, 2)
    assert mail.outbox == []


def test_a_reclaimed_claim_is_not_recorded_by_its_late_worker(pending):
    reminder, traveller = pending
    late = claim_reminder_email(reminder_id=reminder.pk)
    traveller.shift(datetime.timedelta(minutes=11))
    reclaim_stale_email_claims()
    assert send_reminder_email.apply(args=[reminder.pk]).get() == "sent"
    assert _record(late, email_state=EmailState.SENT) == 0
