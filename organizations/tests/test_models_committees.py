"""Committee terms: 3 or 5 years, counted in calendar years, and a committee's size within the
figures of the branch work regulations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from organizations.models import CommitteeTerm
from organizations.tests.factories import CommitteeTermFactory

D = datetime.date


def test_a_term_ends_its_length_in_calendar_years_after_the_election(world):
    term = CommitteeTermFactory(organization=world.branch_a, elected_on=D(2024, 2, 29))
    assert term.ends_on == D(2027, 2, 28)
    five = CommitteeTermFactory(
        organization=world.community1, elected_on=D(2021, 6, 30), term_years=5, seats=7
    )
    assert five.ends_on == D(2026, 6, 30)


@pytest.mark.parametrize(("seats", "valid"), [(2, False), (3, True), (7, True), (8, False)])
def test_a_branch_committee_has_3_to_7_members(world, seats, valid):
    term = CommitteeTerm(organization=world.branch_a, elected_on=D(2024, 3, 1), seats=seats)
    if valid:
        term.full_clean()
    else:
        with pytest.raises(ValidationError) as refused:
            term.full_clean()
        assert list(refused.value.message_dict) == ["seats"]


@pytest.mark.parametrize(("seats", "valid"), [(2, False), (3, True), (15, True), (16, False)])
def test_a_higher_committee_has_3_to_15_members(world, seats, valid):
    term = CommitteeTerm(organization=world.community1, elected_on=D(2024, 3, 1), seats=seats)
    if valid:
        term.full_clean()
    else:
        with pytest.raises(ValidationError):
            term.full_clean()


def test_the_seat_figures_are_the_admins(world):
    from policies.models import Policy

    Policy.objects.update_or_create(key="branch.committee_max_seats", defaults={"value": 9})
    CommitteeTerm(organization=world.branch_a, elected_on=D(2024, 3, 1), seats=9).full_clean()


def test_a_party_group_elects_no_committee(world):
    term = CommitteeTerm(organization=world.group_a, elected_on=D(2024, 3, 1), seats=3)
    with pytest.raises(ValidationError) as refused:
        term.full_clean()
    assert list(refused.value.message_dict) == ["organization"]


def test_a_term_lasts_3_or_5_years_only(world):
    term = CommitteeTerm(
        organization=world.branch_a, elected_on=D(2024, 3, 1), seats=5, term_years=4
    )
    with pytest.raises(ValidationError):
        term.full_clean()


def test_a_term_is_current_from_its_election_until_the_day_before_it_ends(world):
    today = timezone.localdate()
    ends_today = CommitteeTerm(organization=world.branch_a, elected_on=today, term_years=3)
    ends_today.ends_on = today
    assert not ends_today.is_current
    running = CommitteeTermFactory(organization=world.branch_b, elected_on=today)
    assert running.is_current
