"""The demo of weak and lax organizations (a step of ``seed_assessment``, after the schemes).

The demo street's criteria are the defaults except that one last place in a community's
published yearly results is enough (instead of two years running: the demo has one published
year). The detection then runs on today's date and flags, from the records as they are, the
last-ranked branch of each community in last year's results and any branch with too few full
members. The first flag is confirmed by the level above, which gives it a rectification plan of
three measures, the first one done; the others wait for the level above's decision (and its
reminder). A street that has flags already is left alone, so running the seeding again writes
nothing."""

import datetime

from django.db import transaction

from assessment.demo.schemes import _staff
from assessment.models import WeakCriteria, WeakFlag
from assessment.services.weak import (
    rectification_item_add,
    rectification_item_done,
    rectification_plan_save,
    weak_flag_confirm,
    weak_flags_refresh,
)

MEASURES = [
    ("召开支部党员大会，补选支部书记", 30),
    ("制定“三会一课”年度计划并按月落实", 60),
    ("社区党委班子成员联系指导，每月督导一次", 90),
]


def _level_above(flag: WeakFlag):
    """A staff member of the flagged branch's parent, or of the street."""
    return _staff(flag.organization.parent) or _staff(flag.street)


def seed_weak(ctx) -> None:
    committee = ctx.tree.street_committee
    if ctx.members_per_street <= 0 or WeakFlag.objects.filter(street=committee).exists():
        return
    with transaction.atomic():
        if not WeakCriteria.objects.filter(organization=committee).exists():
            criteria = WeakCriteria(organization=committee, years_last_in_community=1)
            criteria.full_clean()
            criteria.save()
        flags = weak_flags_refresh(committee, ctx.today)
        if not flags:
            return
        flag = WeakFlag.objects.select_related("organization__parent", "street").get(pk=flags[0].pk)
        decider = _level_above(flag)
        if decider is None:
            return
        flag = weak_flag_confirm(user=decider, flag=flag)
        plan = rectification_plan_save(
            user=decider,
            flag=flag,
            summary="对照软弱涣散基层党组织认定情形，限期整顿，逐项销号。",
        )
        for n, (text, days) in enumerate(MEASURES):
            item = rectification_item_add(
                user=decider,
                plan=plan,
                text=text,
                owner=decider if n == 2 else None,
                owner_name="" if n == 2 else "支部委员会",
                deadline=ctx.today + datetime.timedelta(days=days),
            )
            if n == 0:
                rectification_item_done(
                    user=decider, item=item, evidence="支部党员大会会议记录及选举结果报告"
                )
