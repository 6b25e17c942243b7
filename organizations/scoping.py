"""The one place that decides what a user may see and change.

A user sees the organizations where they hold an active post and everything below them,
and the territory those organizations cover (a street, a community or a grid cell);
a grid worker also sees the grid cells assigned to them. Superusers see everything.
Every queryset that reaches a page, an export, the admin or the API goes through here.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from grid import access
from grid.models import Community, GridCell, GridWorkerAssignment, Street
from organizations.models import (
    MassOrganization,
    Organization,
    Post,
    TwoNewOrganization,
    UnitOrganization,
)
from organizations.roles import MANAGE, REVIEW, capabilities_for

_CACHE_ATTR = "_partygrid_scope"


@dataclass(frozen=True)
class Scope:
    is_superuser: bool = False
    roles: frozenset[str] = frozenset()
    view_paths: tuple[str, ...] = ()
    manage_paths: tuple[str, ...] = ()
    review_paths: tuple[str, ...] = ()
    street_ids: frozenset[int] = frozenset()
    community_ids: frozenset[int] = frozenset()
    grid_cell_ids: frozenset[int] = frozenset()
    manage_street_ids: frozenset[int] = frozenset()
    manage_community_ids: frozenset[int] = frozenset()
    manage_grid_cell_ids: frozenset[int] = frozenset()
    assigned_grid_cell_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.is_superuser or self.view_paths or self.assigned_grid_cell_ids)

    @property
    def may_manage_any(self) -> bool:
        """Does the user manage anything at all (a superuser, or a post that may manage)?"""
        return self.is_superuser or bool(self.manage_paths)

    @property
    def may_review_any(self) -> bool:
        """Does the user review anything at all (a superuser, or a post that may review)?"""
        return self.is_superuser or bool(self.review_paths)


def _outermost(paths) -> tuple[str, ...]:
    """Drop paths that lie under another path of the list: they add nothing to a prefix filter."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(kept)


def _territory_ids(organizations) -> tuple[set[int], set[int], set[int]]:
    streets, communities, cells = set(), set(), set()
    for org in organizations:
        if org.grid_cell_id:
            cells.add(org.grid_cell_id)
        elif org.community_id:
            communities.add(org.community_id)
        else:
            streets.add(org.street_id)
    return streets, communities, cells


def compute_scope(user) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope()
    if user.is_superuser:
        return Scope(is_superuser=True)
    today = timezone.localdate()
    posts = list(
        Post.objects.active(today)
        .filter(user=user, organization__dissolved_on__isnull=True)
        .select_related("organization")
        .only(
            "role",
            "organization__path",
            "organization__street_id",
            "organization__community_id",
            "organization__grid_cell_id",
        )
    )
    assigned = set(
        GridWorkerAssignment.objects.filter(user=user, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values_list("grid_cell_id", flat=True)
    )
    managing = [p.organization for p in posts if MANAGE in capabilities_for(p.role)]
    reviewing = [p.organization for p in posts if REVIEW in capabilities_for(p.role)]
    streets, communities, cells = _territory_ids(p.organization for p in posts)
    m_streets, m_communities, m_cells = _territory_ids(managing)
    return Scope(
        roles=frozenset(p.role for p in posts),
        view_paths=_outermost(p.organization.path for p in posts),
        manage_paths=_outermost(o.path for o in managing),
        review_paths=_outermost(o.path for o in reviewing),
        street_ids=frozenset(streets),
        community_ids=frozenset(communities),
        grid_cell_ids=frozenset(cells | assigned),
        manage_street_ids=frozenset(m_streets),
        manage_community_ids=frozenset(m_communities),
        manage_grid_cell_ids=frozenset(m_cells),
        assigned_grid_cell_ids=frozenset(assigned),
    )


def scope_for(user) -> Scope:
    """The user's scope, computed once per user object (that is, once per request)."""
    scope = getattr(user, _CACHE_ATTR, None)
    if scope is None:
        scope = compute_scope(user)
        if user.is_authenticated:
            setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


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


# Below an organization, for the filters of other apps: they never write a path lookup
# themselves. ``field`` names the relation to the organization ("organization",
# "member__organization"…); ``field=None`` filters organizations themselves.


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


def ids_at_and_above_posts(user) -> set[int]:
    """Ids of the organizations where the user holds posts and of every organization above
    them (read from the paths, no query)."""
    scope = scope_for(user)
    return {int(step) for path in scope.view_paths for step in path.split("/") if step}


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


# Organizations


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


# Territory


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


# Around the tree


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


# Records of other apps that belong to an organization (members, activities, reports…)


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


# Choices: the rows of any model a user may pick for a related field (a select box, a filter,
# an id sent to the API). Models outside organizations register theirs from their apps'
# ready(); a model that belongs to an organization or a community is scoped by that field;
# other models are reference data everyone picks from (activity types, dues rates).

_CHOICES: dict[type, object] = {}


def register_choices(model, rows_for) -> None:
    """``rows_for(user, queryset) -> queryset``: the rows of ``model`` the user may choose."""
    _CHOICES[model] = rows_for


def _community_rows(user, qs: QuerySet) -> QuerySet:
    return qs.filter(pk__in=visible_communities_for(user).values("pk"))


def _street_rows(user, qs: QuerySet) -> QuerySet:
    return qs.filter(pk__in=visible_streets_for(user).values("pk"))


def _foreign_key_to(model, target) -> str | None:
    for field in model._meta.get_fields():
        if field.many_to_one and field.concrete and field.related_model is target:
            return field.name
    return None


def choices_for(user, queryset: QuerySet) -> QuerySet:
    """``queryset`` narrowed to the rows its model's choices allow the user."""
    model = queryset.model
    if scope_for(user).is_superuser:
        return queryset
    rows_for = {
        Organization: visible_organizations_for,
        GridCell: visible_grid_cells_for,
        Community: _community_rows,
        Street: _street_rows,
        UnitOrganization: visible_unit_organizations_for,
        TwoNewOrganization: visible_two_new_organizations_for,
        MassOrganization: visible_mass_organizations_for,
        **_CHOICES,
    }.get(model)
    if rows_for is not None:
        return rows_for(user, queryset)
    if field := _foreign_key_to(model, Organization):
        return scoped(user, queryset, org_field=field)
    if field := _foreign_key_to(model, Community):
        return queryset.filter(**{f"{field}__in": visible_communities_for(user).values("pk")})
    return queryset
