"""Q objects and tests on the tree and the territory, for the filters of every app: no app writes a path lookup itself."""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet, Subquery

from grid.models import GridCell
from organizations.scoping.scope import scope_for

# ``field`` names the relation to the organization ("organization", "member__organization"…);
# ``field=None`` filters organizations themselves.


def _any(qs: list[Q]) -> Q | None:
    return reduce(or_, qs) if qs else None


def path_q(paths, field: str = "path") -> Q | None:
    return _any([Q(**{f"{field}__startswith": path}) for path in paths])


def territory_q(
    street_ids,
    community_ids,
    grid_cell_ids,
    *,
    street="street",
    community="community",
    cell="grid_cell",
) -> Q | None:
    """Rows whose territory lies inside the given streets, communities or grid cells.
    Pass ``street=None`` for models that have no street of their own (it is the community's)."""
    parts = []
    if street_ids:
        parts.append(
            Q(**{f"{street}_id__in" if street else "community__street_id__in": street_ids})
        )
    if community_ids:
        parts.append(Q(**{f"{community}_id__in": community_ids}))
    if grid_cell_ids:
        parts.append(Q(**{f"{cell}_id__in": grid_cell_ids}))
    return _any(parts)


def _filter(qs: QuerySet, q: Q | None) -> QuerySet:
    return qs.filter(q) if q is not None else qs.none()


def _path_field(field: str | None) -> str:
    return f"{field}__path" if field else "path"


def under_q(organization, *, field: str | None = "organization") -> Q:
    """Rows whose ``field`` is ``organization`` or lies anywhere below it (one indexed
    prefix query)."""
    return Q(**{f"{_path_field(field)}__startswith": organization.path})


def under_paths_q(paths, *, field: str | None = "organization", strictly: bool = False) -> Q | None:
    """Rows whose ``field`` lies under one of ``paths`` (a scope's ``manage_paths``…);
    ``strictly``: below them, not those organizations themselves (the level above acts on
    the levels below, never on itself). None when there are no paths: nothing matches."""
    lookup = _path_field(field)
    if not strictly:
        return path_q(paths, field=lookup)
    return _any([Q(**{f"{lookup}__startswith": path}) & ~Q(**{lookup: path}) for path in paths])


def is_under(path: str, paths, *, strictly: bool = False) -> bool:
    """Does the organization at ``path`` lie under one of ``paths`` (strictly: below it)?"""
    return any(path.startswith(p) and not (strictly and path == p) for p in paths)


def own_organizations_q(user) -> Q:
    """The highest organizations of the user's scope: those of their outermost posts (the
    roots of the tree for a superuser)."""
    scope = scope_for(user)
    return Q(parent__isnull=True) if scope.is_superuser else Q(path__in=scope.view_paths)


def ids_on_path(path: str) -> list[int]:
    """Ids of the organization at ``path`` and of every organization above it, the root
    first (read from the path, no query)."""
    return [int(step) for step in path.split("/") if step]


def ids_at_and_above_posts(user) -> set[int]:
    """Ids of the organizations where the user holds posts and of every organization above
    them (read from the paths, no query)."""
    scope = scope_for(user)
    return {pk for path in scope.view_paths for pk in ids_on_path(path)}


def visible_community_q(user, *, field: str | None = "community") -> Q | None:
    """Rows whose community the user sees in whole or in part (``Q()`` for a superuser, None
    for nothing): every community of the user's streets, their communities, and those of
    their grid cells. ``field=None`` filters communities themselves."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    street, community = (f"{field}__street_id", f"{field}_id") if field else ("street_id", "id")
    parts = []
    if scope.street_ids:
        parts.append(Q(**{f"{street}__in": scope.street_ids}))
    if scope.community_ids:
        parts.append(Q(**{f"{community}__in": scope.community_ids}))
    if scope.grid_cell_ids:
        cells = GridCell.objects.filter(id__in=scope.grid_cell_ids).values("community_id")
        parts.append(Q(**{f"{community}__in": Subquery(cells)}))
    return _any(parts)
