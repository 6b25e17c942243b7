"""Reads of households, residents in need and pairings, scoped by grid cell through
organizations.scoping: a grid worker reads their cells, a secretary their branch's territory,
staff their community or street."""

import datetime

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from grid.models import Building, GridCell, Household
from organizations import scoping
from organizations.selectors import search_rows
from residents.models import NeedCategory, NeedStatus, Pairing, PairingVisit, ResidentInNeed


def visible_cells_for(user) -> QuerySet:
    return scoping.visible_grid_cells_for(user).select_related("community")


def visible_households_for(user) -> QuerySet:
    return Household.objects.filter(grid_cell__in=scoping.visible_grid_cells_for(user).values("pk"))


def household_label(household: Household) -> str:
    """How a household is named in a choice: its address and grid cell."""
    return f"{household.address} · {household.grid_cell.name}"


def household_search_for(user, term: str) -> list[dict]:
    """The households of the user's grid cells whose address holds ``term``, for a search
    box (config.forms.ScopedChoiceSelect)."""
    rows = visible_households_for(user).select_related("grid_cell")
    return search_rows(rows, term, ("address",), "address", label=household_label)


def visible_buildings_for(user) -> QuerySet:
    return Building.objects.filter(grid_cell__in=scoping.visible_grid_cells_for(user).values("pk"))


def households_in_need_for(
    user, *, grid_cell: GridCell | None = None, category: NeedCategory | None = None
) -> QuerySet:
    """Households with a resident needing attention, with their residents (and categories):
    three queries whatever the number."""
    active = ResidentInNeed.objects.filter(status=NeedStatus.ACTIVE)
    households = visible_households_for(user).filter(residents_in_need__status=NeedStatus.ACTIVE)
    if grid_cell is not None:
        households = households.filter(grid_cell=grid_cell)
    if category is not None:
        households = households.filter(residents_in_need__categories=category)
        active = active.filter(categories=category)
    return (
        households.distinct()
        .select_related("grid_cell", "building")
        .annotate(
            pairings_in_force=Count(
                "pairings", filter=Q(pairings__ended_on__isnull=True), distinct=True
            )
        )
        .prefetch_related(
            Prefetch(
                "residents_in_need",
                queryset=active.prefetch_related("categories").order_by("name"),
                to_attr="active_residents",
            )
        )
        .order_by("grid_cell__code", "address", "pk")
    )


def get_household_for_user(user, pk) -> Household:
    try:
        return visible_households_for(user).select_related("grid_cell", "building").get(pk=pk)
    except (Household.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def residents_of(household: Household) -> QuerySet:
    return household.residents_in_need.prefetch_related("categories").order_by("status", "name")


def visible_pairings_for(user) -> QuerySet:
    return Pairing.objects.filter(
        household__grid_cell__in=scoping.visible_grid_cells_for(user).values("pk")
    )


def pairing_list_for(user) -> QuerySet:
    return (
        visible_pairings_for(user)
        .select_related("household__grid_cell", "member", "organization", "unit")
        .annotate(last_visit=Max("visits__visited_on"))
        .order_by("-started_on", "pk")
    )


def pairings_of(household: Household) -> QuerySet:
    return (
        household.pairings.select_related("member", "organization", "unit")
        .prefetch_related(
            Prefetch("visits", queryset=PairingVisit.objects.select_related("member", "visitor"))
        )
        .order_by("-started_on", "pk")
    )


def get_pairing_for_user(user, pk) -> Pairing:
    try:
        return (
            visible_pairings_for(user)
            .select_related("household__grid_cell", "member", "organization", "unit")
            .get(pk=pk)
        )
    except (Pairing.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def visits_of(pairing: Pairing) -> QuerySet:
    return pairing.visits.select_related("member", "visitor").order_by("-visited_on", "-pk")


def need_categories() -> QuerySet:
    return NeedCategory.objects.all()


def pairings_without_visit(
    today: datetime.date, days: int, queryset: QuerySet | None = None
) -> QuerySet:
    """Pairings in force on ``today`` whose last visit (or, with none, their start) is ``days``
    or more days ago, annotated with that date as ``last``: the pairing reminder's rule and
    the grid worker's due visits."""
    limit = today - datetime.timedelta(days=days)
    pairings = Pairing.objects.all() if queryset is None else queryset
    return (
        pairings.filter(started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .annotate(last=Coalesce(Max("visits__visited_on"), "started_on"))
        .filter(last__lte=limit)
    )


def get_resident_for_user(user, pk) -> ResidentInNeed:
    """A resident in need of a household in a grid cell the user sees."""
    try:
        return (
            ResidentInNeed.objects.filter(household__in=visible_households_for(user))
            .select_related("household__grid_cell")
            .get(pk=pk)
        )
    except (ResidentInNeed.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
