"""The demo appraisals of a street (a step of ``seed_assessment``), dated from today so that
the demo works on any day:

- last year's democratic appraisal of every branch with members, through the services:
  opened by the street's staff, self-assessments and the mutual appraisal's counts entered
  (each member's votes from the others, mostly 合格, about a fifth 优秀), decided and
  confirmed by the community's staff (the street's where the branch has no community above
  it); in the first branch one member graded 不合格, with the follow-up's education measures,
  deadline (six months on) and, once it has passed, the outcome. A branch whose 民主评议党员
  meeting of last year the activities demo recorded (its 12 months reach into last year) is
  decided by the service at that meeting, linked; the others were decided on 20 December,
  before the activities demo's records begin, so their decision is written as the service
  leaves it without recording a meeting (the activities demo holds no activity before its
  12 months);
- this year's appraisal of one branch, open, half its self-assessments entered.

A street whose branches have appraisals already is left alone."""

import datetime
import random

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from activities.models import Activity, ActivityStatus
from assessment.demo.schemes import _staff
from assessment.models import (
    Appraisal,
    AppraisalEntry,
    AppraisalFollowUp,
    AppraisalGrade,
    AppraisalState,
)
from assessment.models.appraisals import ensure_appraisal_grades
from assessment.selectors.appraisals import APPRAISING_KINDS
from assessment.services.appraisals import (
    appraisal_confirm,
    appraisal_decide,
    appraisal_open,
    follow_up_record,
)
from members.models import Member

SELF_ASSESSMENTS = [
    "坚持学习党的创新理论，按时参加组织生活，按月缴纳党费，积极参加社区志愿服务。",
    "能够发挥党员先锋模范作用，在楼栋议事中带头反映群众诉求，但理论学习还不够深入。",
    "本年度参加主题党日和党课，协助网格员开展走访，今后要加强与群众的联系。",
    "退休后坚持参加支部活动，参与环境整治和邻里调解，身体原因部分活动请假。",
]
FAILING_REMARKS = "长期无正当理由不参加组织生活"
MEASURES = "支部书记谈心谈话，明确整改要求；安排党员结对帮带，按月参加组织生活。"
DEFAULT_MEETING = (12, 20)
OUTCOME = "按期参加组织生活并补缴党费，经支部党员大会评议，转为合格。"


def _branches(ctx) -> list:
    branches = [
        o for o in ctx.tree.organizations if o.kind in APPRAISING_KINDS and o.dissolved_on is None
    ]
    with_members = set(
        Member.objects.on_roll()
        .filter(organization__in=branches)
        .values("organization")
        .annotate(n=Count("pk"))
        .values_list("organization", flat=True)
    )
    return [b for b in branches if b.pk in with_members]


def _meeting_days(branches, year: int) -> dict[int, datetime.date]:
    days = {}
    for org_id, day in (
        Activity.objects.filter(
            organization__in=branches,
            activity_type__code="democratic_appraisal",
            status=ActivityStatus.HELD,
            held_on__year=year,
        )
        .order_by("held_on")
        .values_list("organization_id", "held_on")
    ):
        days.setdefault(org_id, day)
    return days


def _fill(appraisal: Appraisal, rng: random.Random, grades, failing: bool) -> None:
    """Self-assessments, votes and grades written straight onto the list (the counts are
    within the list, as the service would check): the decision then goes through the service."""
    entries = list(AppraisalEntry.objects.filter(appraisal=appraisal).order_by("pk"))
    voters = max(len(entries) - 1, 0)
    for index, entry in enumerate(entries):
        entry.self_assessment = rng.choice(SELF_ASSESSMENTS)
        excellent = rng.randint(0, voters)
        if index == 0 and failing:
            entry.votes_excellent, entry.votes_qualified = 0, voters // 4
            entry.votes_basic = voters // 4
            entry.votes_unqualified = voters - 2 * (voters // 4)
            entry.grade, entry.remarks = grades["unqualified"], FAILING_REMARKS
            continue
        basic = rng.choice([0, 0, 0, 1]) if voters - excellent > 0 else 0
        entry.votes_excellent, entry.votes_basic = excellent, basic
        entry.votes_qualified = voters - excellent - basic
        entry.grade = grades["excellent" if excellent * 4 > voters * 3 else "qualified"]
    AppraisalEntry.objects.bulk_update(
        entries,
        [
            "self_assessment",
            "votes_excellent",
            "votes_qualified",
            "votes_basic",
            "votes_unqualified",
            "grade",
            "remarks",
        ],
    )


def _decided_before_the_records(appraisal: Appraisal, day: datetime.date) -> Appraisal:
    """The decision of a meeting held before the activities demo's 12 months, which has no
    activity to link: written as the service would leave it, the meeting not recorded."""
    Appraisal.objects.filter(pk=appraisal.pk).update(
        state=AppraisalState.DECIDED, meeting_date=day, decided_at=timezone.now()
    )
    AppraisalFollowUp.objects.bulk_create(
        AppraisalFollowUp(entry=entry) for entry in appraisal.entries.filter(grade__is_failing=True)
    )
    return Appraisal.objects.get(pk=appraisal.pk)


def _last_year(ctx, branches, street_staff, grades) -> None:
    year = ctx.today.year - 1
    days = _meeting_days(branches, year)
    for position, branch in enumerate(branches):
        rng = random.Random(f"appraisal:{year}:{branch.pk}")
        appraisal = appraisal_open(user=street_staff, organization=branch, year=year)
        _fill(appraisal, rng, grades, failing=position == 0)
        day = days.get(branch.pk)
        if day is not None:
            appraisal = appraisal_decide(user=street_staff, appraisal=appraisal, meeting_date=day)
        else:
            day = datetime.date(year, *DEFAULT_MEETING)
            appraisal = _decided_before_the_records(appraisal, day)
        above = _staff(branch.parent) if branch.parent_id else None
        appraisal_confirm(user=above or street_staff, appraisal=appraisal)
        for entry in appraisal.entries.filter(grade__is_failing=True).select_related("follow_up"):
            deadline = day + datetime.timedelta(days=182)
            done = deadline < ctx.today
            follow_up_record(
                user=street_staff,
                follow_up=entry.follow_up,
                measures=MEASURES,
                deadline=deadline,
                outcome=OUTCOME if done else "",
                close=done,
            )


def _this_year(ctx, branches, street_staff) -> None:
    branch = branches[min(1, len(branches) - 1)]
    appraisal = appraisal_open(user=street_staff, organization=branch, year=ctx.today.year)
    entries = list(AppraisalEntry.objects.filter(appraisal=appraisal).order_by("pk"))
    rng = random.Random(f"appraisal:{ctx.today.year}:{branch.pk}")
    for entry in entries[::2]:
        entry.self_assessment = rng.choice(SELF_ASSESSMENTS)
    AppraisalEntry.objects.bulk_update(entries[::2], ["self_assessment"])


def seed_appraisals(ctx) -> None:
    """Last year's appraisals decided and confirmed, this year's of one branch open (``ctx``
    is the SeedContext of ``seed_demo``), unless the street has appraisals already."""
    if ctx.members_per_street <= 0:
        return
    branches = _branches(ctx)
    street_staff = _staff(ctx.tree.street_committee)
    if not branches or street_staff is None:
        return
    if Appraisal.objects.filter(organization__in=branches).exists():
        return
    ensure_appraisal_grades()
    grades = {g.code: g for g in AppraisalGrade.objects.all()}
    with transaction.atomic():
        _last_year(ctx, branches, street_staff, grades)
        _this_year(ctx, branches, street_staff)
