"""Demo training (党员教育培训) of one street for last year and this year, planned by level:
the street's winter training for all and its course for cadres, a course of each community
committee and one of most branches. Most members reach 32 class hours a year and most cadres
56; those who miss sessions fall short, as the reports should show.

This year's sessions are spread between 1 January and today, so that the figures of the
current year mean something whatever the day of seeding."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from members.demo.base import BATCH, Roll
from members.demo.bulk import insert
from members.models import TrainingAttendance, TrainingCourse, TrainingLevel, TrainingSession
from organizations.models import OrgKind

DILIGENT_SHARE = 0.85  # attend every session they are invited to
ATTEND_SHARE = 0.6  # the others, each session
TOPICS = [
    "学习贯彻党的二十大精神", "党章党规党纪专题学习", "习近平新时代中国特色社会主义思想专题",
    "基层党组织建设与“三会一课”", "网格化管理与党建引领基层治理", "党史学习教育",
    "党员发展工作规范", "党费收缴使用管理", "廉洁自律与警示教育", "为民服务解难题实践",
]  # fmt: skip
WHO_ALL, WHO_CADRES = "all", "cadres"


@dataclass(frozen=True)
class Plan:
    title: str
    who: str
    sessions: tuple[tuple[float, int], ...]  # (share of the year's span, class hours)


STREET_PLANS = (
    Plan("{y}年度{s}党员冬训", WHO_ALL, ((0.08, 8), (0.1, 8))),
    Plan("{y}年{s}基层党组织书记和委员培训班", WHO_CADRES, ((0.3, 8), (0.31, 8), (0.32, 8))),
)
COMMUNITY_PLAN = Plan("{y}年{s}党员集中轮训", WHO_ALL, ((0.45, 6), (0.55, 6), (0.65, 6)))
BRANCH_PLAN = Plan("{y}年{s}专题党课", WHO_ALL, ((0.72, 4), (0.8, 4)))


def build_training(roll: Roll) -> None:
    """The street's courses, sessions and attendance, unless it has courses already."""
    street, today = roll.street, roll.today
    if TrainingCourse.objects.filter(organization__street=street).exists():
        return
    tree = roll.tree
    rng = random.Random(f"training:{street.code}")
    plans = [(tree.street_committee, TrainingLevel.STREET, p) for p in STREET_PLANS]
    plans += [(c, TrainingLevel.COMMUNITY, COMMUNITY_PLAN) for c in tree.community_committees]
    branches = [o for o in tree.organizations if o.kind == OrgKind.BRANCH]
    # most branches run a course of their own; every fourth leaves it to the community
    plans += [(b, TrainingLevel.BRANCH, BRANCH_PLAN) for n, b in enumerate(branches) if n % 4 != 3]
    courses: list[TrainingCourse] = []
    sessions: list[tuple[TrainingSession, TrainingCourse, str]] = []
    for year in (today.year - 1, today.year):
        start = datetime.date(year, 1, 1)
        span = ((today if year == today.year else datetime.date(year, 12, 31)) - start).days
        for organization, level, plan in plans:
            dates = [
                start + datetime.timedelta(days=round(share * span)) for share, _ in plan.sessions
            ]
            hours = [Decimal(h) for _, h in plan.sessions]
            name = organization.name.removesuffix("党工委").removesuffix("党委")
            course = TrainingCourse(
                organization=organization,
                level=level,
                title=plan.title.format(y=year, s=name),
                starts_on=dates[0],
                ends_on=dates[-1],
                planned_hours=sum(hours),
            )
            courses.append(course)
            for n, (held_on, h) in enumerate(zip(dates, hours, strict=True)):
                topic = TOPICS[(len(sessions) + n) % len(TOPICS)]
                sessions.append(
                    (
                        TrainingSession(course=course, held_on=held_on, topic=topic, hours=h),
                        course,
                        plan.who,
                    )
                )
    TrainingCourse.objects.bulk_create(courses, batch_size=BATCH)  # the sessions get their ids
    TrainingSession.objects.bulk_create([s for s, _, _ in sessions], batch_size=BATCH)
    insert(
        TrainingAttendance,
        ("session", "member", "hours"),
        attendance(roll, rng, [(s, c.organization, w) for s, c, w in sessions]),
    )


def attendance(roll: Roll, rng: random.Random, sessions) -> list[tuple]:
    """Who was in each session: the members the organizing level trains, less the absent."""
    organizations = roll.organizations
    cadres = roll.cadre_user_ids()
    by_audience: dict[tuple, list[TrainingSession]] = {}
    for session, organizer, who in sessions:
        if who == WHO_CADRES:
            audience = (WHO_CADRES,)
        elif organizer.kind == OrgKind.COMMUNITY_COMMITTEE:
            audience = ("community", organizer.community_id)
        elif organizer.kind == OrgKind.BRANCH:
            audience = ("branch", organizer.pk)
        else:
            audience = (WHO_ALL,)
        by_audience.setdefault(audience, []).append(session)
    rows: list[tuple] = []
    for member in roll.members():
        community_id = organizations[member.organization_id].community_id
        audiences = [(WHO_ALL,), ("community", community_id), ("branch", member.organization_id)]
        if member.user_id in cadres:
            audiences.append((WHO_CADRES,))
        diligent = rng.random() < DILIGENT_SHARE
        for audience in audiences:
            for session in by_audience.get(audience, ()):
                if session.held_on < member.joined_on:
                    continue
                if diligent or rng.random() < ATTEND_SHARE:
                    rows.append((session.pk, member.pk, session.hours))
    return rows
