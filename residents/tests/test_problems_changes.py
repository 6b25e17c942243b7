"""The problem page's "Changes" card: who changed the problem and which fields; the
resident's phone is not in the history."""

import pytest
from django.urls import reverse

from residents.tests.support.households import household_world
from residents.tests.support.problems import report

pytestmark = pytest.mark.django_db


def test_the_problem_page_lists_its_changes(client, english):
    world = household_world()
    problem = report(world.staff, world.cell_a)
    problem.description = "楼道堆放杂物已清理一半"
    problem._history_user = world.staff
    problem.save()
    client.force_login(world.staff)
    page = client.get(reverse("residents:problem_detail", args=[problem.pk])).content.decode()
    card = page[page.index('data-testid="changes"') :]
    assert world.staff.username in card and "description" in card
    assert not hasattr(problem.history.first(), "resident_phone")


def test_the_admins_history_pages_of_a_problem_open_without_its_phone(client, superuser):
    world = household_world()
    problem = report(world.staff, world.cell_a, resident_phone="13712345678")
    record = problem.history.get()
    client.force_login(superuser)
    base = f"/admin/residents/problem/{problem.pk}/history/"
    assert client.get(base).status_code == 200
    response = client.get(f"{base}{record.history_id}/")
    assert response.status_code == 200
    assert "13712345678" not in response.content.decode()
