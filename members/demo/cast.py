"""The cast of a street's mobile member and transfer demo data, shared by both steps.

``Cast`` gives the secretaries who act, the members who may move, and people whose membership
is held outside Nanjing (``PLACES``: where they come from)."""

import datetime
import random

from accounts.models import User
from members.demo.base import Roll
from members.demo.people import make_person
from members.idnumber import make_id_number
from members.models import DevelopmentRecord, Gender, Member, MobileMember
from organizations.models import OrgKind

# (region code, place, university, old state enterprise): where incoming members come from
PLACES = [
    ("340104", "安徽省合肥市蜀山区", "合肥工业大学", "合肥锻压机床厂"),
    ("341202", "安徽省阜阳市颍州区", "阜阳师范大学", "阜阳纺织厂"),
    ("341602", "安徽省亳州市谯城区", "亳州学院", "亳州酿酒厂"),
    ("320311", "江苏省徐州市泉山区", "中国矿业大学", "徐州矿务集团有限公司"),
    ("321002", "江苏省扬州市广陵区", "扬州大学", "扬州柴油机厂"),
    ("320902", "江苏省盐城市亭湖区", "盐城工学院", "盐城拖拉机厂"),
    ("410105", "河南省郑州市金水区", "郑州大学", "郑州第二棉纺织厂"),
    ("370102", "山东省济南市历下区", "山东大学", "济南第一机床厂"),
    ("360102", "江西省南昌市东湖区", "南昌大学", "江西洪都机械厂"),
    ("510107", "四川省成都市武侯区", "四川大学", "成都无缝钢管厂"),
]


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


class Cast:
    """Who takes part in a street's mobile and transfer demo data: the secretaries who act,
    the members who may move, and people from outside."""

    def __init__(self, roll: Roll, rng: random.Random, *, moving: bool) -> None:
        self.roll, self.rng, self.today = roll, rng, roll.today
        by_org = roll.secretary_by_organization()
        users = User.objects.in_bulk(set(by_org.values()))
        self.secretaries = {org: users[uid] for org, uid in by_org.items()}
        self.taken: set[int] = set(
            MobileMember.objects.filter(
                organization__street=roll.street, member__isnull=False
            ).values_list("member_id", flat=True)
        )
        self.pools = self._pools(moving)
        used = MobileMember.objects.filter(organization__street=roll.street).values_list(
            "id_number", flat=True
        )
        self.used_ids = set(used)
        self.slot = roll.index - 1

    def _pools(self, moving: bool) -> dict[int, list[Member]]:
        """Members of the street's branches who hold no post, by branch; when their
        membership is ``moving``, none in the development pipeline or sponsoring it either
        (those records stay with their branch, and the development step relies on them)."""
        members = Member.objects.on_roll().filter(
            organization__street=self.roll.street,
            organization__kind=OrgKind.BRANCH,
            user__isnull=True,
        )
        if moving:  # a record and its sponsors are in the same branch, so in this street
            records = DevelopmentRecord.objects.filter(organization__street=self.roll.street)
            sponsors = DevelopmentRecord.sponsors.through.objects.filter(
                developmentrecord__in=records
            )
            members = members.exclude(
                pk__in=records.filter(member__isnull=False).values("member")
            ).exclude(pk__in=sponsors.values("member_id"))
        members = members.select_related("organization").order_by("pk")
        pools: dict[int, list[Member]] = {}
        for member in members:
            pools.setdefault(member.organization_id, []).append(member)
        return pools

    @property
    def first_branch(self):
        return self.roll.tree.grid_branches[0]

    def branches(self) -> list[int]:
        return [pk for pk, pool in self.pools.items() if pk != self.first_branch.pk and pool]

    def age(self, member: Member) -> int:
        born, today = member.birth_date, self.today
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def pick(self, organization_id: int, fits=lambda m: True) -> Member | None:
        """A member of the organization not picked yet, one that ``fits`` if there is one."""
        pool = [m for m in self.pools.get(organization_id, []) if m.pk not in self.taken]
        if not pool:
            return None
        member = next((m for m in pool if fits(m)), pool[0])
        self.taken.add(member.pk)
        return member

    def outsider(self, age: int, gender: str | None = None) -> dict:
        """A person whose membership is held outside Nanjing: name, gender, birth date,
        ID number and phone; ``place`` is the PLACES row of their home region."""
        rng = self.rng
        place = rng.choice(PLACES)
        person = make_person(rng, _OutsideIds(self, place[0]), self.today, age, gender=gender)
        return {
            "name": person.name,
            "gender": person.gender,
            "birth_date": person.birth_date,
            "id_number": person.id_number,
            "phone": person.phone,
            "place": place,
        }


class _OutsideIds:
    """Issues numbers like members.demo.people.IdNumbers, in a region outside Nanjing."""

    def __init__(self, cast: Cast, region: str) -> None:
        self.cast, self.region = cast, region

    def issue(self, rng, born: datetime.date, gender: str) -> tuple[str, datetime.date]:
        sequence = 2 * self.cast.slot + (1 if gender == Gender.MALE else 2)
        while (number := make_id_number(self.region, born, sequence)) in self.cast.used_ids:
            born -= days(1)
        self.cast.used_ids.add(number)
        return number, born
