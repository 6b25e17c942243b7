"""Helpers of the grid worker pages' tests: a household with a resident needing attention."""

from grid.models import Household
from residents.models import NeedCategory
from residents.services.households import household_save, resident_save


def household_in_need(user, cell, address: str, name: str = "张阿姨") -> Household:
    household = household_save(user=user, data={"grid_cell": cell, "address": address})
    resident_save(
        user=user,
        household=household,
        data={"name": name, "phone": "13912345678"},
        categories=NeedCategory.objects.filter(code="elderly_alone"),
    )
    return household
