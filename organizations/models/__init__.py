"""The models of the organizations app, a module per topic: the tree, committees, posts and
the organizations around the tree (jurisdiction)."""

from organizations.models.access_log import AccessEvent, AccessKind
from organizations.models.committees import CommitteeTerm
from organizations.models.jurisdiction import (
    MassOrganization,
    TwoNewOrganization,
    UnitOrganization,
)
from organizations.models.posts import Post, Role
from organizations.models.tree import Organization, OrgKind

__all__ = [
    "AccessEvent",
    "AccessKind",
    "CommitteeTerm",
    "MassOrganization",
    "OrgKind",
    "Organization",
    "Post",
    "Role",
    "TwoNewOrganization",
    "UnitOrganization",
]
