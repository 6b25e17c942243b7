"""The assessment part of the access matrix's world: a scheme and weak-organization criteria
per street, and a score, a result, a cadre's result, a responsibility letter, a decided
democratic appraisal (its member graded failing, with a follow-up) and a confirmed weak flag
with its plan per branch, each carrying its scope's token."""

import datetime
from decimal import Decimal

from django.utils import timezone

from assessment.models import (
    Appraisal,
    AppraisalEntry,
    AppraisalFollowUp,
    AppraisalGrade,
    CadreResult,
    Category,
    GradeBand,
    Indicator,
    RectificationItem,
    RectificationPlan,
    ResponsibilityLetter,
    Result,
    Scheme,
    Score,
    TargetItem,
    WeakCriteria,
    WeakFlag,
)
from assessment.models.appraisals import ensure_appraisal_grades
from members.models import Member
from organizations.models import Post


class SheetScheme:
    """A key of the world's records: the scheme whose sheet of this scope's branch is probed
    (a branch's scheme is its street's, shared with the other branches of that street)."""


def street_scheme(world, token, committee) -> Scheme:
    scheme = Scheme.objects.create(
        name=f"{token}考核方案",
        organization=committee,
        level="branch",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        scoring_deadline=datetime.date(2027, 1, 15),
        state="open",
    )
    category = Category.objects.create(scheme=scheme, name=f"{token}类别")
    Indicator.objects.create(
        scheme=scheme, category=category, name=f"{token}指标", weight=100, max_score=100
    )
    GradeBand.objects.create(scheme=scheme, name=f"{token}等次", min_total=0, order=1)
    world.put(token, scheme)
    return scheme


def branch_score_and_result(world, token, organization, scheme) -> None:
    indicator = scheme.indicators.get()
    score = Score.objects.create(
        scheme=scheme,
        organization=organization,
        indicator=indicator,
        value=Decimal("87.5"),
        reason=f"{token}评分理由",
        scored_at=timezone.now(),
    )
    result = Result.objects.create(
        scheme=scheme,
        organization=organization,
        total=Decimal("87.5"),
        rank=1,
        grade=f"{token}等次",
        computed_at=timezone.now(),
        frozen={str(indicator.pk): {"reason": score.reason}},
    )
    cadre = CadreResult.objects.create(
        scheme=scheme,
        organization=organization,
        name=f"{token}书记",
        role="secretary",
        total=result.total,
        rank=1,
        grade=result.grade,
        computed_at=result.computed_at,
    )
    world.put(token, score, result, cadre)
    world.records[token][SheetScheme] = scheme


def branch_letter(world, token, organization) -> None:
    """The branch's signed responsibility letter with its level above, for its deputy
    secretary's post, with a target done (its evidence carrying the token)."""
    post = world.records[token][Post]
    letter = ResponsibilityLetter.objects.create(
        organization=organization,
        cadre=post,
        issued_by=organization.parent,
        year=2026,
        title=f"{token}目标责任书",
        state="signed",
        signed_on=datetime.date(2026, 1, 15),
    )
    item = TargetItem.objects.create(
        letter=letter,
        text=f"{token}目标",
        owner=post.user,
        deadline=datetime.date(2026, 12, 15),
        evidence=f"{token}佐证材料",
        done_at=timezone.now(),
        done_by=post.user,
    )
    world.put(token, letter, item)


def branch_appraisal(world, token, organization) -> None:
    """The branch's 2026 appraisal, decided, its member graded failing and followed up."""
    ensure_appraisal_grades()
    appraisal = Appraisal.objects.create(
        organization=organization,
        year=2026,
        state="decided",
        meeting_date=datetime.date(2026, 11, 10),
        decided_at=timezone.now(),
    )
    entry = AppraisalEntry.objects.create(
        appraisal=appraisal,
        member=world.records[token][Member],
        self_assessment=f"{token}自我评价",
        votes_unqualified=1,
        grade=AppraisalGrade.objects.get(code="unqualified"),
        remarks=f"{token}评议意见",
    )
    follow_up = AppraisalFollowUp.objects.create(
        entry=entry, measures=f"{token}帮教措施", deadline=datetime.date(2027, 5, 10)
    )
    world.put(token, appraisal, follow_up)


def street_weak_criteria(world, token, committee) -> None:
    world.put(token, WeakCriteria.objects.create(organization=committee))


def branch_weak_flag(world, token, organization, street, planner) -> None:
    """A confirmed flag of the branch whose reason and plan carry its token."""
    flag = WeakFlag.objects.create(
        organization=organization,
        street=street,
        reviewed_on=datetime.date(2026, 9, 1),
        reasons=[{"code": "last_in_community", "years": [2025, 2024], "community": f"{token}社区"}],
        state="confirmed",
        flagged_at=timezone.now(),
    )
    plan = RectificationPlan.objects.create(
        flag=flag, summary=f"{token}整改方案", created_by=planner, created_at=timezone.now()
    )
    item = RectificationItem.objects.create(
        plan=plan, text=f"{token}整改措施", owner_name="张三", deadline=datetime.date(2026, 12, 1)
    )
    world.put(token, flag, item)
