"""The appraisal reminder through a sweep on the day: not on 30 November, from 1 December
(30 days before 31 December, the admin's figure) to the branch's secretary, once per branch
and year, for branches with members and no decided appraisal; deciding closes it."""

import datetime

import pytest

from assessment.reminders import appraisals as rule_module
from assessment.services.appraisals import appraisal_decide
from assessment.tests.support.appraisals import graded, members, opened
from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

D = datetime.date


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    monkeypatch.setattr(registry, "_rules", {r.kind: r for r in rule_module.RULES})

    def sweep(day: D) -> int:
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().created_count

    return sweep


def test_not_on_30_november_then_from_1_december_once(world, secretary_a, sweep_at):
    members(world.branch_a, 2)  # branches B, C, D have no members: nothing to appraise
    assert sweep_at(D(2026, 11, 30)) == 0
    assert sweep_at(D(2026, 12, 1)) == 1
    reminder = Reminder.objects.get()
    assert (reminder.object_id, reminder.period, reminder.recipient) == (
        world.branch_a.pk,
        "2026",
        secretary_a,
    )
    assert reminder.due_on == D(2026, 12, 31)
    assert sweep_at(D(2026, 12, 31)) == 0
    assert Reminder.objects.count() == 1


def test_the_admins_figure_moves_the_first_day(world, secretary_a, sweep_at):
    members(world.branch_a, 1)
    Policy.objects.update_or_create(
        key="assessment.appraisal_remind_days_left", defaults={"value": 10}
    )
    assert sweep_at(D(2026, 12, 20)) == 0
    assert sweep_at(D(2026, 12, 21)) == 1


def test_deciding_closes_it_and_an_open_appraisal_does_not(world, secretary_a, sweep_at):
    sweep_at(D(2026, 12, 2))
    appraisal, entries = opened(secretary_a, world.branch_a, 2)
    assert sweep_at(D(2026, 12, 3)) == 1  # open is not decided
    appraisal_decide(
        user=secretary_a,
        appraisal=appraisal,
        meeting_date=D(2026, 12, 3),
        grades=graded(entries),
    )
    sweep_at(D(2026, 12, 4))
    assert Reminder.objects.get().state == ReminderState.DONE
    assert not rule_module.appraisal_not_held_due(D(2026, 12, 4))
