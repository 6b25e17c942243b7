"""Records of other apps that belong to an organization (members, activities, reports…): what a user reads and changes."""

from django.db.models import Q, QuerySet

from organizations.scoping.lookups import _any, _filter, path_q
from organizations.scoping.scope import scope_for


def scoped(
    user, queryset: QuerySet, *, org_field: str = "organization", cell_field: str | None = None
) -> QuerySet:
    """Rows of any model whose ``org_field`` lies in the user's scope; with ``cell_field``,
    a grid worker also reads the rows of the grid cells assigned to them."""
    scope = scope_for(user)
    if scope.is_superuser:
        return queryset
    parts = [path_q(scope.view_paths, field=f"{org_field}__path")]
    if cell_field and scope.assigned_grid_cell_ids:
        parts.append(Q(**{f"{cell_field}_id__in": scope.assigned_grid_cell_ids}))
    return _filter(queryset, _any([part for part in parts if part is not None]))


def scoped_for_manage(user, queryset: QuerySet, *, org_field: str = "organization") -> QuerySet:
    """Rows the user may change: their ``org_field`` lies under a post that may manage."""
    scope = scope_for(user)
    if scope.is_superuser:
        return queryset
    return _filter(queryset, path_q(scope.manage_paths, field=f"{org_field}__path"))


def can_manage_path(user, path: str) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or any(path.startswith(p) for p in scope.manage_paths)
