"""A mail server that refuses mail (a real SMTP server answering 451): the reminder e-mail is
kept, retried with a growing back-off, its attempts and last error shown to the system
administrators, and sent exactly once when the server accepts again."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from reminders.models import EmailState, Reminder
from reminders.services.email import deliver_reminder_email, pending_email_ids
from reminders.services.sweep import run_sweep
from reminders.tasks import deliver_pending_emails
from reminders.tests.support.rules import DUE_NAMES
from reminders.tests.support.smtp import RefusingSmtpServer

START = datetime.datetime(2025, 5, 10, 6, 0, tzinfo=datetime.UTC)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def smtp(settings):
    with RefusingSmtpServer() as server:
        # what EMAIL_URL=smtp://127.0.0.1:<port> configures (config.env.email_config)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        yield server


@pytest.fixture
def pending(world, secretary_a, rule, settings, smtp):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.REMINDER_EMAIL_MAX_ATTEMPTS = 3
    secretary_a.email = "a@example.org"
    secretary_a.save()
    DUE_NAMES.update({"A支部"})
    with time_machine.travel(START, tick=False) as traveller:
        run_sweep(datetime.date(2025, 5, 10))
        yield Reminder.objects.get(), traveller


def admin_list(client, superuser, **query) -> str:
    client.force_login(superuser)
    response = client.get(reverse("admin:reminders_reminder_changelist"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_refused_reminder_e_mail_is_retried_with_back_off_and_sent_once_when_the_server_accepts(
    pending, smtp, client, superuser, english
):
    reminder, traveller = pending

    outcome = deliver_reminder_email(reminder_id=reminder.pk)
    assert (outcome.status, outcome.retry_in) == ("retry", 120)
    assert (smtp.refused, smtp.received) == (1, [])
    reminder.refresh_from_db()
    assert reminder.email_state == EmailState.PENDING  # kept, not lost
    assert reminder.email_attempts == 1
    assert "Mail server busy" in reminder.email_error
    assert reminder.email_retry_at == START + 2 * MINUTE

    body = admin_list(client, superuser, email_state="pending")
    for seen in ("Attempts", "Next attempt", "Last error", "to be sent"):
        assert seen in body
    assert "451 4.3.0 Mail server busy, try again later" in body
    assert '<td class="field-email_attempts">1</td>' in body

    # the back-off: a delivery round (every sweep) leaves it alone until the next attempt is due
    traveller.move_to(START + MINUTE)
    assert pending_email_ids() == []
    traveller.move_to(START + 2 * MINUTE)
    assert pending_email_ids() == [reminder.pk]
    assert deliver_reminder_email(reminder_id=reminder.pk).retry_in == 240  # doubled
    assert smtp.refused == 2

    smtp.refusing = False
    traveller.move_to(START + 6 * MINUTE)
    assert deliver_pending_emails() == 1  # the round's task sends it (eager here)
    assert deliver_pending_emails() == 0
    assert deliver_reminder_email(reminder_id=reminder.pk).status == "skipped"
    assert len(smtp.received) == 1  # exactly one e-mail reached the server
    assert "To: a@example.org" in smtp.received[0]
    reminder.refresh_from_db()
    assert reminder.email_state == EmailState.SENT
    assert (reminder.email_attempts, reminder.email_error, reminder.email_retry_at) == (3, "", None)


def test_an_e_mail_refused_past_the_last_attempt_is_shown_failed_and_sent_once_when_resent(
    pending, smtp, client, superuser, english
):
    reminder, traveller = pending
    for attempt in range(3):  # REMINDER_EMAIL_MAX_ATTEMPTS
        traveller.move_to(START + attempt * 60 * MINUTE)
        deliver_reminder_email(reminder_id=reminder.pk)
    reminder.refresh_from_db()
    assert (reminder.email_state, reminder.email_attempts) == (EmailState.FAILED, 3)
    assert pending_email_ids() == []

    body = admin_list(client, superuser, email_state="failed")
    assert "451 4.3.0 Mail server busy, try again later" in body
    assert "Send the failed e-mails again" in body

    smtp.refusing = False
    response = client.post(
        reverse("admin:reminders_reminder_changelist"),
        {"action": "retry_emails", "_selected_action": [reminder.pk]},
        follow=True,
    )
    assert "1 e-mail will be sent again." in response.content.decode()
    assert deliver_pending_emails() == 1
    assert deliver_pending_emails() == 0
    assert len(smtp.received) == 1
    reminder.refresh_from_db()
    assert reminder.email_state == EmailState.SENT
