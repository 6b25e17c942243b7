"""The organizations a user sees and manages: the tree, and the unit, two-new and mass organizations around it."""

from django.db.models import Q, QuerySet
from django.http import Http404

from organizations.models import (
    MassOrganization,
    Organization,
    TwoNewOrganization,
    UnitOrganization,
)
from organizations.scoping.lookups import _any, _filter, path_q, territory_q
from organizations.scoping.scope import Scope, scope_for


def visible_organizations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Organization.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_superuser:
        return qs
    parts = [path_q(scope.view_paths)]
    if scope.assigned_grid_cell_ids:
        # a grid worker reads the organizations of the grid cells they look after
        parts.append(Q(grid_cell_id__in=scope.assigned_grid_cell_ids))
    q = _any([part for part in parts if part is not None])
    return _filter(qs, q)


def manageable_organizations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Organization.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_superuser:
        return qs
    return _filter(qs, path_q(scope.manage_paths))


def get_organization_for_user(user, pk) -> Organization:
    """The organization, or 404 whether it is missing or out of the user's scope."""
    try:
        return visible_organizations_for(user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can_manage_organization(user, organization: Organization) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or any(organization.path.startswith(p) for p in scope.manage_paths)


def _jurisdiction_q(scope: Scope, manage: bool = False) -> Q | None:
    if manage:
        streets, communities, cells = (
            scope.manage_street_ids,
            scope.manage_community_ids,
            scope.manage_grid_cell_ids,
        )
    else:
        streets, communities, cells = scope.street_ids, scope.community_ids, scope.grid_cell_ids
    return territory_q(streets, communities, cells, street=None)


def visible_unit_organizations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = UnitOrganization.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    return qs if scope.is_superuser else _filter(qs, _jurisdiction_q(scope))


def visible_two_new_organizations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = TwoNewOrganization.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    return qs if scope.is_superuser else _filter(qs, _jurisdiction_q(scope))


def visible_mass_organizations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = MassOrganization.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.is_superuser:
        return qs
    return _filter(qs, path_q(scope.view_paths, field="leading_organization__path"))
