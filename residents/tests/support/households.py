"""A small street for the households tests: a community with two grid cells (a branch in
each), a grid worker of the first cell, the first branch's secretary, a member, and a second
street with its own cell, branch and member."""

import datetime
from dataclasses import dataclass

from accounts.tests.factories import UserFactory
from grid.models import GridCell
from grid.tests.factories import GridWorkerAssignmentFactory
from members.models import Member
from members.tests.factories import MemberFactory
from organizations.models import Organization, Role
from organizations.tests.factories import (
    PostFactory,
    UnitOrganizationFactory,
    branch,
    community_committee,
    street_committee,
)


@dataclass
class HouseholdWorld:
    street_org: Organization
    branch_a: Organization
    branch_b: Organization
    cell_a: GridCell
    cell_b: GridCell
    member_a: Member
    other_member: Member
    other_cell: GridCell
    worker: object
    secretary: object
    staff: object
    unit: object
    other_unit: object


def household_world() -> HouseholdWorld:
    street_org = street_committee()
    committee = community_committee(street_org)
    branch_a, branch_b = branch(committee), branch(committee)
    other_street = street_committee()
    other_branch = branch(community_committee(other_street))
    worker = UserFactory()
    GridWorkerAssignmentFactory(
        grid_cell=branch_a.grid_cell, user=worker, started_on=datetime.date(2024, 1, 1)
    )
    secretary, staff = UserFactory(), UserFactory()
    PostFactory(user=secretary, organization=branch_a, role=Role.SECRETARY)
    PostFactory(user=staff, organization=street_org, role=Role.SECRETARY)
    member_a = MemberFactory(organization=branch_a, user=UserFactory())
    return HouseholdWorld(
        street_org=street_org,
        branch_a=branch_a,
        branch_b=branch_b,
        cell_a=branch_a.grid_cell,
        cell_b=branch_b.grid_cell,
        member_a=member_a,
        other_member=MemberFactory(organization=other_branch),
        other_cell=other_branch.grid_cell,
        worker=worker,
        secretary=secretary,
        staff=staff,
        unit=UnitOrganizationFactory(community=committee.community),
        other_unit=UnitOrganizationFactory(community=other_branch.community),
    )
