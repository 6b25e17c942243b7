"""Demo party organizations of one street: the tree, committee terms, posts and the people
holding them, grid workers, and the unit, two-new and mass organizations around the tree.

Everything is derived from the territory (names, codes, seeded ``random.Random``), so that
building it again changes nothing."""

import datetime
import functools
import random
import zlib
from dataclasses import dataclass, field

from accounts.models import User
from grid.demo import Territory, chinese_number, upsert
from grid.models import Community, GridCell, GridWorkerAssignment, Street
from organizations.models import (
    CommitteeTerm,
    MassOrganization,
    Organization,
    OrgKind,
    Post,
    Role,
    TwoNewOrganization,
    UnitOrganization,
)
from organizations.models.jurisdiction import MassKind, TwoNewKind, UnitKind
from policies.calendar import add_years

DEMO_PASSWORD = "demo-2026"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
)
GIVEN_NAMES = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "建华", "国庆", "海燕", "志强",
    "丽华", "晓东", "文博", "子涵", "雨轩", "浩然", "欣怡", "思远", "婷婷", "晨", "玉兰", "德明",
    "春梅", "立新", "红霞",
]  # fmt: skip


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    phone: str
    description: str
    is_staff: bool = True
    is_superuser: bool = False


DEMO_LOGINS = [
    DemoLogin("admin", "系统管理员", "13900000001", "superuser, Django admin", is_superuser=True),
    DemoLogin("street", "周敏", "13900000002", "staff of 城东街道党工委 (the whole street)"),
    DemoLogin("community", "吴丽华", "13900000003", "staff of 梅园社区党委 (one community)"),
    DemoLogin("secretary", "陈建国", "13900000004", "secretary of 梅园社区第一网格党支部"),
    DemoLogin("gridworker", "刘晓燕", "13900000005", "grid worker of 梅园社区第一网格", False),
]

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

UNITS = [
    ("{s}派出所", UnitKind.GOVERNMENT),
    ("{d}市场监督管理局{s}分局", UnitKind.GOVERNMENT),
    ("{d}税务局{s}税务所", UnitKind.GOVERNMENT),
    ("{s}实验小学", UnitKind.SCHOOL),
    ("{s}中学", UnitKind.SCHOOL),
    ("{s}社区卫生服务中心", UnitKind.HOSPITAL),
    ("{s}中医院", UnitKind.HOSPITAL),
    ("国网{s}供电所", UnitKind.STATE_ENTERPRISE),
    ("中国邮政{s}支局", UnitKind.STATE_ENTERPRISE),
    ("{s}自来水营业所", UnitKind.STATE_ENTERPRISE),
    ("{d}图书馆{s}分馆", UnitKind.PUBLIC_INSTITUTION),
    ("{s}文化站", UnitKind.PUBLIC_INSTITUTION),
]
ENTERPRISES = [
    "南京{s}物业管理有限公司", "{s}智联科技有限公司", "金陵{s}商贸有限公司", "顺达{s}物流有限公司",
    "{s}餐饮管理有限公司", "博远{s}软件有限公司", "{s}家政服务有限公司", "汇通{s}建材有限公司",
    "{s}康养服务有限公司", "新华{s}文化传媒有限公司", "{s}汽车维修有限公司", "瑞祥{s}酒店管理有限公司",
]  # fmt: skip
SOCIAL_ORGANIZATIONS = [
    "{s}志愿者协会", "{s}社区社会组织联合会", "{s}养老服务中心", "{s}青少年活动中心",
    "{s}乐龄书画社", "{s}邻里互助会", "{s}残疾人康复服务中心", "{s}人民调解协会",
]  # fmt: skip
MASS_NAMES = {
    MassKind.TRADE_UNION: "{c}工会联合会",
    MassKind.YOUTH_LEAGUE: "共青团{c}委员会",
    MassKind.WOMENS_FEDERATION: "{c}妇女联合会",
}


def chinese_name(key: str) -> str:
    """A plausible full name, always the same for the same key."""
    h = zlib.crc32(key.encode())
    return SURNAMES[h % len(SURNAMES)] + GIVEN_NAMES[(h // len(SURNAMES)) % len(GIVEN_NAMES)]


def mobile(key: str) -> str:
    return f"139{zlib.crc32(f'phone:{key}'.encode()) % 10**8:08d}"


def slug(code: str) -> str:
    """CD01-03 → cd0103, for usernames."""
    return code.lower().replace("-", "")


@functools.cache
def demo_password_hash() -> str:
    """Hashing is slow by design: hash the demo password once and share the result."""
    user = User()
    user.set_password(DEMO_PASSWORD)
    return user.password


def person(username: str, is_staff: bool = False) -> User:
    """A generated user; the password is set only when the user is created."""
    return upsert(
        User,
        {"username": username},
        {"full_name": chinese_name(username), "phone": mobile(username), "is_staff": is_staff},
        create_only={"password": demo_password_hash()},
    )


def ensure_demo_logins() -> dict[str, User]:
    return {
        login.username: upsert(
            User,
            {"username": login.username},
            {
                "full_name": login.full_name,
                "phone": login.phone,
                "is_staff": login.is_staff,
                "is_superuser": login.is_superuser,
            },
            create_only={"password": demo_password_hash()},
        )
        for login in DEMO_LOGINS
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


def build_jurisdiction(territory: Territory, tree: Tree) -> None:
    build_units(territory)
    build_two_new(territory, tree)
    build_mass(tree)


def build_units(territory: Territory) -> None:
    names = {"s": territory.short_name, "d": territory.street.district}
    for n, (template, unit_kind) in enumerate(UNITS):
        area = territory.areas[n % len(territory.areas)]
        name = template.format(**names)
        key = f"unit:{territory.street.code}:{n}"
        rng = random.Random(key)
        upsert(
            UnitOrganization,
            {"community": area.community, "name": name},
            {
                "grid_cell": area.cells[n // len(territory.areas) % len(area.cells)],
                "unit_kind": unit_kind,
                "party_organization_name": f"{name}党{'总支' if n % 4 == 0 else '支部'}",
                "party_member_count": rng.randint(5, 60),
                "address": f"{area.road}{rng.randint(20, 199)}号",
                "contact_name": chinese_name(key),
                "contact_phone": mobile(key),
                "joined_co_building_on": datetime.date(2012 + n % 10, 1 + n % 12, 10),
            },
        )


def build_two_new(territory: Territory, tree: Tree) -> None:
    """Some have their own or a joint party organization, some an instructor, some neither:
    coverage is meant to be a figure worth looking at, not 100%."""
    street = territory.street
    templates = [(t, TwoNewKind.NON_PUBLIC_ENTERPRISE) for t in ENTERPRISES] + [
        (t, TwoNewKind.SOCIAL_ORGANIZATION) for t in SOCIAL_ORGANIZATIONS
    ]
    for n, (template, kind) in enumerate(templates):
        area = territory.areas[n % len(territory.areas)]
        cell = area.cells[n % len(area.cells)]
        rng = random.Random(f"two-new:{street.code}:{n}")
        has_organization = n % 5 in (0, 1)
        has_instructor = n % 5 == 2 or (n % 5 == 3 and n % 2 == 0)
        prefix = "91" if kind == TwoNewKind.NON_PUBLIC_ENTERPRISE else "52"
        credit_code = f"{prefix}320102MA{territory.index:04d}{n:03d}X"
        instructor = chinese_name(f"instructor:{street.code}:{n}") if has_instructor else ""
        upsert(
            TwoNewOrganization,
            {"community": area.community, "name": template.format(s=territory.short_name)},
            {
                "grid_cell": cell,
                "kind": kind,
                "credit_code": None if n % 7 == 6 else credit_code,  # some not registered yet
                "address": f"{area.road}{rng.randint(20, 199)}号",
                "employee_count": rng.randint(8, 300),
                "party_member_count": rng.randint(3, 12) if has_organization else rng.randint(0, 2),
                "party_organization": tree.branch_of(cell) if has_organization else None,
                "instructor_name": instructor,
                "instructor_assigned_on": datetime.date(2020 + n % 5, 3, 1) if instructor else None,
            },
        )


def build_mass(tree: Tree) -> None:
    for committee in tree.community_committees:
        community_name = committee.community.name
        for kind, template in MASS_NAMES.items():
            rng = random.Random(f"mass:{committee.code}:{kind}")
            upsert(
                MassOrganization,
                {"leading_organization": committee, "kind": kind},
                {
                    "name": template.format(c=community_name),
                    "chair_name": chinese_name(f"mass:{committee.code}:{kind}"),
                    "member_count": rng.randint(30, 400),
                    "established_on": datetime.date(rng.randint(2005, 2015), rng.randint(1, 12), 1),
                },
            )
