from organizations.models.jurisdiction import (
    MassOrganization,
    TwoNewOrganization,
    UnitOrganization,
)
from organizations.models.tree import CommitteeTerm, Organization, OrgKind, Post, Role

__all__ = [
    "CommitteeTerm",
    "MassOrganization",
    "OrgKind",
    "Organization",
    "Post",
    "Role",
    "TwoNewOrganization",
    "UnitOrganization",
]
