"""organizations.term_ending through a sweep: 90 days ahead, once, closed by the election."""

import datetime

import pytest

from organizations.tests.factories import CommitteeTermFactory, branch
from policies.models import Policy
from reminders import registry
from reminders.models import Reminder, ReminderState
from reminders.rules.organizations import RULES, TERM_ENDING
from reminders.services.sweep import run_sweep

D = datetime.date


@pytest.fixture
def sweep_at(time_machine, monkeypatch):
    monkeypatch.setattr(registry, "_rules", {r.kind: r for r in RULES})

    def sweep(day: D) -> int:
        time_machine.move_to(f"{day.isoformat()} 09:00 +08:00")
        return run_sweep().created_count

    return sweep


@pytest.fixture
def term(world):
    """Elected 2022-06-01 for 3 years: ends 2025-06-01, reminded from 2025-03-03."""
    return CommitteeTermFactory(organization=world.branch_a, elected_on=D(2022, 6, 1))


def test_ending_term_is_reminded_90_days_ahead_and_once(world, secretary_a, term, sweep_at, client):
    assert D(2025, 6, 1) - D(2025, 3, 3) == datetime.timedelta(days=90)
    assert sweep_at(D(2025, 3, 2)) == 0
    assert sweep_at(D(2025, 3, 3)) == 1
    assert sweep_at(D(2025, 3, 4)) == 0
    assert sweep_at(D(2025, 7, 1)) == 0  # ended without an election: still the same one
    reminder = Reminder.objects.get()
    assert (reminder.subject, reminder.recipient, reminder.period) == (
        term,
        secretary_a,
        "2025-06-01",
    )
    assert "A支部" in reminder.message and "2025-06-01" in reminder.message
    assert reminder.url == f"/organizations/{world.branch_a.pk}/"
    client.force_login(secretary_a)
    assert client.get(reminder.url).status_code == 200


def test_electing_a_new_committee_closes_the_reminder(world, secretary_a, term, sweep_at):
    sweep_at(D(2025, 3, 3))
    CommitteeTermFactory(organization=world.branch_a, elected_on=D(2025, 5, 20))
    assert sweep_at(D(2025, 5, 21)) == 0
    assert Reminder.objects.get().state == ReminderState.DONE


def test_only_the_latest_term_of_an_organization_is_reminded(world, secretary_a, sweep_at):
    CommitteeTermFactory(organization=world.branch_a, elected_on=D(2016, 6, 1))
    latest = CommitteeTermFactory(organization=world.branch_a, elected_on=D(2019, 6, 1))
    assert sweep_at(D(2025, 3, 3)) == 1
    assert Reminder.objects.get().subject == latest


def test_dissolved_organization_is_not_reminded(world, secretary_a, term, sweep_at):
    world.branch_a.dissolved_on = D(2025, 1, 1)
    world.branch_a.save()
    assert sweep_at(D(2025, 3, 3)) == 0


def test_the_days_ahead_are_admin_data(world, secretary_a, term, sweep_at):
    Policy.objects.update_or_create(key="reminders.term_ending_days", defaults={"value": 30})
    assert sweep_at(D(2025, 5, 1)) == 0
    assert sweep_at(D(2025, 5, 2)) == 1


@pytest.mark.parametrize("n", [2, 12])
def test_terms_due_are_read_in_two_queries(world, n, django_assert_num_queries):
    for i in range(n):
        organization = branch(world.community1, name=f"支部{i}")
        CommitteeTermFactory(organization=organization, elected_on=D(2019, 6, 1))
        CommitteeTermFactory(organization=organization, elected_on=D(2022, 6, 1))
    # the figure, the latest terms with their organization
    with django_assert_num_queries(2):
        due = TERM_ENDING.due(D(2025, 3, 3))
    assert len(due) == n
