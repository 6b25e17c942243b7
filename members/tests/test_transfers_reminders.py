"""The transfer reminder rules through a sweep at the time they are due: not on the day
before, on the day, once only, and closed when the thing is done."""

import datetime

import pytest

from members.models import TransferState
from members.reminders import transfers as r
from members.services.transfers import (
    transfer_cancel,
    transfer_complete,
    transfer_create,
    transfer_record_receipt,
    transfer_record_report,
    transfers_expire_due,
)
from members.tests.support.transfers import incoming_at, member_of, transfer_at
from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

D = datetime.date


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    """Registers the transfer rules only, moves to the day at 9 o'clock, runs the sweep."""
    monkeypatch.setattr(registry, "_rules", {rule.kind: rule for rule in r.RULES})

    def sweep(day: D, kind: str | None = None):
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        run = run_sweep()
        return run.details.get(kind, 0) if kind else run.created_count

    return sweep


def reminders(kind):
    return list(Reminder.objects.filter(kind=kind))


def test_the_transfer_rules_register_under_their_kinds(monkeypatch):
    monkeypatch.setattr(registry, "_rules", {})
    r.register_transfer_rules()
    assert set(registry.rules()) == {
        "transfer.letter_expiring",
        "transfer.expired_no_receipt",
        "transfer.incoming_unconfirmed",
    }


# transfer.letter_expiring


@pytest.fixture
def expiring(world, secretary_a, secretary_b, time_machine):
    time_machine.move_to("2026-03-01 09:00 +08:00")
    return transfer_at(member_of(world.branch_a), to=world.branch_b, valid_until=D(2026, 3, 20))


def test_letter_expiring_fires_seven_days_ahead_not_eight(expiring, secretary_a, sweep_at):
    kind = "transfer.letter_expiring"
    assert sweep_at(D(2026, 3, 12), kind) == 0
    assert sweep_at(D(2026, 3, 13), kind) == 1
    assert sweep_at(D(2026, 3, 14), kind) == 0
    reminder = Reminder.objects.get(kind=kind)
    assert (reminder.recipient, reminder.period, reminder.due_on) == (
        secretary_a,
        "2026-03-20",
        D(2026, 3, 20),
    )
    assert expiring.letter_number in reminder.message and "2026-03-20" in reminder.message
    assert reminder.url == f"/members/transfers/{expiring.pk}/"


def test_letter_expiring_follows_the_admins_figure(expiring, sweep_at):
    Policy.objects.update_or_create(key="reminders.letter_expiring_days", defaults={"value": 10})
    assert sweep_at(D(2026, 3, 9), "transfer.letter_expiring") == 0
    assert sweep_at(D(2026, 3, 10), "transfer.letter_expiring") == 1


def test_letter_expiring_closes_when_the_member_reports(expiring, secretary_b, sweep_at):
    sweep_at(D(2026, 3, 13))
    transfer_record_report(actor=secretary_b, transfer=expiring, reported_on=D(2026, 3, 13))
    sweep_at(D(2026, 3, 14))
    assert reminders("transfer.letter_expiring")[0].state == ReminderState.DONE


def test_letter_expiring_hands_over_to_expired_when_the_letter_lapses(expiring, sweep_at):
    sweep_at(D(2026, 3, 13))
    assert sweep_at(D(2026, 3, 20), "transfer.expired_no_receipt") == 0
    assert sweep_at(D(2026, 3, 21), "transfer.expired_no_receipt") == 1
    assert reminders("transfer.letter_expiring")[0].state == ReminderState.DONE


def test_a_transfer_to_outside_is_followed_until_the_receipt_not_the_report(
    world, secretary_a, sweep_at, time_machine
):
    time_machine.move_to("2026-03-01 09:00 +08:00")
    transfer_at(
        member_of(world.branch_a),
        TransferState.REPORTED,
        outside="外地",
        valid_until=D(2026, 3, 20),
    )
    assert sweep_at(D(2026, 3, 13), "transfer.letter_expiring") == 1


# transfer.expired_no_receipt


def test_expired_fires_the_day_after_the_last_valid_day_and_once(expiring, secretary_a, sweep_at):
    kind = "transfer.expired_no_receipt"
    assert sweep_at(D(2026, 3, 20), kind) == 0
    assert sweep_at(D(2026, 3, 21), kind) == 1  # before the expiry step has run
    transfers_expire_due(today=D(2026, 3, 21))
    assert sweep_at(D(2026, 3, 22), kind) == 0
    reminder = Reminder.objects.get(kind=kind)
    assert (reminder.recipient, reminder.period, reminder.due_on) == (
        secretary_a,
        "2026-03-20",
        D(2026, 3, 21),
    )
    assert reminder.state == ReminderState.OPEN


def test_expired_closes_on_a_late_report(expiring, secretary_b, sweep_at):
    sweep_at(D(2026, 3, 21))
    transfers_expire_due(today=D(2026, 3, 21))
    transfer_record_report(
        actor=secretary_b, transfer=expiring, reported_on=D(2026, 3, 21), late_report_reason="病"
    )
    sweep_at(D(2026, 3, 22))
    assert reminders("transfer.expired_no_receipt")[0].state == ReminderState.DONE


def test_expired_closes_when_the_member_gets_a_new_transfer(expiring, world, secretary_a, sweep_at):
    sweep_at(D(2026, 3, 21))
    transfers_expire_due(today=D(2026, 3, 21))
    transfer_create(actor=secretary_a, member=expiring.member, to_organization=world.branch_b)
    sweep_at(D(2026, 3, 22))
    assert reminders("transfer.expired_no_receipt")[0].state == ReminderState.DONE


def test_expired_closes_when_the_sender_cancels(expiring, secretary_a, sweep_at):
    sweep_at(D(2026, 3, 21))
    transfers_expire_due(today=D(2026, 3, 21))
    transfer_cancel(
        actor=secretary_a, transfer=expiring, cancelled_on=D(2026, 3, 21), reason="本人留下"
    )
    sweep_at(D(2026, 3, 22))
    assert reminders("transfer.expired_no_receipt")[0].state == ReminderState.DONE


def test_a_pocket_member_case_closes_when_the_paper_receipt_comes_back(
    world, secretary_a, sweep_at, time_machine
):
    time_machine.move_to("2026-03-01 09:00 +08:00")
    transfer = transfer_at(member_of(world.branch_a), outside="外地", valid_until=D(2026, 3, 20))
    sweep_at(D(2026, 3, 21))
    transfers_expire_due(today=D(2026, 3, 21))
    transfer_record_receipt(actor=secretary_a, transfer=transfer, receipt_on=D(2026, 3, 21))
    sweep_at(D(2026, 3, 22))
    assert reminders("transfer.expired_no_receipt")[0].state == ReminderState.DONE


# transfer.incoming_unconfirmed


def test_incoming_unconfirmed_fires_seven_days_after_the_report(
    world, secretary_a, secretary_b, sweep_at, time_machine
):
    time_machine.move_to("2026-03-05 09:00 +08:00")
    transfer = transfer_at(
        member_of(world.branch_a),
        TransferState.REPORTED,
        to=world.branch_b,
        reported_on=D(2026, 3, 5),
    )
    kind = "transfer.incoming_unconfirmed"
    assert sweep_at(D(2026, 3, 11), kind) == 0
    assert sweep_at(D(2026, 3, 12), kind) == 1
    assert sweep_at(D(2026, 3, 13), kind) == 0
    reminder = Reminder.objects.get(kind=kind)
    assert (reminder.recipient, reminder.organization, reminder.period) == (
        secretary_b,
        world.branch_b,
        "2026-03-12",
    )
    transfer_record_receipt(actor=secretary_b, transfer=transfer, receipt_on=D(2026, 3, 13))
    sweep_at(D(2026, 3, 14))
    assert Reminder.objects.get(kind=kind).state == ReminderState.OPEN  # not yet completed
    transfer_complete(actor=secretary_b, transfer=transfer, completed_on=D(2026, 3, 14))
    sweep_at(D(2026, 3, 15))
    assert Reminder.objects.get(kind=kind).state == ReminderState.DONE


def test_a_letter_from_outside_recorded_here_is_followed_from_the_day_it_was_recorded(
    world, secretary_a, sweep_at, time_machine
):
    time_machine.move_to("2026-03-05 23:30 +08:00")
    incoming_at(world.branch_a, TransferState.ISSUED, letter_issued_on=D(2026, 3, 1))
    kind = "transfer.incoming_unconfirmed"
    assert sweep_at(D(2026, 3, 11), kind) == 0
    assert sweep_at(D(2026, 3, 12), kind) == 1
    reminder = Reminder.objects.get(kind=kind)
    assert (reminder.recipient, reminder.period) == (secretary_a, "2026-03-12")


def test_the_rules_cost_the_same_queries_for_one_transfer_or_many(
    world, secretary_a, secretary_b, time_machine, django_assert_num_queries
):
    time_machine.move_to("2026-03-01 09:00 +08:00")
    today = D(2026, 3, 15)

    def build():
        transfer_at(member_of(world.branch_a), to=world.branch_b, valid_until=D(2026, 3, 20))
        transfer_at(member_of(world.branch_a), to=world.branch_b, valid_until=D(2026, 3, 10))
        transfer_at(
            member_of(world.branch_a),
            TransferState.REPORTED,
            to=world.branch_b,
            reported_on=D(2026, 3, 2),
        )

    # the figure (not for the expired rule, which has none) and the transfers
    queries = {
        "transfer.letter_expiring": 2,
        "transfer.expired_no_receipt": 1,
        "transfer.incoming_unconfirmed": 2,
    }
    for size in (1, 3):
        while len(r.RULES[0].due(today)) < size:
            build()
        for rule in r.RULES:
            with django_assert_num_queries(queries[rule.kind]):
                assert len(rule.due(today)) == size
