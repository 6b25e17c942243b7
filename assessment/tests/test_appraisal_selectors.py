"""Appraisals as each post reads them: a secretary their branch's only, the community its
branches', the street its subtree's, another street nothing; who may change and who may
confirm; the list with its counts in one query."""

import pytest

from assessment.selectors.appraisals import (
    may_confirm_appraisal,
    may_manage_appraisal,
    missing_members,
    openable_branches_for,
    visible_appraisals_for,
)
from assessment.services.appraisals import appraisal_decide
from assessment.tests.support.appraisals import MEETING, TODAY, graded, members, opened
from organizations import scoping


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY)


@pytest.fixture
def appraisals(world, street_staff):
    a, entries = opened(street_staff, world.branch_a, 3)
    appraisal_decide(
        user=street_staff, appraisal=a, meeting_date=MEETING, grades=graded(entries, 1, 1)
    )
    b, _ = opened(street_staff, world.branch_b, 2)
    c, _ = opened(street_staff, world.branch_c, 2)
    return a, b, c


def _names(user) -> set[str]:
    return {a.organization.name for a in visible_appraisals_for(user)}


def test_each_post_reads_its_scope(
    appraisals, secretary_a, community_staff, street_staff, other_street_staff
):
    assert _names(secretary_a) == {"A支部"}
    assert _names(community_staff) == {"A支部", "B支部"}
    assert _names(street_staff) == {"A支部", "B支部", "C支部"}
    assert _names(other_street_staff) == set()


def test_the_list_carries_its_counts_in_one_query(
    appraisals, street_staff, django_assert_num_queries
):
    scoping.scope_for(street_staff)  # computed once per request: not the list's query
    with django_assert_num_queries(1):
        rows = {a.organization.name: a for a in visible_appraisals_for(street_staff)}
    a = rows["A支部"]
    assert (a.entry_count, a.top_count, a.failing_count) == (3, 1, 1)


def test_who_changes_and_who_confirms(appraisals, secretary_a, community_staff, secretary_b):
    a = appraisals[0]
    assert may_manage_appraisal(secretary_a, a) and not may_confirm_appraisal(secretary_a, a)
    assert may_confirm_appraisal(community_staff, a)
    assert not may_manage_appraisal(secretary_b, a) and not may_confirm_appraisal(secretary_b, a)


def test_openable_branches_and_missing_members(world, appraisals, secretary_a, community_staff):
    assert list(openable_branches_for(secretary_a)) == [world.branch_a]
    assert set(openable_branches_for(community_staff)) == {world.branch_a, world.branch_b}
    late = members(world.branch_b, 1)[0]
    assert missing_members(appraisals[1]) == [late]
