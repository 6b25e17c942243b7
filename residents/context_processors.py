"""Whether the navigation bar shows the grid worker's pages: to users who see a grid cell
(a grid worker's own cells, a secretary's or staff's territory), read from the scope the
request computes anyway, and only by templates that ask."""

from organizations import scoping


def grid_worker_pages(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def has_grid_cells() -> bool:
        scope = scoping.scope_for(user)
        return bool(
            scope.is_superuser or scope.grid_cell_ids or scope.community_ids or scope.street_ids
        )

    def is_grid_worker() -> bool:
        return bool(scoping.scope_for(user).assigned_grid_cell_ids)

    return {"has_grid_cells": has_grid_cells, "is_grid_worker": is_grid_worker}
