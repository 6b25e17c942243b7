"""The demo organizations around the tree: units, two-new organizations (some covered by a
party organization or an instructor, some not) and the mass organizations of each community."""

import datetime
import random

from grid.demo import Territory, upsert
from organizations.demo.people import chinese_name, mobile
from organizations.demo.tree import Tree
from organizations.models import MassOrganization, TwoNewOrganization, UnitOrganization
from organizations.models.jurisdiction import MassKind, TwoNewKind, UnitKind

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
