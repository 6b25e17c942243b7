"""Household visits: recorded only for a household of a cell the user sees, not for a day to
come, never without a note, nothing partial saved; and the due-visit rule at its boundary
(due on the 30th day after the last visit, not the 29th; a household never visited is due)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from policies.models import Policy
from residents.models import HouseholdVisit
from residents.rules import HOUSEHOLD_VISIT_DAYS
from residents.selectors.worker import cell_summaries_for, due_households_for, due_pairings_for
from residents.services.households import household_save
from residents.services.pairing import pairing_save
from residents.services.visits import household_visit_record
from residents.tests.support.households import household_world
from residents.tests.support.problems import report
from residents.tests.support.worker import household_in_need

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(time_machine):
    time_machine.move_to("2026-06-01 09:00 +08:00")
    return household_world()


def _refusal(**kwargs) -> dict:
    with pytest.raises(ValidationError) as refused:
        household_visit_record(**kwargs)
    return refused.value.message_dict


def test_a_visit_is_recorded_by_the_worker_of_the_cell(world):
    household = household_in_need(world.staff, world.cell_a, "甲1号")
    problem = report(world.worker, world.cell_a)
    visit = household_visit_record(
        user=world.worker,
        household=household,
        visited_on=D(2026, 6, 1),
        note="  老人身体尚好，楼道杂物待清理  ",
        problem=problem,
    )
    assert visit.visitor == world.worker and visit.note == "老人身体尚好，楼道杂物待清理"
    assert visit.problem == problem and visit.household == household


def test_bad_visits_are_refused_naming_the_field_and_nothing_is_saved(world):
    mine = household_in_need(world.staff, world.cell_a, "甲1号")
    other = household_in_need(world.staff, world.cell_b, "乙1号")
    ok = {"user": world.worker, "visited_on": D(2026, 6, 1), "note": "探望"}
    assert "household" in _refusal(**{**ok, "household": other})
    assert "household" in _refusal(**{**ok, "household": None})
    assert "visited_on" in _refusal(**{**ok, "household": mine, "visited_on": D(2026, 6, 2)})
    assert "visited_on" in _refusal(**{**ok, "household": mine, "visited_on": None})
    assert "note" in _refusal(**{**ok, "household": mine, "note": "   "})
    elsewhere = report(world.staff, world.cell_b)
    assert "problem" in _refusal(**{**ok, "household": mine, "problem": elsewhere})
    assert not HouseholdVisit.objects.exists()


def test_a_household_is_due_on_the_thirtieth_day_after_its_last_visit(world, time_machine):
    household = household_in_need(world.staff, world.cell_a, "甲1号")
    household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": "甲2号"})
    # never visited: due; a household without a resident in need never is
    assert list(due_households_for(world.worker, D(2026, 6, 1))) == [household]
    household_visit_record(
        user=world.worker, household=household, visited_on=D(2026, 6, 1), note="探望"
    )
    assert not due_households_for(world.worker, D(2026, 6, 30)).exists()  # 29 days
    due = list(due_households_for(world.worker, D(2026, 7, 1)))  # 30 days
    assert due == [household] and due[0].last_visit == D(2026, 6, 1)
    time_machine.move_to("2026-07-01 09:00 +08:00")
    household_visit_record(
        user=world.worker, household=household, visited_on=D(2026, 7, 1), note="再访"
    )
    assert not due_households_for(world.worker, D(2026, 7, 1)).exists()


def test_the_figure_is_editable_and_other_cells_are_not_listed(world):
    Policy.objects.update_or_create(key=HOUSEHOLD_VISIT_DAYS.key, defaults={"value": 10})
    household = household_in_need(world.staff, world.cell_a, "甲1号")
    other = household_in_need(world.staff, world.cell_b, "乙1号")
    household_visit_record(
        user=world.staff, household=household, visited_on=D(2026, 5, 22), note="探望"
    )
    assert not due_households_for(world.worker, D(2026, 5, 31)).exists()  # 9 days
    assert list(due_households_for(world.worker, D(2026, 6, 1))) == [household]  # 10 days
    assert set(due_households_for(world.staff, D(2026, 6, 1))) == {household, other}


def test_pairings_due_follow_the_pairing_rule_and_the_cells(world):
    household = household_in_need(world.staff, world.cell_a, "甲1号")
    other = household_in_need(world.staff, world.cell_b, "乙1号")
    mine = pairing_save(
        user=world.staff,
        household=household,
        data={"member": world.member_a, "started_on": D(2026, 3, 1)},
    )
    pairing_save(
        user=world.staff,
        household=other,
        data={"organization": world.branch_b, "started_on": D(2026, 3, 1)},
    )
    assert not due_pairings_for(world.worker, D(2026, 4, 29)).exists()  # 59 days
    assert list(due_pairings_for(world.worker, D(2026, 4, 30))) == [mine]  # 60 days
    assert due_pairings_for(world.staff, D(2026, 4, 30)).count() == 2


def test_the_cell_figures(world):
    household = household_in_need(world.staff, world.cell_a, "甲1号")
    household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": "甲2号"})
    pairing_save(
        user=world.staff,
        household=household,
        data={"member": world.member_a, "started_on": D(2026, 3, 1)},
    )
    report(world.worker, world.cell_a)
    household_in_need(world.staff, world.cell_b, "乙1号")
    (cell,) = cell_summaries_for(world.worker, D(2026, 6, 1))
    assert cell == world.cell_a
    figures = (cell.n_households, cell.n_in_need, cell.n_open_problems, cell.n_due_visits)
    assert figures == (2, 1, 1, 2)  # the household and its pairing are due a visit
