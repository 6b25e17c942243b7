"""A grid worker on a phone (390 × 844): from my grid, records a problem and a household
visit through the pages, both saved, and no page is wider than the screen."""

import pytest
from django.utils import timezone

from residents.models import HouseholdVisit, Problem
from residents.tests.support.problems import category
from residents.tests.support.worker import household_in_need
from tests.browser.conftest import login

pytestmark = pytest.mark.browser

WIDTH = 390
OVERFLOW = "() => document.documentElement.scrollWidth"


def _fits(page) -> None:
    assert page.evaluate(OVERFLOW) <= WIDTH, page.url


def test_a_grid_worker_records_a_problem_and_a_visit_on_a_phone(
    page, live_server, world, grid_worker
):
    household = household_in_need(grid_worker, world.branch_a.grid_cell, "幸福里小区3栋2单元501室")
    page.set_viewport_size({"width": WIDTH, "height": 844})
    login(page, live_server, "grid_worker")

    page.goto("/residents/worker/")
    _fits(page)
    cell = page.locator("[data-testid=cell]")
    assert cell.count() == 1
    assert cell.locator("[data-testid=due-visits]").inner_text() == "1"

    # a problem: the only cell is chosen already, the channel is a visit
    page.click("[data-testid=record-problem]")
    page.wait_for_url("**/residents/worker/problem/")
    _fits(page)
    page.select_option("#id_category", value=str(category().pk))
    page.fill("#id_resident_name", "张阿姨")
    page.fill("#id_resident_phone", "13912345678")
    page.fill("#id_description", "楼道堆放杂物，影响通行")
    page.click("[data-testid=problem-form] button[type=submit]")
    page.wait_for_url("**/residents/worker/")
    assert page.locator(".alert-success").is_visible()
    _fits(page)
    problem = Problem.objects.get()
    assert problem.reporter == grid_worker and problem.grid_cell == world.branch_a.grid_cell
    assert problem.description == "楼道堆放杂物，影响通行" and problem.channel == "visit"
    assert cell.locator("[data-testid=open-problems]").inner_text() == "1"

    # a visit: from the household list, the date is today already
    page.click("[data-testid=cells] a[href*='/residents/worker/households/']")
    page.wait_for_url("**/residents/worker/households/**")
    _fits(page)
    page.click(f"a[href$='/residents/worker/visit/?household={household.pk}']")
    page.wait_for_url("**/residents/worker/visit/**")
    _fits(page)
    page.fill("#id_note", "老人身体尚好，已登记楼道杂物问题")
    page.select_option("#id_problem", value=str(problem.pk))
    page.click("[data-testid=visit-form] button[type=submit]")
    page.wait_for_url("**/residents/worker/")
    assert page.locator(".alert-success").is_visible()
    visit = HouseholdVisit.objects.get()
    assert (visit.household, visit.visitor, visit.problem) == (household, grid_worker, problem)
    assert visit.visited_on == timezone.localdate()
    assert page.locator("[data-testid=due-visits]").inner_text() == "0"

    for url in ("/residents/worker/problems/", "/residents/worker/due/"):
        page.goto(url)
        _fits(page)
