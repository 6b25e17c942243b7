"""Demo mobile members 流动党员 of one street: about 60 records, through the services of
members/services/mobile, so that every rule of a record, permit and contact holds.

- Outgoing (about 40): members of the street's branches, in all six categories, some away at
  a fixed place for more than six months (to transfer), permits valid, expiring within 30
  days or expired, a few renewed, a few not issued yet.
- Incoming (about 20): people living here with their membership held outside Nanjing, named
  with a plausible ID number (a region outside Nanjing, so never one of the roll's, and the
  street's sequence codes, so never another street's) and the organization holding it.
- Contacts: a few per record by the secretary of the responsible branch, channels mixed;
  some records not reached for more than 90 days, a few never contacted; a few records ended.

The first records go to the demo secretary's branch (CD01-01), so that login's census shows
every case. Members on a post, in the development pipeline or sponsoring it are left alone.
The step writes nothing for a street that has mobile records already."""

import datetime
import random

from members.dates import add_months
from members.demo.base import Roll
from members.demo.cast import Cast, days
from members.models import (
    ContactChannel,
    EmploymentCategory,
    MobileCategory,
    MobileDirection,
    MobileEndReason,
    MobileMember,
)
from members.services.mobile import (
    contact_record,
    mobile_record_create,
    mobile_record_end,
    permit_renew,
)

C = MobileCategory
# (category, variant); the variant picks the dates (see ``Timeline``). The first
# FIRST_BRANCH_SHARE of each list go to the demo secretary's branch.
OUTGOING = [
    (C.MIGRANT_WORKER, "recent"), (C.MOVED, "fixed"), (C.RETIREE, "expiring"),
    (C.LAID_OFF, "stale"), (C.GRADUATE, "new"), (C.TALENT, "expired"),
    (C.MIGRANT_WORKER, "never"), (C.RETIREE, "renewed"),
    (C.MIGRANT_WORKER, "recent"), (C.MIGRANT_WORKER, "expiring"), (C.MIGRANT_WORKER, "expired"),
    (C.MIGRANT_WORKER, "renewed"), (C.MIGRANT_WORKER, "stale"), (C.MIGRANT_WORKER, "new"),
    (C.MOVED, "fixed"), (C.MOVED, "fixed_never"), (C.MOVED, "fixed_stale"), (C.MOVED, "returned"),
    (C.MOVED, "recent"), (C.RETIREE, "recent"), (C.RETIREE, "stale"), (C.RETIREE, "fixed"),
    (C.LAID_OFF, "recent"), (C.LAID_OFF, "expired"), (C.LAID_OFF, "never"),
    (C.LAID_OFF, "renewed_expiring"), (C.GRADUATE, "new"), (C.GRADUATE, "recent"),
    (C.GRADUATE, "expiring"), (C.GRADUATE, "stale"), (C.GRADUATE, "returned"),
    (C.TALENT, "recent"), (C.TALENT, "renewed"), (C.TALENT, "expiring"), (C.TALENT, "fixed"),
    (C.TALENT, "never"), (C.TALENT, "recent"), (C.MIGRANT_WORKER, "recent"),
    (C.RETIREE, "recent"), (C.TALENT, "renewed_expiring"),
]  # fmt: skip
INCOMING = [
    (C.MIGRANT_WORKER, "recent"), (C.TALENT, "expiring"), (C.LAID_OFF, "fixed_stale"),
    (C.MIGRANT_WORKER, "stale"), (C.MIGRANT_WORKER, "expiring"), (C.MIGRANT_WORKER, "recent"),
    (C.MIGRANT_WORKER, "never"), (C.MIGRANT_WORKER, "left"), (C.MOVED, "fixed"),
    (C.MOVED, "recent"), (C.RETIREE, "recent"), (C.RETIREE, "expired"), (C.LAID_OFF, "recent"),
    (C.GRADUATE, "new"), (C.GRADUATE, "recent"), (C.TALENT, "recent"), (C.TALENT, "renewed"),
    (C.TALENT, "fixed"), (C.MIGRANT_WORKER, "expired"),
]  # fmt: skip
FIRST_BRANCH_SHARE = {MobileDirection.OUTGOING: 8, MobileDirection.INCOMING: 3}
COMMUNITIES = ["和平", "幸福", "东风", "团结", "新华", "光明", "红星", "振兴", "安居", "康乐"]
# where members of ours went, and what they do there
AWAY_PLACES = [
    "上海市浦东新区", "江苏省苏州市工业园区", "浙江省杭州市余杭区", "广东省深圳市南山区",
    "江苏省无锡市新吴区", "北京市海淀区", "安徽省合肥市包河区", "湖北省武汉市洪山区",
]  # fmt: skip
AWAY_DOING = {
    C.MIGRANT_WORKER: ["建筑工地务工", "经营小超市", "电子厂务工", "物流公司驾驶员", "经营餐馆"],
    C.MOVED: ["随子女定居", "购房定居", "随配偶迁居"],
    C.RETIREE: ["民营企业返聘（财务顾问）", "民办医院返聘", "职业学校返聘教师"],
    C.LAID_OFF: ["物业公司再就业", "个体经营", "灵活就业（网约车）"],
    C.GRADUATE: ["求职中", "备考公务员", "实习待就业"],
    C.TALENT: ["科技公司项目派驻", "外派工程项目", "高校访问学者"],
}
HERE_DOING = {
    C.MIGRANT_WORKER: ["在辖区务工", "经营早点铺", "快递网点员工"],
    C.MOVED: ["随子女居住", "购房定居"],
    C.RETIREE: ["随子女居住，退休返聘", "帮子女照看孩子"],
    C.LAID_OFF: ["在辖区打零工", "物业保安"],
    C.GRADUATE: ["租房求职", "在辖区企业实习"],
    C.TALENT: ["在辖区科技企业工作", "驻场工程师"],
}
CHANNELS = (
    (ContactChannel.PHONE, 5), (ContactChannel.MESSAGE, 5), (ContactChannel.VISIT, 2),
    (ContactChannel.MEETING, 1), (ContactChannel.LETTER, 1), (ContactChannel.OTHER, 1),
)  # fmt: skip
OUTCOMES = {
    ContactChannel.PHONE: ["电话了解工作生活情况，提醒按时交纳党费。", "电话沟通，本人情况正常。"],
    ContactChannel.MESSAGE: [
        "微信发送本月主题党日学习资料，本人已回复。",
        "短信通知参加线上党课。",
    ],
    ContactChannel.VISIT: ["走访家属，了解本人近况。", "上门走访，本人回家探亲时面谈。"],
    ContactChannel.MEETING: ["参加支部主题党日活动时交流。"],
    ContactChannel.LETTER: ["寄送党员学习资料。"],
    ContactChannel.OTHER: ["通过流入地党组织了解本人参加组织生活情况。"],
}
UNREACHED = "电话无人接听，已短信留言。"


FITS = {  # which members go away in each category (any member when none fits)
    C.MIGRANT_WORKER: lambda age, job: 22 <= age <= 55 and job != EmploymentCategory.RETIRED,
    C.MOVED: lambda age, job: age >= 30,
    C.RETIREE: lambda age, job: job == EmploymentCategory.RETIRED and age <= 72,
    C.LAID_OFF: lambda age, job: 40 <= age <= 59 and job != EmploymentCategory.RETIRED,
    C.GRADUATE: lambda age, job: age <= 30,
    C.TALENT: lambda age, job: 25 <= age <= 50 and job == EmploymentCategory.EMPLOYED,
}
AGES = {
    C.MIGRANT_WORKER: (25, 55), C.MOVED: (30, 70), C.RETIREE: (60, 70),
    C.LAID_OFF: (45, 59), C.GRADUATE: (22, 27), C.TALENT: (26, 45),
}  # fmt: skip


class Timeline:
    """The dates of one record, working back from ``today`` by its variant."""

    def __init__(self, rng: random.Random, today: datetime.date, variant: str) -> None:
        self.rng, self.today = rng, today
        self.fixed_place = variant.startswith("fixed")
        self.away_since: datetime.date | None = None
        self.issued_on = self.valid_until = None
        self.renewed_on = self.renewed_until = None
        self.ended_on = None
        self.contacts = "stale" if variant.endswith("stale") else "recent"
        ago = self.ago
        if variant == "new":
            self.away_since = ago(8, 40)
        elif variant in ("recent", "never"):
            self.away_since = ago(100, 200) if variant == "never" else ago(60, 170)
            self.issue(self.away_since + days(rng.randint(2, 15)))
        elif variant in ("expiring", "expired"):
            until = today + days(
                rng.randint(3, 25) if variant == "expiring" else -rng.randint(5, 60)
            )
            self.issue(add_months(until, -12), until)
        elif variant.startswith("renewed"):
            if variant == "renewed":
                self.issue(add_months(today, -rng.randint(13, 20)))
                renewed = add_months(self.issued_on, 12) - days(rng.randint(5, 20))
            else:  # the renewed permit expires within 30 days
                renewed = add_months(today + days(rng.randint(3, 25)), -12)
                self.issue(add_months(renewed, -11) - days(rng.randint(0, 15)))
            self.renewed_on, self.renewed_until = renewed, add_months(renewed, 12)
        elif variant == "stale":
            self.away_since = ago(200, 330)
            self.issue(self.away_since + days(rng.randint(2, 15)))
        elif self.fixed_place:
            self.away_since = add_months(today, -rng.randint(7, 26))
            if variant != "fixed_never":
                self.issue(self.away_since + days(rng.randint(2, 10)))
        else:  # "returned" (outgoing) or "left" (incoming): ended
            self.away_since = ago(150, 400)
            self.issue(self.away_since + days(rng.randint(2, 15)))
            self.ended_on = ago(10, 60)
        if variant.endswith("never"):
            self.contacts = "never"

    def ago(self, low: int, high: int) -> datetime.date:
        return self.today - days(self.rng.randint(low, high))

    def issue(self, on: datetime.date, until: datetime.date | None = None) -> None:
        self.issued_on, self.valid_until = on, until or add_months(on, 12)
        if self.away_since is None:
            self.away_since = on - days(self.rng.randint(2, 20))

    def contact_days(self) -> list[tuple[datetime.date, bool]]:
        """(day, reached) of each contact, oldest first."""
        rng, start = self.rng, self.away_since + days(self.rng.randint(3, 12))
        if self.contacts == "never":
            return []
        if self.contacts == "stale":  # last reached long ago, one attempt since
            last = self.today - days(rng.randint(95, 170))
            attempt = [(self.today - days(rng.randint(10, 60)), False)]
        else:
            last = (self.ended_on or self.today) - days(rng.randint(3, 40))
            attempt = []
        if last < start:
            return [(start, True)] if self.contacts == "recent" and start <= self.today else []
        n = rng.randint(2, 5)
        step = (last - start) / max(n - 1, 1)
        reached = [(start + step * k, k == n - 1 or rng.random() > 0.15) for k in range(n)]
        return reached + attempt


def build_mobile(roll: Roll) -> None:
    """The street's mobile member records, unless it has some already."""
    if MobileMember.objects.filter(organization__street=roll.street).exists():
        return
    cast = Cast(roll, random.Random(f"mobile:{roll.street.code}"), moving=False)
    others = cast.branches()
    cells = [b.pk for b in roll.tree.grid_branches[1:]]  # where people from outside live
    if not cast.secretaries or not cells:
        return
    roads = {area.community.pk: area.road for area in roll.territory.areas}
    for direction, plan in (
        (MobileDirection.OUTGOING, OUTGOING),
        (MobileDirection.INCOMING, INCOMING),
    ):
        for n, (category, variant) in enumerate(plan):
            first = n < FIRST_BRANCH_SHARE[direction]
            timeline = Timeline(cast.rng, roll.today, variant)
            if direction == MobileDirection.OUTGOING:
                order = [cast.first_branch.pk] if first else []
                order += others[n * 7 % len(others) :] + others[: n * 7 % len(others)]
                fields = outgoing(cast, order, category) if others else None
            else:
                branch = cast.first_branch.pk if first else cells[n * 7 % len(cells)]
                fields = incoming(cast, roads, branch, category)
            if fields is None:
                continue
            build_record(cast, timeline, n, direction=direction, category=category, **fields)


def outgoing(cast: Cast, organizations: list[int], category: str) -> dict | None:
    """A member of the first of ``organizations`` that has one left."""
    fits = FITS[category]
    member = None
    for organization_id in organizations:
        member = cast.pick(organization_id, lambda m: fits(cast.age(m), m.employment))
        if member is not None:
            break
    if member is None:
        return None
    doing = cast.rng.choice(AWAY_DOING[category])
    return {
        "member": member,
        "organization": member.organization,
        "whereabouts": f"{cast.rng.choice(AWAY_PLACES)} {doing}",
        "grid_cell_id": member.grid_cell_id,
    }


def incoming(cast: Cast, roads: dict, organization_id: int, category: str) -> dict:
    rng = cast.rng
    organization = cast.roll.organizations[organization_id]
    person = cast.outsider(rng.randint(*AGES[category]))
    _region, place, university, enterprise = person.pop("place")
    home = {
        C.LAID_OFF: f"{enterprise}党委",
        C.GRADUATE: f"{university}{rng.choice(['机械工程', '计算机', '经济管理'])}学院学生党支部",
        C.TALENT: f"{place[: place.index('市') + 1]}人才交流服务中心党委",
    }.get(category, f"{place}{rng.choice(COMMUNITIES)}社区党委")
    road = roads[organization.community_id]
    return {
        "organization": organization,
        "name": person["name"],
        "gender": person["gender"],
        "id_number": person["id_number"],
        "phone": person["phone"],
        "home_organization": home,
        "whereabouts": f"{road}{rng.randint(1, 199)}号 {rng.choice(HERE_DOING[category])}",
        "grid_cell_id": organization.grid_cell_id,
    }


def build_record(cast: Cast, timeline: Timeline, n: int, *, organization, **fields) -> None:
    actor = cast.secretaries.get(organization.pk)
    if actor is None:
        return
    rng, member = cast.rng, fields.get("member")
    issued_on = timeline.issued_on
    permit = ""
    if issued_on:
        region = cast.roll.street.code if member else fields["id_number"][:6]
        permit = f"{region}-LD-{issued_on.year}-{cast.roll.index:03d}{n:02d}"
    grid_cell_id = fields.pop("grid_cell_id")
    record = mobile_record_create(
        actor=actor,
        organization=None if member else organization,
        away_since=timeline.away_since,
        fixed_place=timeline.fixed_place,
        grid_cell=_cell(cast, grid_cell_id),
        permit_number=permit,
        permit_issued_on=issued_on,
        permit_valid_until=timeline.valid_until,
        **fields,
    )
    if timeline.renewed_on:
        permit_renew(
            actor=actor,
            record=record,
            renewed_on=timeline.renewed_on,
            valid_until=timeline.renewed_until,
        )
    for day, reached in timeline.contact_days():
        channel = rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]
        if not reached:
            channel = ContactChannel.PHONE
        contact_record(
            actor=actor,
            record=record,
            contacted_on=day,
            channel=channel,
            outcome=rng.choice(OUTCOMES[channel]) if reached else UNREACHED,
            reached=reached,
        )
    if timeline.ended_on:
        reason = MobileEndReason.RETURNED if member else MobileEndReason.LEFT
        mobile_record_end(actor=actor, record=record, ended_on=timeline.ended_on, end_reason=reason)


def _cell(cast: Cast, grid_cell_id: int | None):
    if grid_cell_id is None:
        return None
    return next(c for c in cast.roll.territory.cells if c.pk == grid_cell_id)
