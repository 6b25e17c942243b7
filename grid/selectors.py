"""Read queries for grid pages and the API. What a user may see comes from the territory
access registered by organizations (grid.access): grid imports no other app."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from grid.access import territory_access
from grid.models import GridCell, GridWorkerAssignment


def grid_cell_list_for(user) -> QuerySet:
    """The grid cells a user sees, with the count of organizations in office in each; the
    page and the API narrow it with GridCellFilter."""
    qs = (
        territory_access()
        .visible_grid_cells_for(user)
        .select_related("community", "community__street")
        .order_by("community__code", "code")
    )
    return qs.annotate(
        organization_count=Count(
            "organizations", filter=Q(organizations__dissolved_on__isnull=True)
        )
    )


def visible_communities_for(user) -> QuerySet:
    """The communities a user sees in whole or in part, by code: the filter's choices."""
    return territory_access().visible_communities_for(user).order_by("code")


def grid_cell_detail_for(user, pk) -> GridCell:
    access = territory_access()
    cell = access.get_grid_cell_for_user(user, pk)
    today = timezone.localdate()
    return (
        GridCell.objects.filter(pk=cell.pk)
        .select_related("community", "community__street")
        .prefetch_related(
            "buildings",
            Prefetch(
                "worker_assignments",
                queryset=GridWorkerAssignment.objects.filter(started_on__lte=today)
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
                .select_related("user"),
                to_attr="current_workers",
            ),
            Prefetch(
                "organizations",
                queryset=access.visible_organizations_for(user)
                .filter(dissolved_on__isnull=True)
                .order_by("path"),
                to_attr="visible_organizations",
            ),
        )
        .get()
    )
