"""Households in need: only those with a resident needing attention, narrowed by grid cell
and category, in the user's cells."""

import pytest

from residents.models import NeedCategory, NeedStatus
from residents.selectors.households import households_in_need_for, pairing_list_for
from residents.services.households import household_save, resident_save
from residents.tests.support.households import household_world

pytestmark = pytest.mark.django_db


def test_households_in_need_by_category_and_scope():
    world = household_world()
    laid_off, alone = (NeedCategory.objects.get(code=c) for c in ("laid_off", "elderly_alone"))
    a1, a2, a3 = (
        household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": f"{n}号"})
        for n in (1, 2, 3)
    )
    resident_save(user=world.staff, household=a1, data={"name": "甲"}, categories=[laid_off])
    resident_save(user=world.staff, household=a2, data={"name": "乙"}, categories=[alone])
    resident_save(
        user=world.staff,
        household=a3,
        data={"name": "丙", "status": NeedStatus.RESOLVED},
        categories=[alone],
    )
    assert set(households_in_need_for(world.worker)) == {a1, a2}
    assert list(households_in_need_for(world.worker, category=alone)) == [a2]
    assert list(households_in_need_for(world.worker, grid_cell=world.cell_b)) == []
    assert not pairing_list_for(world.worker).exists()
