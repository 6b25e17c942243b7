"""Demo co-building 共驻共建 of one street, per community: the needs list (5–8), the resources
the community's unit party organizations offer (two or three each), 2–3 projects matching a
need with resources, with the units taking part and what they committed to, and pairing
agreements of two or three branches with a unit or a two-new organization of their community.

Some needs stay open and one is dropped; one project in three communities is only planned,
one in others completed, so that every status shows."""

import datetime
import random
from dataclasses import dataclass, field

from activities.demo import texts
from activities.demo.base import Cast
from activities.models import (
    CoBuildingStatus,
    Need,
    NeedStatus,
    PairingAgreement,
    Project,
    ProjectUnit,
    Resource,
)
from members.dates import add_months
from organizations.models import OrgKind, TwoNewOrganization, UnitOrganization
from organizations.models.jurisdiction import UnitKind


@dataclass(frozen=True)
class ProjectInfo:
    pk: int
    community_id: int
    starts_on: datetime.date
    ends_on: datetime.date | None
    title: str

    def runs_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


@dataclass
class CoBuilding:
    """What the activities need to know of the co-building lists of the street."""

    projects: dict[int, list[ProjectInfo]] = field(default_factory=dict)  # by community
    partners: dict[int, list[str]] = field(default_factory=dict)  # branch id → partner names

    def project_for(self, community_id: int, day: datetime.date, rng: random.Random):
        running = [p for p in self.projects.get(community_id, ()) if p.runs_on(day)]
        return rng.choice(running) if running else None


def build_cobuilding(cast: Cast) -> CoBuilding:
    """The street's co-building lists, unless it has some already (then they are read)."""
    street = cast.street
    if (
        Need.objects.filter(community__street=street).exists()
        or Project.objects.filter(community__street=street).exists()
    ):
        return read_cobuilding(cast)
    rng = random.Random(f"co-building:{street.code}")
    units: dict[int, list[UnitOrganization]] = {}
    for unit in UnitOrganization.objects.filter(community__street=street).order_by("pk"):
        units.setdefault(unit.community_id, []).append(unit)
    two_new: dict[int, list[TwoNewOrganization]] = {}
    for organization in TwoNewOrganization.objects.filter(community__street=street).order_by("pk"):
        two_new.setdefault(organization.community_id, []).append(organization)
    lists = Lists(cast, rng)
    for k, committee in enumerate(cast.of_kind(OrgKind.COMMUNITY_COMMITTEE)):
        community_id = committee.community_id
        lists.community(k, committee, units.get(community_id, []), two_new.get(community_id, []))
    return lists.save()


class Lists:
    """The rows of the street, kept in memory until ``save``."""

    def __init__(self, cast: Cast, rng: random.Random) -> None:
        self.cast, self.rng = cast, rng
        self.needs: list[Need] = []
        self.resources: list[Resource] = []
        self.projects: list[Project] = []
        self.project_needs: list[tuple[Project, Need]] = []
        self.project_resources: list[tuple[Project, Resource]] = []
        self.participants: list[tuple[Project, ProjectUnit]] = []
        self.agreements: list[PairingAgreement] = []
        self.partners: dict[int, list[str]] = {}

    def community(self, k: int, committee, units: list, two_new: list) -> None:
        cast, rng = self.cast, self.rng
        start, today = cast.window_start, cast.today
        staff = cast.reviewer(committee)
        community_id = committee.community_id
        count = 5 + k % 4
        offset = k * 3
        needs = []
        for n in range(count):
            title, category = texts.NEEDS[(offset + n) % len(texts.NEEDS)]
            raised_on = start - datetime.timedelta(days=rng.randint(20, 200))
            if n >= count - 2:  # the latest ones were raised this year
                raised_on = min(today, start + datetime.timedelta(days=rng.randint(30, 300)))
            need = Need(
                community_id=community_id,
                title=title,
                category=category,
                description=f"{cast.community_name(community_id)}居民反映较多，需要共建单位支持。",
                raised_on=raised_on,
                status=NeedStatus.OPEN,
                recorded_by_id=staff,
            )
            needs.append(need)
        if count >= 7:
            needs[-1].status = NeedStatus.DROPPED
        self.needs += needs
        resources = []
        for u, unit in enumerate(units):
            offers = texts.RESOURCES.get(unit.unit_kind) or texts.RESOURCES[UnitKind.OTHER]
            for n in range(min(len(offers), 2 + (u + k) % 2)):
                title, category = offers[(u + n) % len(offers)]
                joined = unit.joined_co_building_on or start
                resources.append(
                    Resource(
                        unit_id=unit.pk,
                        community_id=unit.community_id,
                        title=title,
                        category=category,
                        description=f"{unit.name}面向社区提供。",
                        offered_on=min(today, max(joined, start - datetime.timedelta(days=300))),
                        available=(u + n) % 5 != 4,
                        recorded_by_id=staff,
                    )
                )
        self.resources += resources
        self.plan_projects(k, committee, needs, resources, units)
        self.pair(k, committee, units, two_new, staff)

    def plan_projects(self, k: int, committee, needs: list, resources: list, units: list) -> None:
        cast, rng = self.cast, self.rng
        start, today = cast.window_start, cast.today
        count = 2 + k % 2
        open_needs = [n for n in needs if n.status == NeedStatus.OPEN]
        for p in range(min(count, len(open_needs))):
            need = next(
                (n for n in open_needs if any(r.category == n.category for r in resources)),
                open_needs[0],
            )
            open_needs.remove(need)
            matching = [r for r in resources if r.category == need.category] or resources[:1]
            status, starts_on, ends_on = CoBuildingStatus.ACTIVE, None, None
            if p == 0:
                starts_on = start - datetime.timedelta(days=rng.randint(30, 120))
            elif p == 2 and k % 3 == 2:  # next month's
                status = CoBuildingStatus.PLANNED
                starts_on = add_months(today.replace(day=1), 1)
            else:
                starts_on = start + datetime.timedelta(days=rng.randint(10, 120))
                if k % 2 == 1:
                    status = CoBuildingStatus.COMPLETED
                    ends_on = min(today, add_months(starts_on, 6))
            project = Project(
                community_id=committee.community_id,
                title=f"“{need.title}”共建项目",
                description=f"围绕“{need.title}”，由驻区单位党组织提供支持。",
                starts_on=min(starts_on, today)
                if status != CoBuildingStatus.PLANNED
                else starts_on,
                ends_on=ends_on,
                status=status,
                recorded_by_id=cast.reviewer(committee),
            )
            self.projects.append(project)
            need.status = (
                NeedStatus.MET if status == CoBuildingStatus.COMPLETED else NeedStatus.MATCHED
            )
            self.project_needs.append((project, need))
            taking_part = {}
            for resource in matching[:2]:
                self.project_resources.append((project, resource))
                taking_part.setdefault(resource.unit_id, resource.category)
            if len(units) > 1 and len(taking_part) < 2 and p % 2 == 0:
                other = next(u for u in units if u.pk not in taking_part)
                taking_part[other.pk] = "other"
            for unit_id, category in taking_part.items():
                self.participants.append(
                    (
                        project,
                        ProjectUnit(
                            unit_id=unit_id,
                            commitment=texts.COMMITMENTS[category],
                            joined_on=project.starts_on,
                        ),
                    )
                )

    def pair(self, k: int, committee, units: list, two_new: list, staff) -> None:
        cast, rng = self.cast, self.rng
        branches = [
            o
            for o in cast.of_kind(OrgKind.BRANCH, OrgKind.GENERAL_BRANCH)
            if o.community_id == committee.community_id
        ]
        partners = [(u, None) for u in units[:2]] + [(None, t) for t in two_new[:2]]
        for n, (unit, other) in enumerate(partners[: 2 + k % 2]):
            if n >= len(branches):
                break
            branch = branches[n * 2 % len(branches)]
            signed_on = cast.window_start - datetime.timedelta(days=rng.randint(30, 700))
            partner = unit or other
            self.agreements.append(
                PairingAgreement(
                    branch_id=branch.pk,
                    unit_id=unit.pk if unit else None,
                    two_new_id=other.pk if other else None,
                    signed_on=signed_on,
                    ends_on=add_months(signed_on, 36),
                    content=texts.PAIRING_CONTENT,
                    recorded_by_id=staff,
                )
            )
            self.partners.setdefault(branch.pk, []).append(partner.name)

    def save(self) -> CoBuilding:
        Need.objects.bulk_create(self.needs)
        Resource.objects.bulk_create(self.resources)
        Project.objects.bulk_create(self.projects)
        Project.needs.through.objects.bulk_create(
            [Project.needs.through(project_id=p.pk, need_id=n.pk) for p, n in self.project_needs]
        )
        Project.resources.through.objects.bulk_create(
            [
                Project.resources.through(project_id=p.pk, resource_id=r.pk)
                for p, r in self.project_resources
            ]
        )
        for project, participant in self.participants:
            participant.project_id = project.pk
        ProjectUnit.objects.bulk_create([p for _, p in self.participants])
        PairingAgreement.objects.bulk_create(self.agreements)
        result = CoBuilding(partners=self.partners)
        for project in self.projects:
            result.projects.setdefault(project.community_id, []).append(info(project))
        return result


def info(project: Project) -> ProjectInfo:
    return ProjectInfo(
        project.pk, project.community_id, project.starts_on, project.ends_on, project.title
    )


def read_cobuilding(cast: Cast) -> CoBuilding:
    result = CoBuilding()
    for project in Project.objects.filter(community__street=cast.street).order_by("pk"):
        result.projects.setdefault(project.community_id, []).append(info(project))
    agreements = PairingAgreement.objects.filter(branch__street=cast.street).select_related(
        "unit", "two_new"
    )
    for agreement in agreements.order_by("pk"):
        result.partners.setdefault(agreement.branch_id, []).append(agreement.partner.name)
    return result
