"""The sweep: one reminder per thing due, closed when no longer due, e-mailed once."""

import datetime
import smtplib

import pytest
from django.core import mail

from organizations.models import Role
from organizations.tests.factories import PostFactory
from reminders import registry
from reminders.models import EmailState, Reminder, ReminderState
from reminders.services.sweep import run_sweep
from reminders.tasks import send_reminder_email
from reminders.tests.support.rules import DUE_NAMES


def test_a_sweep_creates_one_reminder_per_thing_and_a_second_creates_nothing(
    world, secretary_a, rule
):
    DUE_NAMES.update({"A支部"})
    first = run_sweep(datetime.date(2025, 5, 10))
    second = run_sweep(datetime.date(2025, 5, 11))
    assert (first.created_count, second.created_count) == (1, 0)
    reminder = Reminder.objects.get()
    assert (reminder.recipient, reminder.organization) == (secretary_a, world.branch_a)
    assert reminder.message == "A支部 has something due"


def test_a_new_period_is_a_new_reminder(world, secretary_a, rule):
    DUE_NAMES.update({"A支部"})
    run_sweep(datetime.date(2025, 5, 31))
    assert run_sweep(datetime.date(2025, 6, 1)).created_count == 1
    assert Reminder.objects.count() == 2


def test_reminder_closes_when_the_thing_is_no_longer_due(world, secretary_a, rule):
    DUE_NAMES.update({"A支部"})
    run_sweep(datetime.date(2025, 5, 10))
    DUE_NAMES.clear()
    run_sweep(datetime.date(2025, 5, 11))
    reminder = Reminder.objects.get()
    assert reminder.state == ReminderState.DONE and reminder.done_at is not None


def test_without_a_secretary_the_staff_above_are_reminded(world, community_staff, rule):
    DUE_NAMES.update({"B支部"})
    run_sweep(datetime.date(2025, 5, 10))
    assert Reminder.objects.get().recipient == community_staff


def test_deputy_is_reminded_when_there_is_no_secretary(world, rule):
    deputy = PostFactory(organization=world.branch_b, role=Role.DEPUTY_SECRETARY).user
    DUE_NAMES.update({"B支部"})
    run_sweep(datetime.date(2025, 5, 10))
    assert Reminder.objects.get().recipient == deputy


def test_email_is_sent_once(world, secretary_a, rule):
    secretary_a.email = "a@example.org"
    secretary_a.save()
    DUE_NAMES.update({"A支部"})
    run_sweep(datetime.date(2025, 5, 10))
    reminder = Reminder.objects.get()
    assert reminder.email_state == EmailState.PENDING
    assert send_reminder_email.apply(args=[reminder.pk]).get() == "sent"
    assert send_reminder_email.apply(args=[reminder.pk]).get() == "skipped"
    assert len(mail.outbox) == 1
    assert "A支部" in mail.outbox[0].subject
    reminder.refresh_from_db()
    assert reminder.email_state == EmailState.SENT


@pytest.fixture
def pending_email(world, secretary_a, rule):
    secretary_a.email = "a@example.org"
    secretary_a.save()
    DUE_NAMES.update({"A支部"})
    run_sweep(datetime.date(2025, 5, 10))
    return Reminder.objects.get()


def test_failing_email_is_retried_then_sent(pending_email, monkeypatch):
    calls = []

    def flaky(reminder):
        calls.append(reminder.pk)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("mail server down")

    monkeypatch.setattr("reminders.services.email.send_email", flaky)
    # eager mode runs the retry at once instead of after the back-off
    assert send_reminder_email.apply(args=[pending_email.pk]).get() == "sent"
    pending_email.refresh_from_db()
    assert (pending_email.email_state, pending_email.email_attempts) == (EmailState.SENT, 2)
    assert len(calls) == 2


def test_email_is_given_up_after_the_last_attempt_without_losing_the_reminder(
    pending_email, monkeypatch, settings
):
    settings.REMINDER_EMAIL_MAX_ATTEMPTS = 3

    def broken(reminder):
        raise smtplib.SMTPServerDisconnected("mail server down")

    monkeypatch.setattr("reminders.services.email.send_email", broken)
    assert send_reminder_email.apply(args=[pending_email.pk]).get() == "failed"
    pending_email.refresh_from_db()
    assert (pending_email.email_state, pending_email.email_attempts) == (EmailState.FAILED, 3)
    assert pending_email.state == ReminderState.OPEN  # still in the inbox


def test_recipient_without_email_needs_no_delivery(world, secretary_a, rule):
    DUE_NAMES.update({"A支部"})
    run_sweep(datetime.date(2025, 5, 10))
    assert Reminder.objects.get().email_state == EmailState.NONE


def test_inbox_shows_own_reminders_and_the_unread_count(
    client, world, secretary_a, secretary_b, rule
):
    DUE_NAMES.update({"A支部", "B支部"})
    run_sweep(datetime.date(2025, 5, 10))
    client.force_login(secretary_a)
    response = client.get("/reminders/")
    assert [r.organization for r in response.context["page"]] == [world.branch_a]
    assert b'data-testid="unread-count">1<' in response.content
    other = Reminder.objects.get(organization=world.branch_b)
    client.post(f"/reminders/{other.pk}/read/")
    assert Reminder.objects.get(pk=other.pk).state == ReminderState.OPEN  # not theirs
    mine = Reminder.objects.get(organization=world.branch_a)
    client.post(f"/reminders/{mine.pk}/read/")
    assert Reminder.objects.get(pk=mine.pk).state == ReminderState.READ
    assert b"unread-count" not in client.get("/reminders/").content


def test_sweep_query_count_does_not_grow_with_things_due(
    world, secretary_a, secretary_b, street_staff, rule, django_assert_max_num_queries
):
    DUE_NAMES.update({"A支部"})
    with django_assert_max_num_queries(14):
        run_sweep(datetime.date(2025, 5, 10))
    DUE_NAMES.update({"B支部", "C支部", "D支部", "A支部第一党小组"})
    with django_assert_max_num_queries(14):
        run_sweep(datetime.date(2025, 5, 11))
    assert Reminder.objects.count() == 4  # D支部's street has nobody to remind
    assert run_sweep(datetime.date(2025, 5, 12)).details == {
        "test.branch": 0,
        "test.branch (nobody responsible)": 1,
    }


def test_steps_run_before_the_rules_and_their_counts_are_recorded(
    world, secretary_a, rule, monkeypatch
):
    order = []

    def step(*, today):
        order.append(("step", today))
        DUE_NAMES.add("A支部")  # what the step changes is seen by the rules of the same sweep
        return {"expired": 2}

    monkeypatch.setattr(registry, "_steps", {"test.step": step})
    run = run_sweep(datetime.date(2025, 5, 10))
    assert order == [("step", datetime.date(2025, 5, 10))]
    assert run.details == {"test.step: expired": 2, "test.branch": 1}
    assert run.created_count == 1
