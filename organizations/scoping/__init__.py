"""The one place that decides what a user may see and change.

A user sees the organizations where they hold an active post and everything below them,
and the territory those organizations cover (a street, a community or a grid cell);
a grid worker also sees the grid cells assigned to them. Superusers see everything.
Every queryset that reaches a page, an export, the admin or the API goes through here.
Apps call ``scoping.<name>``: this package re-exports the public names of its modules
(scope, lookups, organizations, territory, records, choices).
"""

from organizations.scoping.access_log import (
    access_log_street_ids_for,
    may_read_access_log,
    visible_access_events_for,
)
from organizations.scoping.choices import choices_for, register_choices
from organizations.scoping.lookups import (
    ids_at_and_above_posts,
    ids_on_path,
    is_under,
    own_organizations_q,
    path_q,
    territory_q,
    under_paths_q,
    under_q,
    visible_community_q,
)
from organizations.scoping.organizations import (
    can_manage_organization,
    get_organization_for_user,
    manageable_organizations_for,
    visible_mass_organizations_for,
    visible_organizations_for,
    visible_two_new_organizations_for,
    visible_unit_organizations_for,
)
from organizations.scoping.records import can_manage_path, scoped, scoped_for_manage
from organizations.scoping.scope import Scope, compute_scope, forget_scope, scope_for
from organizations.scoping.territory import (
    get_grid_cell_for_user,
    manageable_communities_for,
    manageable_grid_cells_for,
    manageable_streets_for,
    register_territory_access,
    visible_communities_for,
    visible_grid_cells_for,
    visible_streets_for,
)

__all__ = [
    "Scope",
    "access_log_street_ids_for",
    "can_manage_organization",
    "can_manage_path",
    "choices_for",
    "compute_scope",
    "forget_scope",
    "get_grid_cell_for_user",
    "get_organization_for_user",
    "ids_at_and_above_posts",
    "ids_on_path",
    "is_under",
    "manageable_communities_for",
    "manageable_grid_cells_for",
    "manageable_organizations_for",
    "manageable_streets_for",
    "may_read_access_log",
    "own_organizations_q",
    "path_q",
    "register_choices",
    "register_territory_access",
    "scope_for",
    "scoped",
    "scoped_for_manage",
    "territory_q",
    "under_paths_q",
    "under_q",
    "visible_access_events_for",
    "visible_communities_for",
    "visible_community_q",
    "visible_grid_cells_for",
    "visible_mass_organizations_for",
    "visible_organizations_for",
    "visible_streets_for",
    "visible_two_new_organizations_for",
    "visible_unit_organizations_for",
]
