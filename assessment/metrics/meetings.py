"""Metrics of organizational life: required meetings held (with exemptions) and attendance."""

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.attendance import attendance_counts_by_organization
from activities.models import Activity, ActivityStatus
from activities.periods import Period as ActivityPeriod
from activities.periods import periods_of_year
from activities.selectors.compliance import EXEMPT, HELD, MISSING, evaluate, required_types
from assessment.metrics.common import Subtrees, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from organizations.models import Organization


def _inside(period: Period, frequency: str) -> list[ActivityPeriod]:
    """The periods of a frequency lying wholly inside the assessment period."""
    years = range(period.starts_on.year, period.ends_on.year + 1)
    return [
        p
        for year in years
        for p in periods_of_year(year, frequency)
        if p.start >= period.starts_on and p.end <= period.ends_on
    ]


def _calendar(org_id: int, period: Period) -> str:
    return page("activities:compliance", organization=org_id, year=period.ends_on.year)


def meetings_held(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Seven queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    type_periods = [(t, p) for t in required_types() for p in _inside(period, t.frequency)]
    held: dict[int, int] = {}
    due: dict[int, int] = {}
    rows = evaluate(
        Organization.objects.filter(pk__in=subtrees.all_ids),
        type_periods,
        today=timezone.localdate(),
    )
    for org, cells in rows:
        held[org.pk] = sum(1 for c in cells if c.state in (HELD, EXEMPT))
        due[org.pk] = held[org.pk] + sum(1 for c in cells if c.state == MISSING)
    held_sums, due_sums = subtrees.sum(held), subtrees.sum(due)
    return {pk: share(held_sums[pk], due_sums[pk], _calendar(pk, period)) for pk in subtrees.roots}


MEETINGS_HELD = register(
    Metric(
        key="meetings_held",
        label=pgettext_lazy("assessment metric", "Required meetings held"),
        definition=_(
            "Share of the required meetings and lessons of the organization and those below "
            "it, over the months, quarters and years lying in the period and ended, that were "
            "held or exempt. With nothing required it counts as fully met."
        ),
        unit="share",
        compute=meetings_held,
    )
)


def attendance(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Four queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    activities = Activity.objects.filter(
        organization_id__in=subtrees.all_ids,
        status=ActivityStatus.HELD,
        held_on__range=(period.starts_on, period.ends_on),
        activity_type__in=[t.pk for t in required_types()],
    )
    counts = attendance_counts_by_organization(activities)
    present = subtrees.sum({pk: c.present for pk, c in counts.items()})
    expected = subtrees.sum({pk: c.expected for pk, c in counts.items()})
    return {
        pk: share(
            present[pk],
            expected[pk],
            page(
                "activities:activity_list",
                organization=pk,
                status=ActivityStatus.HELD,
                date_from=period.starts_on.isoformat(),
                date_to=period.ends_on.isoformat(),
            ),
        )
        for pk in subtrees.roots
    }


ATTENDANCE = register(
    Metric(
        key="attendance",
        label=pgettext_lazy("assessment metric", "Attendance rate"),
        definition=_(
            "Share of the expected members present at the required meetings held in the "
            "period by the organization and those below it; members away as mobile members "
            "are not expected unless they came. With nobody expected it counts as fully met."
        ),
        unit="share",
        compute=attendance,
    )
)
