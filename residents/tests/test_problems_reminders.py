"""A problem's deadline through the daily sweep on its days: the reminder 2 days before the
deadline (nothing the day before that), no escalation on the deadline day, escalation to the
community the day after (and to the street after the community's deadline), each escalation
reminding the new level's responsible person."""

import datetime

import pytest

from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep
from residents.models import ProblemLevel, ProblemState
from residents.reminders import problems as r
from residents.services import problems as services
from residents.tests.support.problems import report

D = datetime.date


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    """Only the problems' rules and step; moves to the day at 9 o'clock and runs the sweep."""

    def sweep(day: D) -> dict:
        monkeypatch.setattr(
            registry,
            "_rules",
            {rule.kind: rule for rule in (r.PROBLEM_DUE_SOON, r.PROBLEM_ESCALATED)},
        )
        monkeypatch.setattr(
            registry, "_steps", {"residents.escalate_overdue_problems": services.escalate_overdue}
        )
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().details

    return sweep


@pytest.fixture
def problem(world, grid_worker, secretary_a, time_machine):
    """An environment problem (5 days) reported on 2 November late in the evening: due on the 7th."""
    time_machine.move_to("2026-11-02 23:30 +08:00")
    return report(grid_worker, world.branch_a.grid_cell)


def _reminders(kind):
    return list(Reminder.objects.filter(kind=kind).order_by("pk"))


def test_the_deadline_is_counted_from_the_local_day(problem):
    assert (problem.reported_on, problem.due_on) == (D(2026, 11, 2), D(2026, 11, 7))


def test_due_soon_starts_two_days_before_the_deadline(problem, sweep_at, secretary_a, world):
    assert sweep_at(D(2026, 11, 4))["residents.problem_due_soon"] == 0
    assert sweep_at(D(2026, 11, 5))["residents.problem_due_soon"] == 1
    assert sweep_at(D(2026, 11, 6))["residents.problem_due_soon"] == 0  # once per deadline
    [reminder] = _reminders("residents.problem_due_soon")
    assert (reminder.recipient, reminder.organization, reminder.period) == (
        secretary_a,
        world.branch_a,
        "2026-11-07",
    )


def test_due_soon_goes_to_the_assignee(problem, sweep_at, grid_worker, secretary_a):
    services.problem_assign(secretary_a, problem, assignee=grid_worker)
    sweep_at(D(2026, 11, 5))
    [reminder] = _reminders("residents.problem_due_soon")
    assert reminder.recipient == grid_worker


def test_the_days_before_are_a_policy(problem, sweep_at):
    Policy.objects.update_or_create(key="residents.problem_due_soon_days", defaults={"value": 0})
    assert sweep_at(D(2026, 11, 6))["residents.problem_due_soon"] == 0
    assert sweep_at(D(2026, 11, 7))["residents.problem_due_soon"] == 1


def test_no_escalation_on_the_deadline_day_then_escalated_the_day_after(
    problem, sweep_at, community_staff, world
):
    assert sweep_at(D(2026, 11, 7))["residents.escalate_overdue_problems: escalated"] == 0
    problem.refresh_from_db()
    assert problem.level == ProblemLevel.GRID
    details = sweep_at(D(2026, 11, 8))
    assert details["residents.escalate_overdue_problems: escalated"] == 1
    problem.refresh_from_db()
    assert (problem.level, problem.state, problem.organization) == (
        ProblemLevel.COMMUNITY,
        ProblemState.ESCALATED,
        world.community1,
    )
    assert problem.due_on == D(2026, 11, 13)
    event = problem.events.last()
    assert (event.action, event.by, event.state_before) == ("auto_escalated", None, "reported")
    [escalated] = _reminders("residents.problem_escalated")
    assert (escalated.recipient, escalated.period) == (community_staff, "community-2026-11-13")
    # the grid's due-soon reminder of the old deadline is closed
    [old] = _reminders("residents.problem_due_soon")
    assert old.state == ReminderState.DONE


def test_after_the_community_deadline_the_street(problem, sweep_at, street_staff, world):
    sweep_at(D(2026, 11, 8))
    assert sweep_at(D(2026, 11, 13))["residents.escalate_overdue_problems: escalated"] == 0
    assert sweep_at(D(2026, 11, 14))["residents.escalate_overdue_problems: escalated"] == 1
    problem.refresh_from_db()
    assert (problem.level, problem.organization, problem.due_on) == (
        ProblemLevel.STREET,
        world.street_committee1,
        D(2026, 11, 19),
    )
    assert sweep_at(D(2026, 11, 20))["residents.escalate_overdue_problems: escalated"] == 0
    problem.refresh_from_db()
    assert problem.level == ProblemLevel.STREET  # the top: it stays overdue, reminded
    assert Reminder.objects.filter(
        kind="residents.problem_due_soon", recipient=street_staff, period="2026-11-19"
    ).exists()


def test_an_assignment_at_the_new_level_closes_the_escalation_reminder(
    problem, sweep_at, community_staff
):
    sweep_at(D(2026, 11, 8))
    problem.refresh_from_db()
    services.problem_assign(community_staff, problem, assignee=community_staff)
    sweep_at(D(2026, 11, 9))
    [escalated] = _reminders("residents.problem_escalated")
    assert escalated.state == ReminderState.DONE


def test_a_resolved_problem_is_neither_reminded_nor_escalated(problem, sweep_at, grid_worker):
    services.problem_assign(grid_worker, problem, assignee=grid_worker)
    services.problem_start(grid_worker, problem)
    services.problem_resolve(grid_worker, problem, resolution="已处理")
    details = sweep_at(D(2026, 11, 9))
    assert details["residents.problem_due_soon"] == 0
    assert details["residents.escalate_overdue_problems: escalated"] == 0
