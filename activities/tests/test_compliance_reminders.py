"""The reminders of required meetings through a sweep on the day: nothing the day before,
one reminder on the day, nothing new on the next sweep, closed once the meeting is recorded."""

import datetime

import pytest

from activities.reminders import compliance as rc
from activities.tests.factories import activity_type
from activities.tests.support.compliance import ExemptionFactory, held, key, opened
from organizations.tests.factories import branch
from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

D = datetime.date


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    """Registers only the given rule, moves to the day at 9 o'clock and runs the sweep."""

    def sweep(rule, day: D):
        monkeypatch.setattr(registry, "_rules", {rule.kind: rule})
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().created_count

    return sweep


# activities.required_missing


def test_quarterly_meeting_reminds_from_seven_days_before_the_end_of_the_quarter(
    world, secretary_a, sweep_at
):
    kind = rc.REQUIRED_MISSING.kind
    assert sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 22)) == 0  # 8 days left
    assert sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 23)) == 3  # 7 days left
    assert opened(kind) == {
        (world.branch_a.name, key("branch_general_meeting", "2026-Q3")),
        (world.branch_a.name, key("party_lesson", "2026-Q3")),
        (world.group_a.name, key("party_group_meeting", "2026-09")),
    }
    assert sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 24)) == 0
    reminder = Reminder.objects.get(kind=kind, period=key("branch_general_meeting", "2026-Q3"))
    assert (reminder.recipient, reminder.due_on) == (secretary_a, D(2026, 9, 30))
    assert reminder.params["days_left"] == 7

    held(world.branch_a, "branch_general_meeting", D(2026, 9, 25))
    assert sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 25)) == 0
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.DONE
    assert (world.branch_a.name, key("party_lesson", "2026-Q3")) in opened(kind)


def test_a_meeting_on_the_first_day_of_the_next_quarter_does_not_close_the_last_one(
    world, secretary_a, sweep_at
):
    sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 23))
    held(world.branch_a, "branch_general_meeting", D(2026, 10, 1))
    sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 30))
    assert (world.branch_a.name, key("branch_general_meeting", "2026-Q3")) in opened(
        rc.REQUIRED_MISSING.kind
    )


def test_the_reminder_ends_with_its_period(world, secretary_a, sweep_at):
    sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 30))
    assert opened(rc.REQUIRED_MISSING.kind)
    sweep_at(rc.REQUIRED_MISSING, D(2026, 10, 1))
    assert opened(rc.REQUIRED_MISSING.kind) == set()


def test_the_days_left_are_a_policy_figure(world, secretary_a, sweep_at):
    Policy.objects.update_or_create(key=rc.rules.REMIND_DAYS_LEFT.key, defaults={"value": 10})
    assert sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 19)) == 0
    assert sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 20)) == 3


def test_an_exemption_means_no_reminder(world, secretary_a, sweep_at):
    ExemptionFactory(
        organization=world.branch_a,
        activity_type=activity_type("branch_general_meeting"),
        starts_on=D(2026, 7, 1),
        ends_on=D(2026, 7, 31),
    )
    ExemptionFactory(organization=world.group_a, starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 30))
    sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 23))
    assert opened(rc.REQUIRED_MISSING.kind) == {
        (world.branch_a.name, key("party_lesson", "2026-Q3"))
    }


def test_an_exemption_granted_after_the_reminder_closes_it(world, secretary_a, sweep_at):
    sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 23))
    ExemptionFactory(organization=world.branch_a, starts_on=D(2026, 9, 24), ends_on=D(2026, 12, 31))
    sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 24))
    assert opened(rc.REQUIRED_MISSING.kind) == {
        (world.group_a.name, key("party_group_meeting", "2026-09"))
    }


def test_committee_meeting_reminds_only_organizations_with_a_committee(
    world, secretary_a, secretary_b, sweep_at
):
    from organizations.tests.factories import CommitteeTermFactory

    CommitteeTermFactory(organization=world.branch_b, elected_on=D(2025, 1, 10))
    sweep_at(rc.REQUIRED_MISSING, D(2026, 8, 24))
    assert opened(rc.REQUIRED_MISSING.kind) == {
        (world.branch_b.name, key("committee_meeting", "2026-08")),
        (world.group_a.name, key("party_group_meeting", "2026-08")),
    }


def test_dissolved_or_not_yet_established_organizations_are_not_reminded(
    world, community_staff, sweep_at
):
    branch(world.community1, name="旧支部", dissolved_on=D(2026, 9, 1))
    branch(world.community1, name="新支部", established_on=D(2026, 10, 8))
    sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 23))
    names = {name for name, _period in opened(rc.REQUIRED_MISSING.kind)}
    assert names == {
        world.community1.name,
        world.branch_a.name,
        world.branch_b.name,
        world.group_a.name,
    }


def test_the_message_and_link_lead_to_the_compliance_calendar(
    world, secretary_a, sweep_at, client, english
):
    sweep_at(rc.REQUIRED_MISSING, D(2026, 9, 23))
    reminder = Reminder.objects.get(period=key("branch_general_meeting", "2026-Q3"))
    assert reminder.message == (
        f"{world.branch_a.name} has not yet held the branch general meeting of 2026-Q3: 7 days of the "
        "period are left (until 2026-09-30)."
    )
    assert reminder.url == f"/activities/compliance/?organization={world.branch_a.pk}&year=2026"
    client.force_login(secretary_a)
    assert client.get(reminder.url).status_code == 200


# activities.themed_day_missing


def test_themed_party_day_reminds_from_the_25th_and_closes_when_held(world, secretary_a, sweep_at):
    kind = rc.THEMED_DAY_MISSING.kind
    assert sweep_at(rc.THEMED_DAY_MISSING, D(2026, 10, 24)) == 0
    assert sweep_at(rc.THEMED_DAY_MISSING, D(2026, 10, 25)) == 1
    assert opened(kind) == {(world.branch_a.name, key("themed_party_day", "2026-10"))}
    assert sweep_at(rc.THEMED_DAY_MISSING, D(2026, 10, 26)) == 0
    held(world.branch_a, "themed_party_day", D(2026, 10, 26))
    sweep_at(rc.THEMED_DAY_MISSING, D(2026, 10, 27))
    assert opened(kind) == set()
    assert Reminder.objects.get(kind=kind).state == ReminderState.DONE


def test_themed_party_day_held_before_the_25th_means_no_reminder(world, secretary_a, sweep_at):
    held(world.branch_a, "themed_party_day", D(2026, 10, 3))
    assert sweep_at(rc.THEMED_DAY_MISSING, D(2026, 10, 25)) == 0


def test_themed_party_day_exempt_means_no_reminder(world, secretary_a, sweep_at):
    ExemptionFactory(
        organization=world.branch_a,
        activity_type=activity_type("themed_party_day"),
        starts_on=D(2026, 10, 1),
        ends_on=D(2026, 10, 31),
    )
    assert sweep_at(rc.THEMED_DAY_MISSING, D(2026, 10, 25)) == 0


def test_the_required_missing_rule_leaves_the_themed_day_to_its_own_rule(
    world, secretary_a, sweep_at
):
    sweep_at(rc.REQUIRED_MISSING, D(2026, 10, 28))
    assert not any(
        period == key("themed_party_day", "2026-10")
        for _name, period in opened(rc.REQUIRED_MISSING.kind)
    )


def test_the_reminder_period_fits_its_column(world, secretary_a, sweep_at):
    sweep_at(rc.REQUIRED_MISSING, D(2026, 12, 24))
    periods = [r.period for r in Reminder.objects.all()]
    assert key("organizational_life_meeting", "2026") in periods
    assert all(len(p) <= 20 for p in periods)


@pytest.mark.parametrize("extra", [0, 5])
def test_the_rules_run_a_fixed_number_of_queries(world, django_assert_num_queries, extra):
    for n in range(extra):
        org = branch(world.community2)
        held(org, "branch_general_meeting", D(2026, 9, 2))
        if n % 2:
            ExemptionFactory(organization=org, starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 30))
    # the figure, types, organizations, held activities, exemptions, committee terms
    with django_assert_num_queries(6):
        dues = rc.required_missing_due(D(2026, 9, 23))
    # branches A to D: general meeting and lesson; communities: lesson; group A: group
    # meeting; the new branches held their meeting, the exempt ones owe no lesson either
    assert len(dues) == 11 + (extra + 1) // 2
    with django_assert_num_queries(4):  # no figure, and no committee type: no terms
        rc.themed_day_missing_due(D(2026, 10, 25))
