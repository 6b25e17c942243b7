"""Two sweeps and two delivery rounds at the same moment, on PostgreSQL (SQLite runs one
writer at a time, so it cannot show the race): the sweeps are serialised by an advisory lock
(the second one does nothing), and even past the lock every reminder exists once; every
e-mail is sent once however many rounds deliver at once."""

import datetime
import time
from collections import Counter
from contextlib import contextmanager

import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory
from reminders import registry
from reminders.models import EmailState, Reminder, SweepRun
from reminders.services import email as email_service
from reminders.services import sweep as sweep_service
from reminders.tests.support.delivery import deliver_pending
from reminders.tests.support.rules import DUE_NAMES
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = datetime.date(2025, 5, 10)
BRANCHES = {"A支部", "B支部", "C支部", "D支部"}


@contextmanager
def _no_lock():
    yield True


@pytest.fixture
def due_everywhere(world, rule, monkeypatch):
    """Four branches due, each with a secretary who has an e-mail address, and a sweep slow
    enough at its start that the other one surely arrives meanwhile."""
    for branch in (world.branch_a, world.branch_b, world.branch_c, world.branch_d):
        secretary = UserFactory(email=f"secretary{branch.pk}@example.org")
        PostFactory(user=secretary, organization=branch, role=Role.SECRETARY)
    DUE_NAMES.update(BRANCHES)
    monkeypatch.setattr(registry, "_steps", {"test.slow_start": lambda today: time.sleep(0.5)})


def test_two_sweeps_at_once_run_once_and_create_each_reminder_once(postgres, due_everywhere):
    """Business effect counted: one reminder per thing and period, one sweep run."""
    results = run_at_once(
        lambda: sweep_service.run_sweep(TODAY), lambda: sweep_service.run_sweep(TODAY)
    )

    assert sorted(type(r).__name__ for r in results) == ["NoneType", "SweepRun"], results
    assert SweepRun.objects.filter(finished_at__isnull=False).count() == 1
    assert Reminder.objects.count() == len(BRANCHES)
    # the lock is released: the next sweep runs (and finds nothing new)
    assert sweep_service.run_sweep(TODAY).created_count == 0


def test_two_sweeps_past_the_lock_still_create_each_reminder_once(
    postgres, due_everywhere, monkeypatch
):
    """Were the lock missing (or two databases' worth of locks confused), two full sweeps at
    once still end with one reminder per thing and period and no error: the unique constraint
    keeps one of each insert. Business effect counted: reminders per thing and period."""
    monkeypatch.setattr(sweep_service, "_sweep_lock", _no_lock)

    results = run_at_once(
        lambda: sweep_service.run_sweep(TODAY), lambda: sweep_service.run_sweep(TODAY)
    )

    assert [type(r).__name__ for r in results] == ["SweepRun", "SweepRun"], results
    assert Reminder.objects.count() == len(BRANCHES)
    keys = Reminder.objects.values_list("kind", "object_id", "period")
    assert len(set(keys)) == len(BRANCHES)


def test_five_delivery_rounds_at_once_send_each_email_once(postgres, due_everywhere, monkeypatch):
    """Business effect counted: e-mails sent per reminder (exactly one each)."""
    sweep_service.run_sweep(TODAY)
    pending = Reminder.objects.filter(email_state=EmailState.PENDING)
    assert pending.count() == len(BRANCHES)
    original_send = email_service.send_email

    def slow_send(reminder):
        time.sleep(0.1)  # a claim is held a moment, so the other rounds surely meet it
        original_send(reminder)

    monkeypatch.setattr(email_service, "send_email", slow_send)

    results = run_at_once(*[deliver_pending] * 5)

    assert sum(results) == len(BRANCHES), results
    assert len(mail.outbox) == len(BRANCHES)
    per_message = Counter((m.to[0], m.body) for m in mail.outbox)
    assert set(per_message.values()) == {1}
    assert set(Reminder.objects.values_list("email_state", flat=True)) == {EmailState.SENT}
