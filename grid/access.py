"""Who may see which part of the territory is not grid's to decide: it follows from the posts
people hold in the party organizations, an app above grid. That app registers its answer here
from its apps.py ``ready()``; grid's pages and API ask through ``territory_access()``, so
that grid imports no other app."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class TerritoryAccess:
    # (user) -> the communities the user sees in whole or in part
    visible_communities_for: Callable
    # (user) -> the grid cells the user sees
    visible_grid_cells_for: Callable
    # (user, pk) -> the grid cell, or Http404 whether it is missing or out of scope
    get_grid_cell_for_user: Callable
    # (user) -> the party organizations the user sees (a grid cell's page lists its own)
    visible_organizations_for: Callable


_access: TerritoryAccess | None = None


def register(access: TerritoryAccess) -> None:
    global _access
    if _access is not None and _access != access:
        raise ValueError("territory access is registered twice")
    _access = access


def territory_access() -> TerritoryAccess:
    if _access is None:
        raise ImproperlyConfigured(
            "No territory access is registered: the app that decides what a user may see "
            "registers it from its AppConfig.ready()."
        )
    return _access
