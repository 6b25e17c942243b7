"""Fixtures of the metric tests: a year to measure, required activities limited to one type,
dues records, and the measures of a metric as plain numbers."""

import datetime
from decimal import Decimal

from activities.models import ActivityType
from assessment.metrics.registry import Period, get
from members.models import DuesRecord
from organizations.models import Organization

D = datetime.date
YEAR = Period(D(2025, 1, 1), D(2025, 12, 31))
Q1 = Period(D(2025, 1, 1), D(2025, 3, 31))


def only_required(code: str) -> ActivityType:
    """Leave one required type active (the others seeded by migration are switched off)."""
    ActivityType.objects.exclude(code=code).update(active=False)
    return ActivityType.objects.get(code=code)


def measure(key: str, organizations, period: Period = YEAR) -> dict:
    """``{organization: (value, numerator, denominator)}`` of a metric, values rounded."""
    qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
    measures = get(key).compute(qs, period)
    names = {o.pk: o for o in organizations}
    return {
        names[pk]: (round(m.value, 4), m.numerator, m.denominator) for pk, m in measures.items()
    }


def dues(member, month: D, paid_on: D | None = None, organization=None) -> DuesRecord:
    return DuesRecord.objects.create(
        member=member,
        organization=organization or member.organization,
        month=month,
        category="employed",
        income=Decimal("4000"),
        expected=Decimal("40"),
        paid=Decimal("40") if paid_on else Decimal("0"),
        paid_on=paid_on,
    )
