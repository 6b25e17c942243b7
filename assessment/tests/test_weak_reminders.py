"""The reminder of a flag not yet decided: to the level above, once per flag, closed when the
flag is confirmed; and the scheduled detection over every street."""

import datetime

import pytest

from assessment.models import WeakFlag
from assessment.reminders import weak as w
from assessment.services.weak import weak_flag_confirm
from assessment.tasks import weak_flags_refresh
from assessment.tests.support.weak import flag_of, only
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

pytestmark = pytest.mark.django_db
D = datetime.date


def test_undecided_flag_reminds_the_level_above_once(
    world, community_staff, time_machine, monkeypatch
):
    monkeypatch.setattr(registry, "_rules", {w.WEAK_FLAG_UNDECIDED.kind: w.WEAK_FLAG_UNDECIDED})
    flag = flag_of(world.branch_b, world.street_committee1, on=D(2026, 9, 1))
    time_machine.move_to("2026-08-31 09:00 +08:00")
    assert run_sweep().created_count == 0  # reviewed tomorrow
    time_machine.move_to("2026-09-01 09:00 +08:00")
    assert run_sweep().created_count == 1
    reminder = Reminder.objects.get(kind="assessment.weak_flag_undecided")
    assert (reminder.recipient, reminder.organization) == (community_staff, world.community1)
    time_machine.move_to("2026-09-02 09:00 +08:00")
    assert run_sweep().created_count == 0
    weak_flag_confirm(user=community_staff, flag=flag)
    run_sweep()
    assert Reminder.objects.get(pk=reminder.pk).state == ReminderState.DONE


def test_the_scheduled_task_refreshes_every_street(world, time_machine):
    time_machine.move_to("2026-09-01 09:00 +08:00")
    only(world.street_committee1, "check_members")
    only(world.street_committee2, "check_members")
    assert weak_flags_refresh() == 4  # A, B, C and D have no full member
    assert set(WeakFlag.objects.values_list("organization_id", flat=True)) == {
        world.branch_a.pk,
        world.branch_b.pk,
        world.branch_c.pk,
        world.branch_d.pk,
    }
