"""Read queries of co-building 共驻共建: a community's needs, resources and projects lists,
and the pairing agreements of its branches.

Who sees what:
- The three lists belong to a community. A user sees the lists of every community where they
  see units in part or in whole: the communities of their street, their community, or the
  community of their grid cell (so a branch secretary sees his community's lists, read-only).
- They are changed by those who manage the community committee of that community or the
  street working committee above it; not by a branch secretary.
- A pairing agreement belongs to its branch: seen by those who see the branch, changed by
  those who manage it.

base.py holds what the modules share, communities.py the communities, lists.py the needs and
resources, projects.py the projects with their figures, agreements.py the pairing agreements,
overview.py a community's overview. Every public name is importable from here.
"""

from activities.selectors.cobuilding.agreements import (
    get_agreement_for_user,
    is_agreement_in_force,
    manageable_agreements_for,
    pairing_branches_for,
    partner_two_new_for,
    partner_units_for,
    visible_agreements_for,
)
from activities.selectors.cobuilding.communities import (
    can_manage_community,
    cobuilding_communities_for,
    default_community_for,
    get_community_for_user,
    manageable_communities_for,
    manageable_units_for,
)
from activities.selectors.cobuilding.lists import (
    get_need_for_user,
    get_resource_for_user,
    manageable_needs_for,
    manageable_resources_for,
    matching_resources,
    visible_needs_for,
    visible_resources_for,
)
from activities.selectors.cobuilding.overview import CommunityOverview, NeedRow, community_overview
from activities.selectors.cobuilding.projects import (
    ProjectDetail,
    ProjectFigures,
    get_participant_for_user,
    get_project_for_user,
    joinable_units_for,
    manageable_projects_for,
    project_detail,
    project_figures_for,
    projects_for_api,
    projects_in_visible_communities,
    visible_projects_for,
)

__all__ = [
    "CommunityOverview",
    "NeedRow",
    "ProjectDetail",
    "ProjectFigures",
    "can_manage_community",
    "cobuilding_communities_for",
    "community_overview",
    "default_community_for",
    "get_agreement_for_user",
    "get_community_for_user",
    "get_need_for_user",
    "get_participant_for_user",
    "get_project_for_user",
    "joinable_units_for",
    "get_resource_for_user",
    "is_agreement_in_force",
    "manageable_agreements_for",
    "manageable_communities_for",
    "manageable_units_for",
    "manageable_needs_for",
    "manageable_projects_for",
    "projects_in_visible_communities",
    "manageable_resources_for",
    "matching_resources",
    "pairing_branches_for",
    "partner_two_new_for",
    "partner_units_for",
    "project_detail",
    "project_figures_for",
    "projects_for_api",
    "visible_agreements_for",
    "visible_needs_for",
    "visible_projects_for",
    "visible_resources_for",
]
