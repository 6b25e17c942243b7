"""Showing residents' personal data in full: a resident in need's ID number and phone, the
phone a problem's resident left. Everyone else sees them masked; every unmasking is logged
(residents.ResidentDataAccess), in the page, the admin and the API alike.

Decisions where the issue is silent:
- A resident in need's data may be seen in full by a post that manages (the permission
  residents.view_sensitive) and by the grid workers assigned to the household's grid cell,
  who keep the register and visit the household; always within the cells the user sees.
- A problem's phone may be seen in full by the same people for the problem's grid cell, and
  by its reporter and its assignee, who must be able to call the resident back."""

from django.core.exceptions import PermissionDenied

from grid.models import Household
from members.models import SensitiveAccess
from organizations import scoping
from organizations.services import street_of_grid_cell, unmasking_record
from residents.models import Problem, ResidentDataAccess, ResidentInNeed

RESIDENT_FIELDS = ("id_number", "phone")
Channel = SensitiveAccess.Channel


def _may_see_cell_in_full(user, grid_cell_id: int) -> bool:
    if not scoping.visible_grid_cells_for(user).filter(pk=grid_cell_id).exists():
        return False
    if user.has_perm("residents.view_sensitive"):
        return True
    return grid_cell_id in scoping.scope_for(user).assigned_grid_cell_ids


def may_see_residents_in_full(user, household: Household) -> bool:
    """May ``user`` see the ID numbers and phones of the household's residents in need?"""
    return user.is_authenticated and _may_see_cell_in_full(user, household.grid_cell_id)


def may_see_resident_in_full(user, resident: ResidentInNeed) -> bool:
    return may_see_residents_in_full(user, resident.household)


def may_see_problem_phone_in_full(user, problem: Problem) -> bool:
    if not user.is_authenticated:
        return False
    if user.pk in (problem.reporter_id, problem.assignee_id):
        return scoping.visible_grid_cells_for(user).filter(pk=problem.grid_cell_id).exists()
    return _may_see_cell_in_full(user, problem.grid_cell_id)


def resident_reveal(*, user, resident: ResidentInNeed, channel: str) -> dict:
    """The resident's ID number and phone in full, for a user who may see them; logged."""
    if not may_see_resident_in_full(user, resident):
        raise PermissionDenied
    ResidentDataAccess.objects.create(
        user=user, resident=resident, fields=",".join(RESIDENT_FIELDS), channel=channel
    )
    unmasking_record(
        user=user,
        what=f"resident #{resident.pk} {resident}: {','.join(RESIDENT_FIELDS)} ({channel})",
        street_id=street_of_grid_cell(resident.household.grid_cell_id),
    )
    return {name: getattr(resident, name) for name in RESIDENT_FIELDS}


def problem_phone_reveal(*, user, problem: Problem, channel: str) -> str:
    """The phone the problem's resident left, in full, for a user who may see it; logged."""
    if not may_see_problem_phone_in_full(user, problem):
        raise PermissionDenied
    ResidentDataAccess.objects.create(user=user, problem=problem, fields="phone", channel=channel)
    unmasking_record(
        user=user,
        what=f"problem #{problem.pk}: phone ({channel})",
        street_id=street_of_grid_cell(problem.grid_cell_id),
    )
    return problem.resident_phone
