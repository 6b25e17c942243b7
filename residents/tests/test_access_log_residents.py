"""Unmaskings of residents' data in the access log, with the street of the grid cell."""

import pytest

from organizations.models import AccessEvent, AccessKind
from residents.models import NeedCategory
from residents.services.access import problem_phone_reveal, resident_reveal
from residents.services.households import household_save, resident_save
from residents.tests.support.households import household_world
from residents.tests.support.problems import report

pytestmark = pytest.mark.django_db


def test_showing_a_residents_data_and_a_problems_phone_is_logged_for_the_street():
    world = household_world()
    household = household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": "1号"})
    resident = resident_save(
        user=world.staff,
        household=household,
        data={"name": "王大爷", "phone": "13912345678", "id_number": "320102198001011234"},
        categories=NeedCategory.objects.filter(code="laid_off"),
    )
    problem = report(world.staff, world.cell_a)
    resident_reveal(user=world.staff, resident=resident, channel="page")
    problem_phone_reveal(user=world.staff, problem=problem, channel="api")
    events = list(AccessEvent.objects.filter(kind=AccessKind.UNMASK).order_by("pk"))
    assert [e.what for e in events] == [
        f"resident #{resident.pk} 王大爷: id_number,phone (page)",
        f"problem #{problem.pk}: phone (api)",
    ]
    street = world.street_org.street
    assert {(e.user, e.street) for e in events} == {(world.staff, street)}
    assert "13912345678" not in events[0].what
