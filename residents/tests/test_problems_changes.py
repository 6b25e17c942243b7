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
