"""Reads of the grid worker's pages, scoped through organizations.scoping (a grid worker
their own cells, a secretary their branch's territory, staff their community or street):
the user's grid cells with their figures, their households with the last household visit,
the households and pairings due a visit, the open problems to deal with, and the household
visits recorded (the API).

Due a household visit: a household with a resident needing attention whose last household
visit is ``residents.household_visit_days`` (default 30) or more days ago, or that has had
none. Due a pairing visit: the pairing reminder's rule (``pairings_without_visit``)."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from organizations import scoping
from policies.registry import value
from residents.models import HouseholdVisit, NeedStatus, Pairing, ResidentInNeed
from residents.models.problems import OPEN_STATES
from residents.rules import HOUSEHOLD_VISIT_DAYS, PAIRING_NO_VISIT_DAYS
from residents.selectors.households import (
    pairings_without_visit,
    visible_households_for,
    visible_pairings_for,
)
from residents.selectors.problems import problems_for


def _in_need():
    return Exists(ResidentInNeed.objects.filter(household=OuterRef("pk"), status=NeedStatus.ACTIVE))


def _last_visit():
    visits = HouseholdVisit.objects.filter(household=OuterRef("pk")).order_by("-visited_on")
    return Subquery(visits.values("visited_on")[:1])


def worker_households_for(user, *, grid_cell=None, search: str = "") -> QuerySet:
    """The households of the user's cells, with ``in_need`` and ``last_visit``."""
    households = visible_households_for(user)
    if grid_cell is not None:
        households = households.filter(grid_cell=grid_cell)
    search = (search or "").strip()
    if search:
        households = households.filter(address__icontains=search)
    return (
        households.select_related("grid_cell", "building")
        .annotate(in_need=_in_need(), last_visit=_last_visit())
        .order_by("grid_cell__code", "address", "pk")
    )


def due_households_for(user, today: datetime.date) -> QuerySet:
    """Households with a resident in need due a household visit on ``today``."""
    limit = today - datetime.timedelta(days=value(HOUSEHOLD_VISIT_DAYS))
    return (
        worker_households_for(user)
        .filter(in_need=True)
        .filter(Q(last_visit__isnull=True) | Q(last_visit__lte=limit))
        .order_by("last_visit", "grid_cell__code", "address", "pk")
    )


def due_pairings_for(user, today: datetime.date) -> QuerySet:
    """Pairings in the user's cells without a visit for ``residents.pairing_no_visit_days``."""
    return (
        pairings_without_visit(today, value(PAIRING_NO_VISIT_DAYS), visible_pairings_for(user))
        .select_related("household__grid_cell", "member", "organization", "unit")
        .order_by("last", "pk")
    )


def open_problems_for(user) -> QuerySet:
    """Open problems of the user's cells, those assigned to or reported by the user first
    (``mine``), then by deadline."""
    return (
        problems_for(user)
        .filter(state__in=OPEN_STATES)
        .annotate(mine=Q(assignee=user) | Q(reporter=user))
        .select_related("category", "grid_cell", "assignee")
        .order_by("-mine", "due_on", "pk")
    )


def _per_cell(queryset: QuerySet, field: str = "grid_cell") -> dict[int, int]:
    rows = queryset.order_by().values(field).annotate(n=Count("pk", distinct=True))
    return {row[field]: row["n"] for row in rows}


def cell_summaries_for(user, today: datetime.date) -> list:
    """The user's grid cells, each with ``n_households``, ``n_in_need`` (residents needing
    attention), ``n_open_problems`` and ``n_due_visits`` (households and pairings due a
    visit): six queries whatever the number of cells."""
    cells = list(scoping.visible_grid_cells_for(user).select_related("community"))
    households = _per_cell(visible_households_for(user))
    residents = _per_cell(
        ResidentInNeed.objects.filter(
            household__in=visible_households_for(user), status=NeedStatus.ACTIVE
        ),
        "household__grid_cell",
    )
    problems = _per_cell(problems_for(user).filter(state__in=OPEN_STATES))
    due_households = _per_cell(due_households_for(user, today))
    due = pairings_without_visit(today, value(PAIRING_NO_VISIT_DAYS), visible_pairings_for(user))
    due_pairings = _per_cell(
        Pairing.objects.filter(pk__in=due.values("pk")), "household__grid_cell"
    )
    for cell in cells:
        cell.n_households = households.get(cell.pk, 0)
        cell.n_in_need = residents.get(cell.pk, 0)
        cell.n_open_problems = problems.get(cell.pk, 0)
        cell.n_due_visits = due_households.get(cell.pk, 0) + due_pairings.get(cell.pk, 0)
    return cells


def reported_open_problems_for(user) -> QuerySet:
    """The open problems the user reported, which a visit may be linked to."""
    return (
        problems_for(user)
        .filter(state__in=OPEN_STATES, reporter=user)
        .select_related("category")
        .order_by("-reported_on", "-pk")
    )


def household_visits_for(user) -> QuerySet:
    """The household visits of the user's grid cells, newest first, with their household,
    grid cell, visitor and problem (one query)."""
    cells = scoping.visible_grid_cells_for(user).values("pk")
    return (
        HouseholdVisit.objects.filter(household__grid_cell__in=cells)
        .select_related("household__grid_cell", "visitor", "problem")
        .order_by("-visited_on", "-pk")
    )
