"""The mobile member reminder rules through a sweep on the day: not on the day before, on
the day, once only, closed when the thing is done, and a new gap is a new reminder."""

import datetime

import pytest

from members.reminders import mobile as m
from members.services import mobile as services
from members.tests.support.mobile import D, contact, incoming, outgoing
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    """Registers only the given rule, moves to the day at 9 o'clock and runs the sweep."""

    def sweep(rule, day: D) -> int:
        monkeypatch.setattr(registry, "_rules", {r.kind: r for r in m.RULES if r is rule})
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().created_count

    return sweep


def states(kind: str) -> list[tuple[str, str]]:
    return list(
        Reminder.objects.filter(kind=kind).order_by("period").values_list("period", "state")
    )


# mobile.not_contacted


def test_a_member_not_contacted_for_90_days_is_reminded_once_on_the_day(
    world, secretary_a, sweep_at, client
):
    record = outgoing(world.branch_a, away_since=D(2025, 1, 10))
    contact(record, D(2025, 3, 1), secretary_a)  # + 90 days = 2025-05-30
    assert sweep_at(m.NOT_CONTACTED, D(2025, 5, 29)) == 0
    assert sweep_at(m.NOT_CONTACTED, D(2025, 5, 30)) == 1
    assert sweep_at(m.NOT_CONTACTED, D(2025, 5, 31)) == 0
    reminder = Reminder.objects.get(kind="mobile.not_contacted")
    assert (reminder.subject, reminder.recipient, reminder.organization) == (
        record,
        secretary_a,
        world.branch_a,
    )
    assert (reminder.period, reminder.due_on) == ("2025-05-30", D(2025, 5, 30))
    assert reminder.params["since"] == "2025-03-01"
    assert record.member.name in reminder.message
    client.force_login(secretary_a)
    assert client.get(reminder.url).status_code == 200


def test_a_new_contact_closes_the_reminder_and_the_next_gap_is_a_new_one(
    world, secretary_a, sweep_at
):
    record = outgoing(world.branch_a, away_since=D(2025, 1, 10))  # + 90 days = 2025-04-10
    assert sweep_at(m.NOT_CONTACTED, D(2025, 4, 10)) == 1
    contact(record, D(2025, 4, 20), secretary_a)
    assert sweep_at(m.NOT_CONTACTED, D(2025, 4, 21)) == 0
    assert states("mobile.not_contacted") == [("2025-04-10", ReminderState.DONE)]
    assert sweep_at(m.NOT_CONTACTED, D(2025, 7, 18)) == 0
    assert sweep_at(m.NOT_CONTACTED, D(2025, 7, 19)) == 1  # 2025-04-20 + 90 days
    assert states("mobile.not_contacted") == [
        ("2025-04-10", ReminderState.DONE),
        ("2025-07-19", ReminderState.OPEN),
    ]


def test_an_attempt_that_did_not_reach_the_member_leaves_the_reminder_open(
    world, secretary_a, sweep_at
):
    record = incoming(world.branch_a, away_since=D(2025, 1, 10))
    sweep_at(m.NOT_CONTACTED, D(2025, 4, 10))
    contact(record, D(2025, 4, 12), secretary_a, reached=False)
    assert sweep_at(m.NOT_CONTACTED, D(2025, 4, 13)) == 0
    assert states("mobile.not_contacted") == [("2025-04-10", ReminderState.OPEN)]


def test_ending_the_record_closes_the_contact_reminder(world, secretary_a, sweep_at):
    record = outgoing(world.branch_a, away_since=D(2025, 1, 10))
    sweep_at(m.NOT_CONTACTED, D(2025, 4, 10))
    services.mobile_record_end(
        actor=secretary_a, record=record, ended_on=D(2025, 4, 10), end_reason="returned"
    )
    sweep_at(m.NOT_CONTACTED, D(2025, 4, 11))
    assert states("mobile.not_contacted") == [("2025-04-10", ReminderState.DONE)]


# mobile.permit_expiring


@pytest.fixture
def permit_holder(world):
    return outgoing(
        world.branch_a,
        away_since=D(2024, 6, 1),
        permit_number="LD-7",
        permit_issued_on=D(2024, 7, 1),
        permit_valid_until=D(2025, 7, 1),
    )


def test_a_permit_is_reminded_30_days_before_it_expires_once(
    world, secretary_a, permit_holder, sweep_at
):
    assert sweep_at(m.PERMIT_EXPIRING, D(2025, 5, 31)) == 0
    assert sweep_at(m.PERMIT_EXPIRING, D(2025, 6, 1)) == 1  # 2025-07-01 minus 30 days
    assert sweep_at(m.PERMIT_EXPIRING, D(2025, 6, 2)) == 0
    assert sweep_at(m.PERMIT_EXPIRING, D(2025, 7, 2)) == 0  # expired: still the same reminder
    reminder = Reminder.objects.get(kind="mobile.permit_expiring")
    assert (reminder.period, reminder.due_on, reminder.recipient) == (
        "2025-07-01",
        D(2025, 7, 1),
        secretary_a,
    )
    assert reminder.state == ReminderState.OPEN
    assert "2025-07-01" in reminder.message


def test_renewing_the_permit_closes_the_reminder(world, secretary_a, permit_holder, sweep_at):
    sweep_at(m.PERMIT_EXPIRING, D(2025, 6, 1))
    services.permit_renew(actor=secretary_a, record=permit_holder, renewed_on=D(2025, 6, 1))
    assert sweep_at(m.PERMIT_EXPIRING, D(2025, 6, 2)) == 0
    assert states("mobile.permit_expiring") == [("2025-07-01", ReminderState.DONE)]
    assert sweep_at(m.PERMIT_EXPIRING, D(2026, 5, 2)) == 1  # the renewed permit, 2026-06-01
    assert states("mobile.permit_expiring")[-1] == ("2026-06-01", ReminderState.OPEN)


def test_ending_the_record_closes_the_permit_reminder(world, secretary_a, permit_holder, sweep_at):
    sweep_at(m.PERMIT_EXPIRING, D(2025, 6, 1))
    services.mobile_record_end(
        actor=secretary_a, record=permit_holder, ended_on=D(2025, 6, 1), end_reason="transferred"
    )
    sweep_at(m.PERMIT_EXPIRING, D(2025, 6, 2))
    assert states("mobile.permit_expiring") == [("2025-07-01", ReminderState.DONE)]


@pytest.mark.parametrize("size", [1, 5])
def test_each_rule_asks_a_fixed_number_of_queries(
    world, secretary_a, django_assert_num_queries, size
):
    for _ in range(size):
        record = outgoing(
            world.branch_a,
            away_since=D(2024, 6, 1),
            permit_issued_on=D(2024, 7, 1),
            permit_valid_until=D(2025, 7, 1),
        )
        contact(record, D(2024, 9, 1), secretary_a)
    today = datetime.date(2025, 6, 15)
    with django_assert_num_queries(2):  # the figure in force, the records
        assert len(m.not_contacted_due(today)) == size
    with django_assert_num_queries(2):
        assert len(m.permit_expiring_due(today)) == size


def test_register_rules_puts_both_rules_in_the_registry(monkeypatch):
    monkeypatch.setattr(registry, "_rules", {})
    m.register_rules()
    assert set(registry.rules()) == {"mobile.not_contacted", "mobile.permit_expiring"}
