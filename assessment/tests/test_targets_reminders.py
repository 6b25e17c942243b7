"""The target items' reminder through a sweep on the day: not 15 days before the deadline,
14 days before (the admin's figure), once per item; to the responsible person, else the
organization's secretary; overdue items too; closed when the item is done or the letter
closed; nothing for a draft letter."""

import datetime

import pytest

from accounts.tests.factories import UserFactory
from assessment.models import LetterState
from assessment.reminders import targets as t
from assessment.tests.support.targets import item, letter
from organizations.models import Role
from organizations.tests.factories import PostFactory
from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

D = datetime.date
DEADLINE = D(2026, 7, 31)
KIND = "assessment.target_items_due"


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    monkeypatch.setattr(registry, "_rules", {r.kind: r for r in t.RULES})

    def sweep(day: D) -> int:
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().created_count

    return sweep


@pytest.fixture
def signed(world):
    return letter(world.branch_a, state=LetterState.SIGNED)


def test_an_item_is_reminded_14_days_before_its_deadline_once(world, signed, sweep_at):
    secretary = UserFactory(username="sec_a")
    PostFactory(user=secretary, organization=world.branch_a, role=Role.SECRETARY)
    target = item(signed, "按期召开组织生活会", DEADLINE)
    assert sweep_at(D(2026, 7, 16)) == 0  # 15 days before
    assert sweep_at(D(2026, 7, 17)) == 1  # 14 days before
    assert sweep_at(D(2026, 7, 18)) == 0  # once
    assert sweep_at(D(2026, 8, 5)) == 0  # overdue: still the one reminder
    reminder = Reminder.objects.get(kind=KIND)
    assert (reminder.subject, reminder.recipient, reminder.organization, reminder.due_on) == (
        target,
        secretary,
        world.branch_a,
        DEADLINE,
    )
    assert reminder.period == "2026-07-31"
    assert "按期召开组织生活会" in reminder.message and signed.title in reminder.message
    assert reminder.url == f"/assessment/letters/{signed.pk}/"


def test_the_responsible_person_is_reminded_and_overdue_items_too(world, signed, sweep_at):
    owner = UserFactory(username="owner_a")
    PostFactory(user=owner, organization=world.branch_a, role=Role.COMMITTEE_MEMBER)
    item(signed, "发展党员", D(2026, 5, 31), owner=owner)
    assert sweep_at(D(2026, 6, 10)) == 1
    assert Reminder.objects.get(kind=KIND).recipient == owner


def test_the_days_are_the_admin_s_figure(world, signed, sweep_at):
    PostFactory(organization=world.branch_a, role=Role.SECRETARY)
    item(signed, "x", DEADLINE)
    Policy.objects.update_or_create(key=t.REMIND_DAYS_BEFORE_DEADLINE.key, defaults={"value": 7})
    assert sweep_at(D(2026, 7, 23)) == 0  # 8 days before
    assert sweep_at(D(2026, 7, 24)) == 1  # 7 days before


def test_done_items_and_closed_or_draft_letters_are_not_reminded(world, signed, sweep_at):
    PostFactory(organization=world.branch_a, role=Role.SECRETARY)
    target = item(signed, "x", DEADLINE)
    item(signed, "done", DEADLINE, done_by=UserFactory())
    item(letter(world.branch_b), "draft", DEADLINE)
    PostFactory(organization=world.branch_b, role=Role.SECRETARY)
    assert sweep_at(D(2026, 7, 20)) == 1
    target.done_at = datetime.datetime(2026, 7, 21, tzinfo=datetime.UTC)
    target.save()
    assert sweep_at(D(2026, 7, 22)) == 0
    assert Reminder.objects.get(kind=KIND).state == ReminderState.DONE


def test_closing_the_letter_closes_its_reminders(world, signed, sweep_at):
    PostFactory(organization=world.branch_a, role=Role.SECRETARY)
    item(signed, "x", DEADLINE)
    assert sweep_at(D(2026, 7, 20)) == 1
    signed.state = LetterState.CLOSED
    signed.save()
    assert sweep_at(D(2026, 7, 21)) == 0
    assert Reminder.objects.get(kind=KIND).state == ReminderState.DONE


def test_the_rule_reads_one_query_whatever_the_number_of_items(
    world, signed, django_assert_num_queries
):
    for n in range(5):
        item(signed, f"x{n}", DEADLINE)
    with django_assert_num_queries(2):  # the policy's figure and the items
        dues = t.target_items_due(D(2026, 7, 20))
    assert len(dues) == 5
