"""Recording a household visit 入户走访.

A visit is recorded only for a household in a grid cell the user sees, on a day that is not
in the future, with a note of what was found; a problem raised from the visit must be one of
the same grid cell. Anything refused raises a RuleError naming the field; nothing is saved."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grid.models import Household
from members.errors import RuleError
from organizations import scoping
from residents.models import HouseholdVisit, Problem


@transaction.atomic
def household_visit_record(
    *,
    user,
    household: Household | None,
    visited_on: datetime.date | None,
    note: str,
    problem: Problem | None = None,
) -> HouseholdVisit:
    """Record that ``user`` visited ``household`` on ``visited_on`` and what was found."""
    cells = scoping.visible_grid_cells_for(user)
    if household is None or not cells.filter(pk=household.grid_cell_id).exists():
        raise RuleError({"household": _("Choose a household of a grid cell you look after.")})
    errors: dict = {}
    if visited_on is None:
        errors["visited_on"] = _("Give the date of the visit.")
    elif visited_on > timezone.localdate():
        errors["visited_on"] = _("A visit cannot be recorded for a day still to come.")
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Note what was found at the visit.")
    if problem is not None and problem.grid_cell_id != household.grid_cell_id:
        errors["problem"] = _("Link a problem of the household's grid cell.")
    if errors:
        raise RuleError(errors)
    return HouseholdVisit.objects.create(
        household=household, visited_on=visited_on, visitor=user, note=note, problem=problem
    )
