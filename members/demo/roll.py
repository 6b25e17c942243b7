"""The demo member roll of one street: about 1,500 members spread over its branches,
general branch and community committees, the post holders among them linked to their users."""

import datetime
import random
from dataclasses import dataclass

from django.db.models import Q

from accounts.models import User
from grid.demo import Territory
from grid.models import Building
from members.dates import add_months
from members.demo.base import DEFAULT_SIZE, Roll, initials
from members.demo.bulk import insert_objects
from members.demo.people import (
    IdNumbers,
    Person,
    draw_age,
    employment_for,
    gender_of_name,
    make_person,
    workplace_for,
)
from members.models import Member, MemberStatus
from members.models.member import HOLDING_KINDS
from organizations.demo import Tree
from organizations.models import Organization, OrgKind, Post

# Ages as bands of (from, to, weight) by profile of the holding organization: residents'
# branches are old on average, as in real communities; community committees hold their staff.
RESIDENTS = ((20, 34, 20), (35, 59, 35), (60, 90, 45))
RETIREES = ((60, 69, 35), (70, 79, 45), (80, 90, 20))
COMMUNITY_WORKERS = ((24, 34, 40), (35, 50, 45), (51, 59, 15))
PROBATIONARY_AGES = ((20, 30, 50), (31, 45, 40), (46, 55, 10))
CADRE_AGES = {
    "residents": ((30, 45, 30), (46, 59, 40), (60, 72, 30)),
    "retirees": ((62, 75, 1),),
    "workers": ((28, 55, 1),),
}
PROFILES = {  # (ages, share of probationary members)
    "residents": (RESIDENTS, 0.095),
    "retirees": (RETIREES, 0.0),
    "workers": (COMMUNITY_WORKERS, 0.1),
}
# members of the demo's one branch below the minimum of 3 full members
SMALL_BRANCH_SIZE = 2
FOREIGN_KEYS = ["organization", "party_group", "grid_cell", "user"]
# full_clean() one member in this many (checking the constraints costs two queries each)
SAMPLE_EVERY_DEMO = 5
SAMPLE_EVERY = 50


@dataclass
class Holder:
    user: User
    role: str
    party_group: Organization | None


def profile_of(organization: Organization) -> str:
    if organization.kind == OrgKind.COMMUNITY_COMMITTEE:
        return "workers"
    if organization.code.endswith("-LT"):
        return "retirees"
    return "residents"


def weight_of(organization: Organization, rng: random.Random) -> int:
    if organization.kind == OrgKind.COMMUNITY_COMMITTEE:
        return 10
    if organization.kind == OrgKind.GENERAL_BRANCH:
        return 8
    if profile_of(organization) == "retirees":
        return 70
    return rng.randint(24, 40)


def sizes(holding: list[Organization], total: int, rng: random.Random) -> dict[int, int]:
    """``total`` shared out in proportion to the weights (largest remainder)."""
    weights = {o.pk: weight_of(o, rng) for o in holding}
    whole = sum(weights.values())
    shares = {pk: w * total / whole for pk, w in weights.items()}
    result = {pk: int(s) for pk, s in shares.items()}
    for pk in sorted(shares, key=lambda pk: result[pk] - shares[pk])[
        : total - sum(result.values())
    ]:
        result[pk] += 1
    return result


def post_holders(street, organizations: dict[int, Organization]) -> dict[int, list[Holder]]:
    """Users with an open post in the street's holding organizations or party groups, by the
    organization that holds their membership; users already on a roll are left out."""
    posts = (
        Post.objects.filter(organization__street=street, ended_on__isnull=True)
        .filter(~Q(organization__kind=OrgKind.STREET_COMMITTEE), user__member__isnull=True)
        .select_related("user")
        .order_by("organization_id", "pk")
    )
    holders: dict[int, list[Holder]] = {}
    seen: set[int] = set()
    for post in posts:
        if post.user_id in seen:
            continue
        seen.add(post.user_id)
        organization = organizations[post.organization_id]
        group = organization if organization.kind == OrgKind.PARTY_GROUP else None
        holding_id = organization.parent_id if group else organization.pk
        holders.setdefault(holding_id, []).append(Holder(post.user, post.role, group))
    return holders


def _small_branch(tree: Tree, holding: list[Organization]) -> Organization | None:
    """The last branch without a committee: it keeps SMALL_BRANCH_SIZE members, so that the
    demo shows a branch with too few full members (flagged to the level above)."""
    small = [o for o in holding if o.kind == OrgKind.BRANCH and o.pk not in tree.terms]
    return small[-1] if small else None


def build_roll(
    index: int, territory: Territory, tree: Tree, today: datetime.date, size: int = DEFAULT_SIZE
) -> Roll:
    """Members of the street, unless it has some already (then nothing is written)."""
    roll = Roll(index, territory, tree, today)
    if size <= 0 or Member.objects.filter(organization__street=territory.street).exists():
        return roll
    roll._ids = IdNumbers(index)
    roll._members = []
    rng = random.Random(f"members:{territory.street.code}")
    holding = [o for o in tree.organizations if o.kind in HOLDING_KINDS]
    groups: dict[int, list[Organization]] = {}
    for o in tree.organizations:
        if o.kind == OrgKind.PARTY_GROUP:
            groups.setdefault(o.parent_id, []).append(o)
    cells = {area.community.pk: area.cells for area in territory.areas}
    buildings: dict[int, list[tuple[str, int]]] = {}
    for cell_id, address, name, floors in Building.objects.filter(
        grid_cell__community__street=territory.street
    ).values_list("grid_cell_id", "address", "name", "floors"):
        buildings.setdefault(cell_id, []).append((f"{address}{name}", floors))
    holders = post_holders(territory.street, roll.organizations)
    small = _small_branch(tree, holding)
    members: list[Member] = []
    for organization, count in zip(holding, sizes(holding, size, rng).values(), strict=True):
        builder = MemberBuilder(rng, roll, organization, groups.get(organization.pk, []))
        builder.cells = (
            [organization.grid_cell] if organization.grid_cell else cells[organization.community_id]
        )
        builder.buildings = buildings
        these = holders.get(organization.pk, [])
        members += [builder.holder(h) for h in these]
        drawn = [builder.member() for _ in range(max(0, count - len(these)))]
        if organization is small:
            # drawn all the same, so that the branches after it get the same members
            drawn = drawn[: max(0, SMALL_BRANCH_SIZE - len(these))]
        members += drawn
    for n, member in enumerate(members):
        if n % (SAMPLE_EVERY_DEMO if index == 1 else SAMPLE_EVERY) == 0:
            # the related rows were just read: checking that they exist would cost 4 queries
            member.full_clean(exclude=FOREIGN_KEYS, validate_unique=False)
    insert_objects(Member, members)
    roll.created = len(members)
    roll._members = None  # read back with their ids when a later step needs them
    return roll


class MemberBuilder:
    """Members of one holding organization."""

    def __init__(
        self, rng: random.Random, roll: Roll, organization: Organization, groups: list
    ) -> None:
        self.rng, self.roll, self.organization, self.groups = rng, roll, organization, groups
        self.profile = profile_of(organization)
        self.cells: list = []
        self.buildings: dict[int, list[tuple[str, int]]] = {}
        self.made = 0

    def holder(self, holder: Holder) -> Member:
        user = holder.user
        age = draw_age(self.rng, CADRE_AGES[self.profile])
        person = make_person(
            self.rng,
            self.roll.ids(),
            self.roll.today,
            age,
            gender=gender_of_name(user.full_name),
            name=user.full_name,
            phone=user.phone or None,
        )
        return self.build(person, age, probationary=False, user=user, group=holder.party_group)

    def member(self) -> Member:
        bands, probationary_share = PROFILES[self.profile]
        probationary = self.rng.random() < probationary_share
        age = draw_age(self.rng, PROBATIONARY_AGES if probationary else bands)
        person = make_person(self.rng, self.roll.ids(), self.roll.today, age)
        return self.build(person, age, probationary=probationary)

    def build(
        self, person: Person, age: int, *, probationary: bool, user=None, group=None
    ) -> Member:
        rng, today = self.rng, self.roll.today
        employment = (
            "employed" if self.profile == "workers" else employment_for(rng, age, person.gender)
        )
        if probationary:
            joined_on = today - datetime.timedelta(days=rng.randint(1, 364))
        else:
            join_age = rng.randint(18, max(18, min(age - 2, 45)))
            latest = add_months(today, -12) - datetime.timedelta(days=1)
            joined_on = add_months(person.birth_date, 12 * join_age)
            joined_on = min(joined_on + datetime.timedelta(days=rng.randrange(300)), latest)
        if group is None and self.groups:
            group = self.groups[self.made % len(self.groups)]
        self.made += 1
        cell = rng.choice(self.cells)
        return Member(
            name=person.name,
            name_initials=initials(person.name),
            gender=person.gender,
            birth_date=person.birth_date,
            ethnicity=person.ethnicity,
            education=person.education,
            id_number=person.id_number,
            id_last4=person.id_number[-4:],
            phone=person.phone,
            address=self.address(cell.pk),
            workplace=self.workplace(employment),
            employment=employment,
            status=MemberStatus.PROBATIONARY if probationary else MemberStatus.FULL,
            joined_on=joined_on,
            full_member_on=None if probationary else add_months(joined_on, 12),
            organization=self.organization,
            party_group=group,
            grid_cell=cell,
            user=user,
        )

    def workplace(self, employment: str) -> str:
        if self.profile == "workers":  # the community committee's own: its office staff
            return f"{self.organization.community.name}居委会 社区工作者"
        return workplace_for(self.rng, employment, self.roll.territory.short_name)

    def address(self, cell_id: int) -> str:
        choices = self.buildings.get(cell_id)
        if not choices:
            return ""
        building, floors = self.rng.choice(choices)
        floor = self.rng.randint(1, floors)
        return f"{building}{self.rng.randint(1, 3)}单元{floor}{self.rng.randint(1, 4):02d}室"
