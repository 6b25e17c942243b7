"""What each post may do. A role grants capabilities; a capability grants Django model
permissions, which other apps extend from their own ``ready()`` with ``grant``."""

from organizations.models import Role

VIEW = "view"  # read everything in the scope of the post
MANAGE = "manage"  # change the records of the organizations in scope
REVIEW = "review"  # approve or return what lower organizations submit

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.SECRETARY: frozenset({VIEW, MANAGE, REVIEW}),
    Role.DEPUTY_SECRETARY: frozenset({VIEW, MANAGE, REVIEW}),
    Role.ORGANIZATION_MEMBER: frozenset({VIEW, MANAGE}),
    Role.STAFF: frozenset({VIEW, MANAGE, REVIEW}),
    Role.PROPAGANDA_MEMBER: frozenset({VIEW}),
    Role.DISCIPLINE_MEMBER: frozenset({VIEW}),
    Role.COMMITTEE_MEMBER: frozenset({VIEW}),
    Role.GROUP_LEADER: frozenset({VIEW}),
}

_CAPABILITY_PERMISSIONS: dict[str, set[str]] = {VIEW: set(), MANAGE: set(), REVIEW: set()}


def grant(capability: str, *permissions: str) -> None:
    """``grant(MANAGE, "members.change_member")``: holders of the capability get the permission."""
    _CAPABILITY_PERMISSIONS[capability].update(permissions)


def permissions_for_roles(roles) -> set[str]:
    perms: set[str] = set()
    for role in roles:
        for capability in ROLE_CAPABILITIES.get(role, ()):
            perms |= _CAPABILITY_PERMISSIONS[capability]
    return perms


def capabilities_for(role: str) -> frozenset[str]:
    return ROLE_CAPABILITIES.get(role, frozenset())


grant(
    VIEW,
    "grid.view_street",
    "grid.view_community",
    "grid.view_gridcell",
    "grid.view_building",
    "grid.view_gridworkerassignment",
    "organizations.view_organization",
    "organizations.view_post",
    "organizations.view_committeeterm",
    "organizations.view_unitorganization",
    "organizations.view_twoneworganization",
    "organizations.view_massorganization",
)
grant(
    MANAGE,
    "grid.add_community",
    "grid.change_community",
    "grid.add_gridcell",
    "grid.change_gridcell",
    "grid.add_building",
    "grid.change_building",
    "grid.delete_building",
    "grid.add_gridworkerassignment",
    "grid.change_gridworkerassignment",
    "organizations.add_organization",
    "organizations.change_organization",
    "organizations.add_post",
    "organizations.change_post",
    "organizations.add_committeeterm",
    "organizations.change_committeeterm",
    "organizations.add_unitorganization",
    "organizations.change_unitorganization",
    "organizations.add_twoneworganization",
    "organizations.change_twoneworganization",
    "organizations.add_massorganization",
    "organizations.change_massorganization",
)
