"""The assessment part of the access matrix's world: a scheme per street, and a score and a
result per branch, each carrying its scope's token."""

import datetime
from decimal import Decimal

from django.utils import timezone

from assessment.models import Category, GradeBand, Indicator, Result, Scheme, Score


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
    world.put(token, score, result)
    world.records[token][SheetScheme] = scheme


def street_weak_criteria(world, token, committee) -> None:
    from assessment.models import WeakCriteria

    world.put(token, WeakCriteria.objects.create(organization=committee))


def branch_weak_flag(world, token, organization, street, planner) -> None:
    """A confirmed flag of the branch whose reason and plan carry its token."""
    from assessment.models import RectificationItem, RectificationPlan, WeakFlag

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
