"""Reminders of reports through a sweep at the time they are due: a report waiting more
than 5 days reminds the reviewing organization, a returned report the reporting one, and
each closes when the report moves on."""

import datetime

import pytest

from activities.reminders import reports as r
from activities.services import reports as services
from activities.tests.support.reports import reminders, submitted_of
from policies.models import Policy
from reminders import registry
from reminders.models import ReminderState
from reminders.services.sweep import run_sweep

D = datetime.date


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    """Registers only the report rules, moves to the day at 9 o'clock and runs the sweep."""

    def sweep(day: D) -> int:
        monkeypatch.setattr(
            registry, "_rules", {rule.kind: rule for rule in (r.REPORT_WAITING, r.REPORT_RETURNED)}
        )
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().created_count

    return sweep


@pytest.fixture
def submitted_on_the_2nd(world, secretary_a, time_machine):
    # late in the evening: the local day counts, not the UTC one
    time_machine.move_to("2026-11-02 23:30 +08:00")
    return submitted_of(world.branch_a, secretary_a, held_on=D(2026, 11, 1))


def test_a_report_waiting_more_than_5_days_reminds_the_reviewers_once(
    world, submitted_on_the_2nd, community_staff, sweep_at, client
):
    assert sweep_at(D(2026, 11, 7)) == 0  # 5 days: not more than 5
    assert sweep_at(D(2026, 11, 8)) == 1
    assert sweep_at(D(2026, 11, 9)) == 0
    [reminder] = reminders("activities.report_waiting")
    assert (reminder.subject, reminder.recipient, reminder.organization, reminder.period) == (
        submitted_on_the_2nd,
        community_staff,
        world.community1,
        "2026-11-02",
    )
    assert reminder.due_on == D(2026, 11, 7)
    assert reminder.params["days"] == 6
    client.force_login(community_staff)
    assert reminder.url == f"/activities/reports/{submitted_on_the_2nd.pk}/"
    assert client.get(reminder.url).status_code == 200


def test_approving_closes_the_waiting_reminder(submitted_on_the_2nd, community_staff, sweep_at):
    sweep_at(D(2026, 11, 8))
    services.report_approve(user=community_staff, report=submitted_on_the_2nd)
    sweep_at(D(2026, 11, 9))
    [reminder] = reminders("activities.report_waiting")
    assert reminder.state == ReminderState.DONE


def test_the_waiting_days_are_the_administrators(submitted_on_the_2nd, community_staff, sweep_at):
    Policy.objects.update_or_create(key=r.rules.REPORT_WAITING_DAYS.key, defaults={"value": 10})
    assert sweep_at(D(2026, 11, 12)) == 0
    assert sweep_at(D(2026, 11, 13)) == 1


def test_a_returned_report_reminds_the_branch_until_resubmitted(
    world, submitted_on_the_2nd, secretary_a, community_staff, sweep_at, time_machine
):
    sweep_at(D(2026, 11, 8))
    time_machine.move_to("2026-11-09 10:00 +08:00")
    services.report_return(user=community_staff, report=submitted_on_the_2nd, comments="补充照片")
    assert sweep_at(D(2026, 11, 9)) == 1  # the day of the return (0 days by default)
    [waiting] = reminders("activities.report_waiting")
    assert waiting.state == ReminderState.DONE  # returning closes the waiting one
    [returned] = reminders("activities.report_returned")
    assert (returned.recipient, returned.organization, returned.period, returned.state) == (
        secretary_a,
        world.branch_a,
        "r1",
        ReminderState.OPEN,
    )
    assert sweep_at(D(2026, 11, 10)) == 0
    time_machine.move_to("2026-11-10 10:00 +08:00")
    services.report_update(user=secretary_a, report=submitted_on_the_2nd, remarks="已补充")
    services.report_resubmit(user=secretary_a, report=submitted_on_the_2nd)
    sweep_at(D(2026, 11, 10))
    returned.refresh_from_db()
    assert returned.state == ReminderState.DONE


def test_a_resubmission_starts_a_new_waiting_period(
    submitted_on_the_2nd, secretary_a, community_staff, sweep_at, time_machine
):
    time_machine.move_to("2026-11-03 10:00 +08:00")
    services.report_return(user=community_staff, report=submitted_on_the_2nd, comments="x")
    services.report_update(user=secretary_a, report=submitted_on_the_2nd, remarks="y")
    services.report_resubmit(user=secretary_a, report=submitted_on_the_2nd)
    assert sweep_at(D(2026, 11, 8)) == 0  # waiting since the 3rd: 5 days
    assert sweep_at(D(2026, 11, 9)) == 1
    [reminder] = reminders("activities.report_waiting")
    assert reminder.period == "2026-11-03"


def test_a_second_return_is_a_second_reminder(
    submitted_on_the_2nd, secretary_a, community_staff, sweep_at, time_machine
):
    time_machine.move_to("2026-11-03 10:00 +08:00")
    services.report_return(user=community_staff, report=submitted_on_the_2nd, comments="x")
    assert sweep_at(D(2026, 11, 3)) == 1
    time_machine.move_to("2026-11-04 10:00 +08:00")
    services.report_update(user=secretary_a, report=submitted_on_the_2nd, remarks="y")
    services.report_resubmit(user=secretary_a, report=submitted_on_the_2nd)
    services.report_return(user=community_staff, report=submitted_on_the_2nd, comments="z")
    assert sweep_at(D(2026, 11, 4)) == 1
    assert [(x.period, x.state) for x in reminders("activities.report_returned")] == [
        ("r1", ReminderState.DONE),
        ("r2", ReminderState.OPEN),
    ]


def test_the_returned_reminder_waits_the_administrators_days(
    submitted_on_the_2nd, community_staff, sweep_at, time_machine
):
    Policy.objects.update_or_create(key=r.rules.RETURNED_REPORT_DAYS.key, defaults={"value": 3})
    time_machine.move_to("2026-11-03 10:00 +08:00")
    services.report_return(user=community_staff, report=submitted_on_the_2nd, comments="x")
    assert sweep_at(D(2026, 11, 5)) == 0
    assert sweep_at(D(2026, 11, 6)) == 1


def test_the_rules_are_registered():
    assert {"activities.report_waiting", "activities.report_returned"} <= set(registry.rules())
