"""The demo organization tree of a street: the organizations, their committee terms, the
posts and who holds them, and the grid workers."""

import datetime
import random
import zlib
from dataclasses import dataclass, field

from accounts.models import User
from grid.demo import Territory, chinese_number, upsert
from grid.models import Community, GridCell, GridWorkerAssignment, Street
from organizations.demo.people import person, slug
from organizations.models import CommitteeTerm, Organization, OrgKind, Post, Role
from policies.calendar import add_years

# Where the tree departs from "one committee per community, one branch per grid cell".
GENERAL_BRANCH_COMMUNITY = 1  # its last cells' branches sit under a general branch
GENERAL_BRANCH_CELLS = 3
RETIRED_BRANCH_COMMUNITIES = (0, 2)
RETIRED_BRANCH_GROUPS = 2
# Party groups in the first grid branch of these communities; community 0's branch is the
# demo secretary's, whose view should show a branch with its groups.
FIRST_BRANCH_GROUPS = {0: 2, 1: 1, 3: 1, 4: 1, 5: 1}
ESTABLISHED_YEARS = {
    OrgKind.STREET_COMMITTEE: (2002, 2003),
    OrgKind.COMMUNITY_COMMITTEE: (2004, 2008),
    OrgKind.GENERAL_BRANCH: (2009, 2012),
    OrgKind.BRANCH: (2010, 2020),
    OrgKind.PARTY_GROUP: (2016, 2023),
}
ROLE_PREFIX = {
    Role.SECRETARY: "sec",
    Role.DEPUTY_SECRETARY: "dep",
    Role.ORGANIZATION_MEMBER: "org",
    Role.PROPAGANDA_MEMBER: "pro",
    Role.DISCIPLINE_MEMBER: "dis",
    Role.COMMITTEE_MEMBER: "cm",
    Role.GROUP_LEADER: "gl",
    Role.STAFF: "stf",
}


@dataclass
class Tree:
    street_committee: Organization
    community_committees: list[Organization] = field(default_factory=list)
    grid_branches: list[Organization] = field(default_factory=list)  # in the territory's order
    organizations: list[Organization] = field(default_factory=list)  # parents before children
    terms: dict[int, CommitteeTerm] = field(default_factory=dict)  # by organization id

    def branch_of(self, cell: GridCell) -> Organization:
        return next(b for b in self.grid_branches if b.grid_cell_id == cell.pk)


def _organization(
    kind: str,
    code: str,
    name: str,
    parent: Organization | None,
    street: Street,
    community: Community | None = None,
    grid_cell: GridCell | None = None,
) -> Organization:
    rng = random.Random(f"org:{code}")
    first, last = ESTABLISHED_YEARS[kind]
    established_on = datetime.date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))
    if parent is not None and parent.established_on:  # never older than its parent
        later = parent.established_on + datetime.timedelta(days=rng.randint(30, 400))
        established_on = max(established_on, later)
    return upsert(
        Organization,
        {"code": code},
        {
            "kind": kind,
            "name": name,
            "parent": parent,
            "street": street,
            "community": community,
            "grid_cell": grid_cell,
            "established_on": established_on,
            "phone": f"025-8{rng.randint(0, 9999999):07d}",
            "address": community.address if community else "",
        },
    )


def build_tree(territory: Territory, today: datetime.date) -> Tree:
    street = territory.street
    root = _organization(
        OrgKind.STREET_COMMITTEE, street.code, f"{street.name}党工委", None, street
    )
    tree = Tree(street_committee=root, organizations=[root])

    def add(*args) -> Organization:
        organization = _organization(*args)
        tree.organizations.append(organization)
        return organization

    groups: list[tuple[Organization, int]] = []
    for k, area in enumerate(territory.areas):
        community = area.community
        committee = add(
            OrgKind.COMMUNITY_COMMITTEE, community.code, f"{community.name}党委", root, street,
            community,
        )  # fmt: skip
        tree.community_committees.append(committee)
        general = None
        if k == GENERAL_BRANCH_COMMUNITY:
            general = add(
                OrgKind.GENERAL_BRANCH, f"{community.code}-Z", f"{community.name}南片党总支",
                committee, street, community,
            )  # fmt: skip
        for n, cell in enumerate(area.cells):
            under_general = general is not None and n >= len(area.cells) - GENERAL_BRANCH_CELLS
            branch = add(
                OrgKind.BRANCH, cell.code, f"{cell.name}党支部",
                general if under_general else committee, street, community, cell,
            )  # fmt: skip
            tree.grid_branches.append(branch)
            if n == 0 and k in FIRST_BRANCH_GROUPS:
                groups.append((branch, FIRST_BRANCH_GROUPS[k]))
        if k in RETIRED_BRANCH_COMMUNITIES:
            retired = add(
                OrgKind.BRANCH, f"{community.code}-LT", f"{community.name}离退休党支部",
                committee, street, community,
            )  # fmt: skip
            groups.append((retired, RETIRED_BRANCH_GROUPS))
    for branch, count in groups:
        for n in range(1, count + 1):
            add(
                OrgKind.PARTY_GROUP, f"{branch.code}-G{n}",
                f"{branch.name}第{chinese_number(n)}党小组", branch, street,
                branch.community, branch.grid_cell,
            )  # fmt: skip
    build_terms(tree, today)
    return tree


def term_plan(
    kind: str, position: int, today: datetime.date
) -> tuple[datetime.date, int, int] | None:
    """(elected on, years, seats) of an organization's committee, or None when it has none:
    party groups, and branches too small to elect a committee. Some terms end within the
    next 90 days and some have run out, so that election reminders have work."""
    if kind == OrgKind.PARTY_GROUP or (kind == OrgKind.BRANCH and position % 5 == 3):
        return None
    if kind == OrgKind.BRANCH:
        years, seats = 3, 5 if position % 2 == 0 else 3
    elif kind == OrgKind.GENERAL_BRANCH:
        years, seats = 3, 5
    else:  # street and community committees serve five years since 2021
        years, seats = 5, 9 if kind == OrgKind.STREET_COMMITTEE else 7 - 2 * (position % 2)
    if position % 6 == 1:
        ends_on = today + datetime.timedelta(days=10 + position * 7 % 75)
        return add_years(ends_on, -years), years, seats
    if position % 8 == 6:
        elected_on = datetime.date(today.year - years - 1, 4 + position % 6, 1 + position % 28)
    else:  # ends at least four months ahead whatever the day of the year
        elected_on = datetime.date(
            today.year - 1 - position % 2, 5 + position % 6, 1 + position % 28
        )
    return elected_on, years, seats


def build_terms(tree: Tree, today: datetime.date) -> None:
    positions: dict[str, int] = {}
    for organization in tree.organizations:
        position = positions.get(organization.kind, 0)
        positions[organization.kind] = position + 1
        plan = term_plan(organization.kind, position, today)
        if plan is None:
            continue
        elected_on, years, seats = plan
        # One term per demo organization, matched on the organization: the terms that end
        # soon move with today, and must replace yesterday's rather than add to it.
        tree.terms[organization.pk] = upsert(
            CommitteeTerm,
            {"organization": organization},
            {"elected_on": elected_on, "term_years": years, "seats": seats},
        )


def roles_for(organization: Organization, term: CommitteeTerm | None) -> list[str]:
    kind = organization.kind
    if kind == OrgKind.PARTY_GROUP:
        return [Role.GROUP_LEADER]
    if kind == OrgKind.STREET_COMMITTEE:
        return [
            Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.ORGANIZATION_MEMBER,
            Role.PROPAGANDA_MEMBER, Role.DISCIPLINE_MEMBER, Role.STAFF,
        ]  # fmt: skip
    if kind == OrgKind.COMMUNITY_COMMITTEE:
        return [
            Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.ORGANIZATION_MEMBER,
            Role.COMMITTEE_MEMBER, Role.STAFF,
        ]  # fmt: skip
    if term is None:  # a small branch: a secretary and no committee
        return [Role.SECRETARY]
    if term.seats >= 5:
        return [Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.ORGANIZATION_MEMBER]
    return [Role.SECRETARY, Role.ORGANIZATION_MEMBER, Role.PROPAGANDA_MEMBER]


def build_posts(tree: Tree, today: datetime.date, logins: dict[str, User]) -> None:
    """Posts for every organization; in the demo street, the fixed logins take theirs."""
    fixed: dict[tuple[int, str], User] = {}
    if logins:
        fixed = {
            (tree.street_committee.pk, Role.STAFF): logins["street"],
            (tree.community_committees[0].pk, Role.STAFF): logins["community"],
            (tree.grid_branches[0].pk, Role.SECRETARY): logins["secretary"],
        }
    for organization in tree.organizations:
        term = tree.terms.get(organization.pk)
        started_on = term.elected_on if term else datetime.date(today.year - 1, 3, 1)
        for role in roles_for(organization, term):
            user = fixed.get((organization.pk, role)) or person(
                f"{ROLE_PREFIX[role]}_{slug(organization.code)}",
                is_staff=role in (Role.SECRETARY, Role.STAFF),
            )
            lookup = {"organization": organization, "role": role, "ended_on": None}
            values = {"started_on": started_on}
            if role == Role.SECRETARY:  # one secretary in office: the holder is a value
                values["user"] = user
            else:
                lookup["user"] = user
            upsert(Post, lookup, values)


def build_grid_workers(territory: Territory, today: datetime.date, logins: dict[str, User]) -> None:
    started_on = datetime.date(today.year - 1, 2, 1)
    for i, cell in enumerate(territory.cells):
        if logins and i == 0:
            workers = [logins["gridworker"]]
        else:
            count = 1 + zlib.crc32(cell.code.encode()) % 2
            workers = [person(f"gw_{slug(cell.code)}_{n}") for n in range(1, count + 1)]
        for worker in workers:
            upsert(
                GridWorkerAssignment,
                {"grid_cell": cell, "user": worker, "ended_on": None},
                {"started_on": started_on},
            )
