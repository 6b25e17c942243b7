"""The reminder rule on a branch's size: a branch with fewer than 3 full members reminds the
level above once a quarter, until it has enough."""

import datetime

import pytest

from members.tests.factories import MemberFactory
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

# these tests read message texts: they run in English whatever the catalogue says
pytestmark = pytest.mark.usefixtures("english")

TODAY = datetime.date(2026, 11, 10)


def full_members(branch, count: int) -> list:
    return MemberFactory.create_batch(count, organization=branch)


def branch_reminders(branch):
    return Reminder.objects.filter(kind="organizations.branch_too_small", object_id=branch.pk)


def test_a_branch_with_2_full_members_reminds_the_level_above_once(world, community_staff):
    full_members(world.branch_a, 2)
    run_sweep(TODAY)
    run_sweep(TODAY + datetime.timedelta(days=1))
    reminder = branch_reminders(world.branch_a).get()
    assert (reminder.organization, reminder.recipient) == (world.community1, community_staff)
    assert reminder.period == "2026Q4"
    assert reminder.message == "A支部 has 2 full members; a branch needs at least 3."


def test_a_branch_with_3_full_members_is_not_flagged(world, community_staff):
    full_members(world.branch_a, 3)
    run_sweep(TODAY)
    assert not branch_reminders(world.branch_a).exists()


def test_the_reminder_closes_once_the_branch_has_3_full_members(world, community_staff):
    full_members(world.branch_a, 2)
    run_sweep(TODAY)
    full_members(world.branch_a, 1)
    run_sweep(TODAY + datetime.timedelta(days=1))
    assert branch_reminders(world.branch_a).get().state == ReminderState.DONE
