"""A user's scope: the organizations and territory their posts and grid cells open,
computed once per request."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from grid.models import GridWorkerAssignment
from organizations.models import Post
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
