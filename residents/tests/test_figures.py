"""The residents' figures, figure by figure on small hand-built data and at their boundaries:
households in need by category, pairings in force on the period's last day, problems opened
(not the day before the period, not merged duplicates), open and overdue today, resolved
within the deadline (on the due day yes, the day after no), the median days, the
satisfaction; communities add up their cells; a fixed number of queries."""

import datetime

import pytest
import time_machine

from grid.tests.factories import GridCellFactory
from residents.models.problems import ProblemState, Satisfaction
from residents.selectors.figures import default_period, figures_for
from residents.tests.support.figures import (
    at,
    confirmed,
    household,
    pairing,
    problem,
    reopened,
    resolved,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 2)
START, END = D(2026, 10, 1), D(2026, 10, 31)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def data(world):
    cell_a, cell_b = world.branch_a.grid_cell, world.branch_b.grid_cell
    # cell A: two households in need, one whose need is resolved, one without any
    h1 = household(cell_a, ("laid_off", "elderly_alone"))
    h2 = household(cell_a, ("laid_off",), ("laid_off",))
    h3 = household(cell_a, ("disabled",), status="resolved")
    household(cell_a)
    pairing(h1, D(2026, 1, 1), END - datetime.timedelta(days=1))  # ended the day before
    pairing(h2, D(2026, 1, 1), END)  # ends on the last day: in force
    pairing(h3, D(2026, 1, 1))  # in force, but no longer in need
    # cell B: one household in need, paired only from the day after the period
    h4 = household(cell_b, ("disabled",))
    pairing(h4, END + datetime.timedelta(days=1))

    before = START - datetime.timedelta(days=1)
    problems = {
        # reported the day before the period, resolved on its due day, satisfied
        "p1": problem(
            cell_a,
            before,
            state=ProblemState.CONFIRMED,
            satisfaction=Satisfaction.SATISFIED,
            steps=[resolved(before + datetime.timedelta(days=5)), confirmed(D(2026, 10, 6))],
        ),
        # resolved the day after its due day, basically satisfied
        "p2": problem(
            cell_a,
            START,
            state=ProblemState.CONFIRMED,
            satisfaction=Satisfaction.BASICALLY,
            steps=[resolved(START + datetime.timedelta(days=6)), confirmed(D(2026, 10, 8))],
        ),
        # open and overdue (due 15 October)
        "p3": problem(cell_a, D(2026, 10, 10)),
        # reported on the last day: opened, open, not overdue
        "p5": problem(cell_a, END),
        # resolved, not satisfied, reopened and resolved again after the period
        "p6": problem(
            cell_a,
            D(2026, 10, 2),
            state=ProblemState.RESOLVED,
            satisfaction=Satisfaction.NOT_SATISFIED,
            steps=[resolved(D(2026, 10, 3)), reopened(D(2026, 10, 4)), resolved(D(2026, 11, 1))],
        ),
        # cell B: resolved the next day, satisfied
        "b1": problem(
            cell_b,
            D(2026, 10, 15),
            state=ProblemState.CONFIRMED,
            satisfaction=Satisfaction.SATISFIED,
            steps=[resolved(D(2026, 10, 16)), confirmed(D(2026, 10, 17))],
        ),
    }
    # a duplicate merged into p3: not opened
    problems["p4"] = problem(
        cell_a, D(2026, 10, 20), state=ProblemState.MERGED, merged_into=problems["p3"]
    )
    return problems


def _by_name(rows):
    return {row.name: row for row in rows}


def test_default_period_is_the_year_to_today():
    assert default_period(TODAY) == (D(2026, 1, 1), TODAY)


def test_each_figure_of_a_grid_cell(data, world, superuser):
    figures = figures_for(superuser, START, END)
    row = _by_name(figures.cells)[world.branch_a.grid_cell.name]
    codes = [category.code for category in figures.categories]
    by_category = dict(zip(codes, row.by_category, strict=True))
    assert (row.households, row.in_need) == (4, 2)
    assert by_category["laid_off"] == 2 and by_category["elderly_alone"] == 1
    assert by_category["disabled"] == 0  # h3's need is resolved
    assert (row.paired, row.paired_share) == (1, 50.0)
    assert (row.opened, row.open_now, row.overdue_now) == (4, 2, 1)
    assert row.longest_open_days == (TODAY - D(2026, 10, 10)).days
    assert (row.resolved, row.within_deadline, row.within_deadline_share) == (2, 1, 50.0)
    assert row.median_days == 5.5
    assert (row.satisfied, row.basically, row.not_satisfied) == (1, 1, 1)
    assert row.satisfied_share == 66.7


def test_a_community_adds_up_its_cells_and_the_total_all(data, world, superuser):
    figures = figures_for(superuser, START, END)
    community = _by_name(figures.communities)[world.community1.community.name]
    assert (community.households, community.in_need, community.paired) == (5, 3, 1)
    assert community.paired_share == 33.3
    assert (community.resolved, community.within_deadline) == (3, 2)
    assert community.median_days == 5  # of 5, 6 and 1 days, not a mean of medians
    assert (community.satisfied, community.basically, community.not_satisfied) == (2, 1, 1)
    empty = _by_name(figures.communities)[world.community2.community.name]
    assert (empty.households, empty.resolved, empty.median_days, empty.paired_share) == (
        0,
        0,
        None,
        None,
    )
    assert figures.total.households == sum(row.households for row in figures.cells)
    assert figures.total.opened == 5


def test_a_pairing_ending_on_the_last_day_is_in_force_the_day_before_is_not(world, superuser):
    cell = world.branch_a.grid_cell
    for ended in (END - datetime.timedelta(days=1), END, None):
        pairing(household(cell, ("other",)), START, ended)
    pairing(household(cell, ("other",)), END + datetime.timedelta(days=1))
    row = _by_name(figures_for(superuser, START, END).cells)[cell.name]
    assert (row.in_need, row.paired) == (4, 2)


def test_a_problem_counts_in_the_period_by_its_local_day(world, superuser):
    cell = world.branch_a.grid_cell
    problem(cell, START - datetime.timedelta(days=1))
    problem(cell, START)
    problem(cell, END)
    problem(cell, END + datetime.timedelta(days=1))
    # resolved at 23:30 on the last day (local time) counts, at 00:10 the day after not
    late = problem(
        cell, D(2026, 10, 20), state=ProblemState.RESOLVED, steps=[resolved(at(END, 23, 30))]
    )
    problem(
        cell,
        D(2026, 10, 20),
        state=ProblemState.RESOLVED,
        steps=[resolved(at(END + datetime.timedelta(days=1), 0, 10))],
    )
    row = _by_name(figures_for(superuser, START, END).cells)[cell.name]
    assert row.opened == 4  # the first three, and the two resolved ones, less the day after
    assert row.resolved == 1
    assert row.days_to_resolve == [(END - late.reported_on).days]
    assert row.within_deadline == 0  # due 25 October


def test_a_reopened_problem_is_open_not_resolved(world, superuser):
    cell = world.branch_a.grid_cell
    problem(
        cell,
        START,
        state=ProblemState.REOPENED,
        satisfaction=Satisfaction.NOT_SATISFIED,
        steps=[resolved(D(2026, 10, 2)), reopened(D(2026, 10, 3))],
        due_on=D(2026, 10, 8),
    )
    row = _by_name(figures_for(superuser, START, END).cells)[cell.name]
    assert (row.resolved, row.open_now, row.overdue_now, row.not_satisfied) == (0, 1, 1, 1)
    assert row.median_days is None and row.satisfied_share == 0.0


def test_overdue_is_counted_as_of_today(world, superuser):
    cell = world.branch_a.grid_cell
    problem(cell, START, due_on=TODAY)
    problem(cell, START, due_on=TODAY - datetime.timedelta(days=1))
    row = _by_name(figures_for(superuser, START, END).cells)[cell.name]
    assert (row.open_now, row.overdue_now) == (2, 1)


def test_the_query_count_does_not_grow_with_the_cells(
    world, superuser, django_assert_max_num_queries
):
    def add_cell():
        cell = GridCellFactory(community=world.community1.community)
        home = household(cell, ("laid_off",), ("disabled",))
        pairing(home, START)
        problem(cell, START, state=ProblemState.RESOLVED, steps=[resolved(D(2026, 10, 3))])
        problem(cell, START)
        return cell

    community = world.community2.community
    for _ in range(2):
        cell = add_cell()
        cell.community = community
        cell.save()
    with django_assert_max_num_queries(20) as few:
        small = figures_for(superuser, START, END, community=community)
    assert len(small.cells) == 3  # branch C's and the two added
    for _ in range(4):
        cell = add_cell()
        cell.community = community
        cell.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = figures_for(superuser, START, END, community=community)
    assert len(large.cells) == 7
    assert large.total.resolved == 6 and large.total.paired == 6
