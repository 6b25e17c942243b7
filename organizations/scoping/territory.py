"""The territory a user sees and manages: streets, communities and grid cells; grid asks through grid.access."""

from django.db.models import Q, QuerySet
from django.http import Http404

from grid import access
from grid.models import Community, GridCell, Street
from organizations.scoping.lookups import _any, _filter
from organizations.scoping.organizations import visible_organizations_for
from organizations.scoping.scope import scope_for


def visible_streets_for(user) -> QuerySet:
    scope = scope_for(user)
    if scope.is_superuser:
        return Street.objects.all()
    return Street.objects.filter(
        Q(id__in=scope.street_ids)
        | Q(communities__id__in=scope.community_ids)
        | Q(communities__grid_cells__id__in=scope.grid_cell_ids)
    ).distinct()


def visible_communities_for(user) -> QuerySet:
    """Communities the user sees as a whole or in part (a grid secretary sees their community's name)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Community.objects.all()
    return Community.objects.filter(
        Q(street_id__in=scope.street_ids)
        | Q(id__in=scope.community_ids)
        | Q(grid_cells__id__in=scope.grid_cell_ids)
    ).distinct()


def visible_grid_cells_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = GridCell.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_superuser:
        return qs
    return _filter(qs, _grid_cell_q(scope.street_ids, scope.community_ids, scope.grid_cell_ids))


def _grid_cell_q(street_ids, community_ids, grid_cell_ids) -> Q | None:
    parts = []
    if street_ids:
        parts.append(Q(community__street_id__in=street_ids))
    if community_ids:
        parts.append(Q(community_id__in=community_ids))
    if grid_cell_ids:
        parts.append(Q(id__in=grid_cell_ids))
    return _any(parts)


def manageable_grid_cells_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = GridCell.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_superuser:
        return qs
    return _filter(
        qs,
        _grid_cell_q(
            scope.manage_street_ids, scope.manage_community_ids, scope.manage_grid_cell_ids
        ),
    )


def manageable_streets_for(user) -> QuerySet:
    """Streets the user may change: those of their posts that may manage a whole street."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Street.objects.all()
    return Street.objects.filter(id__in=scope.manage_street_ids)


def manageable_communities_for(user) -> QuerySet:
    """Communities the user may change: in the streets or communities of posts that may manage."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Community.objects.all()
    return Community.objects.filter(
        Q(street_id__in=scope.manage_street_ids) | Q(id__in=scope.manage_community_ids)
    )


def get_grid_cell_for_user(user, pk) -> GridCell:
    try:
        return visible_grid_cells_for(user).get(pk=pk)
    except (GridCell.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def register_territory_access() -> None:
    """Grid imports no other app: its pages and API ask through grid.access what a user may
    see of the territory, and this is the answer (called from the app's ``ready()``)."""
    access.register(
        access.TerritoryAccess(
            visible_communities_for=visible_communities_for,
            visible_grid_cells_for=visible_grid_cells_for,
            get_grid_cell_for_user=get_grid_cell_for_user,
            visible_organizations_for=visible_organizations_for,
        )
    )
