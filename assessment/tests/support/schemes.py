"""Schemes built by hand for the tests: a street's scheme for its branches, with one computed
and one reviewed indicator by default, and the usual four grade bands."""

import datetime
from decimal import Decimal

from django.utils import timezone

from assessment.models import (
    Category,
    GradeBand,
    Indicator,
    IndicatorKind,
    Scheme,
    SchemeState,
    Score,
)
from assessment.tests.support.fake_metric import FAKE_KEY

BANDS = [("优秀", 90, "1.20"), ("良好", 80, "1.10"), ("一般", 60, "1.00"), ("较差", 0, "0.80")]


def make_scheme(organization, *, state=SchemeState.OPEN, **kwargs) -> Scheme:
    fields = {
        "name": "2026年度党支部考核",
        "level": "branch",
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2026, 12, 31),
        "scoring_deadline": datetime.date(2027, 1, 15),
        **kwargs,
    }
    return Scheme.objects.create(organization=organization, state=state, **fields)


def add_bands(scheme, bands=BANDS) -> list[GradeBand]:
    return [
        GradeBand.objects.create(
            scheme=scheme, name=name, min_total=Decimal(low), incentive=Decimal(coef), order=i
        )
        for i, (name, low, coef) in enumerate(bands, start=1)
    ]


def add_indicator(scheme, name, *, weight, max_score=None, category=None, **kwargs) -> Indicator:
    category = category or Category.objects.get_or_create(scheme=scheme, name="基本工作")[0]
    reviewers = kwargs.pop("reviewers", ())
    indicator = Indicator.objects.create(
        scheme=scheme,
        category=category,
        name=name,
        weight=Decimal(weight),
        max_score=Decimal(max_score if max_score is not None else weight),
        **kwargs,
    )
    indicator.reviewers.set(reviewers)
    return indicator


def standard_scheme(organization, reviewer=None, **kwargs):
    """Meetings (computed, 60 points) and work (reviewed by ``reviewer``, 40 points)."""
    scheme = make_scheme(organization, **kwargs)
    computed = add_indicator(
        scheme, "三会一课", weight=60, kind=IndicatorKind.COMPUTED, metric=FAKE_KEY
    )
    reviewed = add_indicator(
        scheme,
        "工作实绩",
        weight=40,
        kind=IndicatorKind.REVIEWED,
        reviewers=[reviewer] if reviewer else [],
    )
    add_bands(scheme)
    return scheme, computed, reviewed


def give_score(scheme, organization, indicator, value, reason="按台账") -> Score:
    return Score.objects.create(
        scheme=scheme,
        organization=organization,
        indicator=indicator,
        value=Decimal(str(value)),
        reason=reason,
        scored_at=timezone.now(),
    )
