"""The demo schemes of a street (the first step of ``seed_assessment``).

A street gets three schemes, all dated from today so that the demo works on any day:

- last year's assessment of the party branches: three categories, four indicators computed
  from the records and two scored by reviewers (the street's and the first community's staff),
  the default grade bands; its scores computed and recorded through the services, its
  results published;
- this year's, copied from last year's with ``scheme_copy``, open for scoring with the deadline
  two days away and some reviewed scores still missing (``assessment.sheets_unfinished``);
- the last half-year's assessment of the community party committees, still open after its
  deadline with sheets unfinished (``assessment.deadline_passed``).

The services check the scoring deadline against today, so a scheme is scored while its
deadline lies ahead and given its real deadline afterwards. A street that has schemes already
is left alone, so running the seeding again writes nothing."""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from assessment.models import (
    Category,
    ComputingState,
    Indicator,
    IndicatorKind,
    PeriodKind,
    Scheme,
    SchemeLevel,
)
from assessment.selectors.schemes import assessed_organizations
from assessment.services.computing import scheme_compute_run
from assessment.services.results import scheme_publish
from assessment.services.schemes import grade_bands_default, scheme_copy, scheme_open
from assessment.services.scores import score_record
from organizations import scoping
from organizations.models import Organization, Post, Role

DEADLINE_DAYS_AHEAD = 2  # this year's scheme: within the reminder's three days

# category, indicator, metric ("" for a reviewed indicator), weight (= maximum score)
BRANCH_SHEET = [
    ("组织生活", "按期召开“三会一课”", "meetings_held", 20),
    ("组织生活", "党员参加组织生活", "attendance", 20),
    ("党员管理", "按月足额缴纳党费", "dues_on_time", 20),
    ("党员管理", "党员教育培训学时达标", "training_met", 15),
    ("服务群众", "为民办实事成效", "", 15),
    ("服务群众", "群众满意度评议", "", 10),
]
COMMUNITY_SHEET = [
    ("组织建设", "党员参加组织生活", "attendance", 40),
    ("组织建设", "按月足额缴纳党费", "dues_on_time", 30),
    ("共建共治", "区域化党建共建项目推进", "", 30),
]
REASONS = [
    "实事项目按计划完成，居民反映良好。",
    "开展志愿服务多次，台账记录完整。",
    "走访群众覆盖面广，问题办结及时。",
    "服务项目有进展，部分事项仍在推进。",
    "资料不够完整，群众评价一般。",
]


def _staff(organization: Organization) -> User | None:
    post = (
        Post.objects.filter(organization=organization, role=Role.STAFF, ended_on__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return post.user if post else None


def _build(scheme: Scheme, sheet, reviewers: list[User]) -> None:
    """The scheme's categories, indicators (reviewed ones with ``reviewers``) and grade bands."""
    categories = {}
    for name, *_rest in sheet:
        if name not in categories:
            categories[name] = Category(scheme=scheme, name=name, order=len(categories) + 1)
    Category.objects.bulk_create(categories.values())
    indicators = Indicator.objects.bulk_create(
        Indicator(
            scheme=scheme,
            category=categories[category],
            name=name,
            kind=IndicatorKind.COMPUTED if metric else IndicatorKind.REVIEWED,
            metric=metric,
            weight=Decimal(weight),
            max_score=Decimal(weight),
            order=order,
        )
        for order, (category, name, metric, weight) in enumerate(sheet, start=1)
    )
    Indicator.reviewers.through.objects.bulk_create(
        Indicator.reviewers.through(indicator_id=indicator.pk, user_id=user.pk)
        for indicator in indicators
        if not indicator.metric
        for user in reviewers
    )
    grade_bands_default(scheme=scheme)


def _compute(scheme: Scheme) -> None:
    scheme = scheme_compute_run(scheme_id=scheme.pk)
    if scheme.computing_state == ComputingState.FAILED:
        raise RuntimeError(
            f"computing the demo scheme {scheme.name} failed: {scheme.computing_error}"
        )


def _score(scheme: Scheme, reviewer: User, rng: random.Random, keep=lambda i, o: True) -> int:
    """Record the reviewed scores ``reviewer`` may give on the scheme (those ``keep`` lets
    through), as the reviewer would, with a reason. Returns how many were recorded."""
    indicators = list(
        Indicator.objects.filter(scheme=scheme, kind=IndicatorKind.REVIEWED, reviewers=reviewer)
    )
    organizations = scoping.visible_organizations_for(reviewer, assessed_organizations(scheme))
    count = 0
    for organization in organizations:
        for indicator in indicators:
            if not keep(indicator, organization):
                continue
            share = Decimal(rng.randint(60, 100)) / 100
            reason = REASONS[min(len(REASONS) - 1, (100 - int(share * 100)) // 9)]
            score_record(
                user=reviewer,
                indicator=indicator,
                organization=organization,
                value=(indicator.max_score * share).quantize(Decimal("0.5")),
                reason=reason,
            )
            count += 1
    return count


def _last_year(today: datetime.date, committee, street_staff, community_staff) -> Scheme:
    year = today.year - 1
    deadline = min(datetime.date(today.year, 1, 31), today - datetime.timedelta(days=1))
    scheme = Scheme.objects.create(
        name=f"{year}年度党支部考核",
        organization=committee,
        level=SchemeLevel.BRANCH,
        period_kind=PeriodKind.YEAR,
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        scoring_deadline=today + datetime.timedelta(days=DEADLINE_DAYS_AHEAD),  # scored first
    )
    _build(scheme, BRANCH_SHEET, [street_staff, community_staff])
    scheme_open(user=street_staff, scheme=scheme)
    _compute(scheme)
    rng = random.Random(f"assessment:{scheme.name}:{committee.pk}")
    _score(scheme, community_staff, rng)
    scored = set(
        scheme.scores.filter(indicator__kind=IndicatorKind.REVIEWED).values_list(
            "indicator_id", "organization_id"
        )
    )
    _score(scheme, street_staff, rng, keep=lambda i, o: (i.pk, o.pk) not in scored)
    Scheme.objects.filter(pk=scheme.pk).update(scoring_deadline=deadline)
    return scheme_publish(user=street_staff, scheme=scheme, confirm=True)


def _this_year(today: datetime.date, last: Scheme, street_staff, community_staff) -> Scheme:
    scheme = scheme_copy(user=street_staff, scheme=last)
    Scheme.objects.filter(pk=scheme.pk).update(
        scoring_deadline=today + datetime.timedelta(days=DEADLINE_DAYS_AHEAD)
    )
    scheme_open(user=street_staff, scheme=scheme)
    _compute(scheme)
    rng = random.Random(f"assessment:{scheme.name}:{last.organization_id}")
    # the community's staff has scored half of its branches, the street's staff a third of
    # the rest on the first reviewed indicator: both are reminded of what is missing
    _score(scheme, community_staff, rng, keep=lambda i, o: o.pk % 2 == 0)
    _score(scheme, street_staff, rng, keep=lambda i, o: o.pk % 3 == 0 and i.order == 5)
    return scheme


def _last_half_year(today: datetime.date, committee, street_staff) -> Scheme:
    if today.month > 6:
        starts_on, ends_on, half = (
            datetime.date(today.year, 1, 1),
            today.replace(month=6, day=30),
            "上",
        )
    else:
        year = today.year - 1
        starts_on, ends_on, half = datetime.date(year, 7, 1), datetime.date(year, 12, 31), "下"
    deadline = min(ends_on + datetime.timedelta(days=15), today - datetime.timedelta(days=1))
    scheme = Scheme.objects.create(
        name=f"{starts_on.year}年{half}半年社区党委考核",
        organization=committee,
        level=SchemeLevel.COMMUNITY,
        period_kind=PeriodKind.HALF_YEAR,
        starts_on=starts_on,
        ends_on=ends_on,
        scoring_deadline=today + datetime.timedelta(days=DEADLINE_DAYS_AHEAD),  # scored first
    )
    _build(scheme, COMMUNITY_SHEET, [street_staff])
    scheme_open(user=street_staff, scheme=scheme)
    _compute(scheme)
    rng = random.Random(f"assessment:{scheme.name}:{committee.pk}")
    _score(scheme, street_staff, rng, keep=lambda i, o: o.pk % 2 == 1)  # half the sheets
    Scheme.objects.filter(pk=scheme.pk).update(scoring_deadline=deadline)
    return scheme


def seed_schemes(ctx) -> None:
    """The street's three schemes (``ctx`` is the SeedContext of ``seed_demo``), unless
    it has schemes already. Needs the members and activities the metrics read: a street seeded
    without members gets its schemes when members are added."""
    committee = ctx.tree.street_committee
    if ctx.members_per_street <= 0 or Scheme.objects.filter(organization=committee).exists():
        return
    street_staff = _staff(committee)
    community_staff = (
        _staff(ctx.tree.community_committees[0]) if ctx.tree.community_committees else None
    )
    if street_staff is None or community_staff is None:
        return
    with transaction.atomic():
        last = _last_year(ctx.today, committee, street_staff, community_staff)
        _this_year(ctx.today, last, street_staff, community_staff)
        _last_half_year(ctx.today, committee, street_staff)
