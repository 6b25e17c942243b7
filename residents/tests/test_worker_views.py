"""The grid worker's pages: the home's figures in a fixed number of queries whatever the
number of cells, a worker of another cell refused its households, recording a visit and a
problem through the pages, the lists of open problems and of visits due."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from grid.tests.factories import GridWorkerAssignmentFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory, branch
from residents.models import HouseholdVisit, Problem
from residents.tests.support.households import household_world
from residents.tests.support.problems import category, report
from residents.tests.support.worker import household_in_need

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(time_machine):
    time_machine.move_to("2026-06-01 09:00 +08:00")
    return household_world()


def _home(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(16) as queries:
        response = client.get(reverse("residents:worker_home"))
    response.queries = len(queries)
    return response


def test_the_home_counts_in_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    household_in_need(world.staff, world.cell_a, "甲1号")
    report(world.worker, world.cell_a)
    client.force_login(world.worker)
    response = _home(client, django_assert_max_num_queries)
    one_cell = response.queries
    assert response.status_code == 200
    assert len(response.context["cells"]) == 1
    text = response.content.decode()
    assert world.cell_a.name in text and world.cell_b.name not in text
    # more cells, each with records: no more queries
    committee = world.branch_a.parent
    for i in range(4):
        cell = branch(committee).grid_cell
        GridWorkerAssignmentFactory(grid_cell=cell, user=world.worker, started_on=D(2024, 1, 1))
        household_in_need(world.staff, cell, f"丙{i}号")
        report(world.staff, cell)
    response = _home(client, django_assert_max_num_queries)
    cells = response.context["cells"]
    assert len(cells) == 5 and all(c.n_due_visits == 1 for c in cells)
    assert response.queries == one_cell


def test_the_households_list_searches_and_refuses_other_cells(world, client):
    household_in_need(world.staff, world.cell_a, "幸福路1号")
    household_in_need(world.staff, world.cell_a, "和平路2号")
    other = household_in_need(world.staff, world.cell_b, "幸福路9号")
    client.force_login(world.worker)
    text = client.get(reverse("residents:worker_households"), {"q": "幸福"}).content.decode()
    assert "幸福路1号" in text and "和平路2号" not in text and "幸福路9号" not in text
    url = reverse("residents:worker_visit")
    assert client.get(url, {"household": other.pk}).status_code == 404
    assert client.get(url, {"household": "x"}).status_code == 404
    response = client.post(url, {"household": other.pk, "visited_on": "2026-06-01", "note": "探望"})
    assert response.status_code == 200 and "household" in response.context["form"].errors
    assert not HouseholdVisit.objects.exists()


def test_a_visit_is_recorded_through_the_page(world, client):
    household = household_in_need(world.staff, world.cell_a, "甲1号")
    client.force_login(world.worker)
    url = reverse("residents:worker_visit")
    response = client.get(url, {"household": household.pk})
    assert response.context["form"]["visited_on"].value() == D(2026, 6, 1)
    assert response.context["form"]["household"].value() == household.pk
    response = client.post(url, {"household": household.pk, "visited_on": "2026-06-01"})
    assert "note" in response.context["form"].errors
    response = client.post(
        url, {"household": household.pk, "visited_on": "2026-06-02", "note": "老人安好"}
    )
    assert "visited_on" in response.context["form"].errors  # the service's refusal
    response = client.post(
        url, {"household": household.pk, "visited_on": "2026-06-01", "note": "老人安好"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("residents:worker_home")
    visit = HouseholdVisit.objects.get()
    assert (visit.household, visit.visitor, visit.note) == (household, world.worker, "老人安好")
    text = client.get(reverse("residents:worker_households")).content.decode()
    assert "2026-06-01" in text


def test_a_problem_is_recorded_through_the_page_in_my_cell_only(world, client):
    client.force_login(world.worker)
    url = reverse("residents:worker_problem")
    form = client.get(url).context["form"]
    assert form["grid_cell"].value() == world.cell_a.pk  # my only cell, chosen already
    data = {
        "grid_cell": world.cell_b.pk,
        "category": category().pk,
        "channel": "visit",
        "description": "楼道灯坏了",
    }
    response = client.post(url, data)
    assert "grid_cell" in response.context["form"].errors and not Problem.objects.exists()
    response = client.post(url, {**data, "grid_cell": world.cell_a.pk})
    assert response["Location"] == reverse("residents:worker_home")
    problem = Problem.objects.get()
    assert (problem.reporter, problem.grid_cell) == (world.worker, world.cell_a)


def test_open_problems_and_visits_due(world, client, time_machine, django_assert_max_num_queries):
    household_in_need(world.staff, world.cell_a, "甲1号")
    household_in_need(world.staff, world.cell_b, "乙1号")
    for _ in range(3):
        report(world.worker, world.cell_a, code="public_security")  # 3 days
    report(world.staff, world.cell_b, description="别处的问题")
    time_machine.move_to("2026-06-05 09:00 +08:00")
    client.force_login(world.worker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("residents:worker_problems"))
    text = response.content.decode()
    assert text.count('data-testid="overdue"') == 3 and "别处的问题" not in text
    with django_assert_max_num_queries(12):
        text = client.get(reverse("residents:worker_due")).content.decode()
    assert "甲1号" in text and "乙1号" not in text


def test_a_secretary_uses_the_pages_over_their_branch_cell(world, client):
    household_in_need(world.staff, world.cell_a, "甲1号")
    client.force_login(world.secretary)
    text = client.get(reverse("residents:worker_households")).content.decode()
    assert "甲1号" in text
    nobody = PostFactory(organization=world.branch_b, role=Role.SECRETARY).user
    client.force_login(nobody)
    text = client.get(reverse("residents:worker_households")).content.decode()
    assert "甲1号" not in text


def test_the_navigation_links_my_grid_for_users_with_grid_cells(world, client):
    client.force_login(world.worker)
    text = client.get(reverse("home")).content.decode()
    assert 'data-testid="nav-my-grid"' in text and 'data-testid="nav-worker"' in text
    client.force_login(world.staff)
    text = client.get(reverse("home")).content.decode()
    assert 'data-testid="nav-my-grid"' not in text and 'data-testid="nav-worker"' in text
    client.force_login(UserFactory())
    text = client.get(reverse("home")).content.decode()
    assert 'data-testid="nav-worker"' not in text
