"""More branches, grid cells and members in one community than a select box may list, written
in bulk (tests/test_select_limit.py and the browser test of the search box)."""

import datetime

from config.forms import SELECT_LIMIT
from grid.models import GridCell
from members.models import Member
from members.models.member import name_initials
from members.tests.factories import MemberFactory
from organizations.models import Organization, OrgKind

MANY = SELECT_LIMIT + 10


def many_branches(community_committee) -> None:
    """MANY branches, each with its grid cell, under a community committee."""
    community = community_committee.community
    cells = GridCell.objects.bulk_create(
        GridCell(community=community, code=f"BULK-{n:04d}", name=f"批量网格{n:04d}")
        for n in range(MANY)
    )
    branches = Organization.objects.bulk_create(
        Organization(
            kind=OrgKind.BRANCH,
            parent=community_committee,
            street=community_committee.street,
            community=community,
            grid_cell=cell,
            name=f"批量支部{n:04d}",
        )
        for n, cell in enumerate(cells)
    )
    for org in branches:
        org.path = f"{community_committee.path}{org.pk:07d}/"
        org.depth = org.path.count("/")
    Organization.objects.bulk_update(branches, ["path", "depth"])


def many_members(branch) -> None:
    """MANY members on the roll of ``branch``."""
    members = MemberFactory.build_batch(
        MANY, organization=branch, birth_date=datetime.date(1981, 2, 3)
    )
    for n, member in enumerate(members):
        member.name = f"批量党员{n:04d}"
        member.id_last4 = member.id_number[-4:]
        member.name_initials = name_initials(member.name)
    Member.objects.bulk_create(members)
