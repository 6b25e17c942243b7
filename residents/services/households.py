"""Households and the register of residents in need: record, change, remove.

Decisions where the issue is silent:
- "never two figures": once a grid cell has household records, its household count (and
  that of each of its buildings) is recounted from them in the same transaction as every
  household written, moved or removed; the admin shows the count read-only then.
- A household is recorded only in a grid cell the user sees (a grid worker's own cells, a
  secretary's territory, staff their community or street); otherwise nothing is saved.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from grid.models import Building, GridCell, Household
from members.errors import RuleError
from organizations import scoping
from residents.models import ResidentInNeed

HOUSEHOLD_FIELDS = ("grid_cell", "building", "address", "size", "is_central_household", "note")
RESIDENT_FIELDS = ("name", "gender", "birth_year", "id_number", "phone", "needs", "status")


def _model_errors(obj, errors: dict, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        for field, texts in exc.message_dict.items():
            errors.setdefault(field, texts)


def _check_cell(user, cell: GridCell | None, errors: dict) -> None:
    if cell is None:
        return
    if not scoping.visible_grid_cells_for(user).filter(pk=cell.pk).exists():
        errors["grid_cell"] = _("You may record households only in the grid cells you see.")


def recount_households(cell_ids: Iterable[int]) -> None:
    """Keep the household counts of these cells and of their buildings in step with the
    household records (one update per table)."""
    cell_ids = {pk for pk in cell_ids if pk}
    if not cell_ids:
        return
    count = (
        Household.objects.filter(grid_cell=OuterRef("pk"))
        .order_by()
        .values("grid_cell")
        .annotate(n=Count("pk"))
        .values("n")
    )
    GridCell.objects.filter(pk__in=cell_ids).update(household_count=Coalesce(Subquery(count), 0))
    in_building = (
        Household.objects.filter(building=OuterRef("pk"))
        .order_by()
        .values("building")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Building.objects.filter(grid_cell_id__in=cell_ids).update(
        household_count=Coalesce(Subquery(in_building), 0)
    )


def _apply(obj, data: Mapping, fields) -> None:
    for name, value in data.items():
        if name not in fields:
            raise ValueError(f"{name} is not a field here")
        if isinstance(value, str):
            value = value.strip()
        setattr(obj, name, value)


@transaction.atomic
def household_save(*, user, data: Mapping, household: Household | None = None) -> Household:
    """Record a household, or change one (moving it recounts both cells)."""
    errors: dict = {}
    if household is not None and not household_is_visible(user, household):
        raise RuleError({"grid_cell": _("This household lies outside the grid cells you see.")})
    household = household or Household()
    old_cell = household.grid_cell_id
    _apply(household, data, HOUSEHOLD_FIELDS)
    _check_cell(user, household.grid_cell if household.grid_cell_id else None, errors)
    _model_errors(household, errors)
    if errors:
        raise RuleError(errors)
    household.save()
    recount_households({old_cell, household.grid_cell_id})
    return household


@transaction.atomic
def household_delete(*, user, household: Household) -> None:
    if not household_is_visible(user, household):
        raise RuleError({"grid_cell": _("This household lies outside the grid cells you see.")})
    if household.pairings.exists() or household.residents_in_need.exists():
        raise RuleError(
            {"household": _("This household has residents in need or pairings; keep it.")}
        )
    cell = household.grid_cell_id
    household.delete()
    recount_households({cell})


def household_is_visible(user, household: Household) -> bool:
    return scoping.visible_grid_cells_for(user).filter(pk=household.grid_cell_id).exists()


@transaction.atomic
def resident_save(
    *,
    user,
    data: Mapping,
    categories: Iterable = (),
    household: Household | None = None,
    resident: ResidentInNeed | None = None,
) -> ResidentInNeed:
    """Register a resident in need in a household the user sees, or change the entry."""
    if resident is None:
        resident = ResidentInNeed(household=household, registered_by=user)
    if resident.household_id is None or not household_is_visible(user, resident.household):
        raise RuleError({"household": _("This household lies outside the grid cells you see.")})
    _apply(resident, data, RESIDENT_FIELDS)
    errors: dict = {}
    _model_errors(resident, errors, exclude=["registered_by"])
    categories = list(categories)
    if not categories:
        errors["categories"] = _("Choose at least one category of need.")
    if errors:
        raise RuleError(errors)
    resident.save()
    resident.categories.set(categories)
    return resident
