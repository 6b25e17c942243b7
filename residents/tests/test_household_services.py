"""Households and residents in need: scoping by grid cell, the one household figure, the
register's rules."""

import pytest

from grid.models import Household
from grid.tests.factories import BuildingFactory
from members.errors import RuleError
from residents.models import NeedCategory, ResidentInNeed
from residents.services.households import household_delete, household_save, resident_save
from residents.tests.support.households import household_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return household_world()


def _household(user, cell, **extra):
    return household_save(user=user, data={"grid_cell": cell, "address": "1号", **extra})


def test_a_household_in_a_cell_the_user_sees_keeps_the_count_in_step(world):
    building = BuildingFactory(grid_cell=world.cell_a, household_count=99)
    first = _household(world.worker, world.cell_a, building=building)
    _household(world.worker, world.cell_a, size=3)
    world.cell_a.refresh_from_db()
    building.refresh_from_db()
    assert world.cell_a.household_count == 2
    assert building.household_count == 1
    household_save(
        user=world.staff, household=first, data={"grid_cell": world.cell_b, "building": None}
    )
    world.cell_a.refresh_from_db()
    world.cell_b.refresh_from_db()
    building.refresh_from_db()
    assert (world.cell_a.household_count, world.cell_b.household_count) == (1, 1)
    assert building.household_count == 0
    household_delete(user=world.staff, household=first)
    world.cell_b.refresh_from_db()
    assert world.cell_b.household_count == 0


def test_a_household_in_a_cell_the_user_cannot_see_is_refused(world):
    with pytest.raises(RuleError) as exc:
        _household(world.worker, world.cell_b)
    assert "grid_cell" in exc.value.message_dict
    with pytest.raises(RuleError):
        _household(world.secretary, world.other_cell)
    assert not Household.objects.exists()
    assert _household(world.secretary, world.cell_a).pk


def test_a_building_of_another_cell_and_a_size_of_zero_are_refused(world):
    building = BuildingFactory(grid_cell=world.cell_b)
    with pytest.raises(RuleError) as exc:
        _household(world.staff, world.cell_a, building=building, size=0)
    assert {"building", "size"} <= exc.value.message_dict.keys()
    assert not Household.objects.exists()


def test_the_default_categories_exist_and_a_resident_needs_one(world):
    codes = set(NeedCategory.objects.values_list("code", flat=True))
    assert {"laid_off", "urban_poor", "elderly_alone", "disabled"} <= codes
    household = _household(world.worker, world.cell_a)
    with pytest.raises(RuleError) as exc:
        resident_save(user=world.worker, household=household, data={"name": "王大爷"})
    assert "categories" in exc.value.message_dict
    alone = NeedCategory.objects.get(code="elderly_alone")
    resident = resident_save(
        user=world.worker,
        household=household,
        data={"name": "王大爷", "phone": "13912345678", "needs": "每周探望"},
        categories=[alone],
    )
    assert list(resident.categories.all()) == [alone]
    assert resident.registered_by == world.worker


def test_a_resident_in_a_household_out_of_sight_is_refused(world):
    household = _household(world.staff, world.cell_b)
    with pytest.raises(RuleError) as exc:
        resident_save(
            user=world.worker,
            household=household,
            data={"name": "李阿姨"},
            categories=NeedCategory.objects.all()[:1],
        )
    assert "household" in exc.value.message_dict
    assert not ResidentInNeed.objects.exists()
