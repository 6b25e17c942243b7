"""The compliance calendar of one organization over a year: a row per required type (and
the secretary's yearly lesson) with a cell per period, and the attendance rates."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.attendance import AttendanceCounts, attendance_counts, total
from activities.models import Activity, ActivityStatus, ActivityType, Frequency
from activities.periods import Period, period_of, periods_of_year
from activities.selectors.compliance.facts import _load_facts
from activities.selectors.compliance.requirements import (
    FREQUENCY,
    SECRETARY_LESSON,
    STATE_LABELS,
    RequirementCell,
    _cell,
    _today,
    required_types,
)
from organizations.models import Organization


@dataclass
class CalendarRow:
    activity_type: ActivityType
    cells: list[
        RequirementCell | None
    ]  # one per period of the type's frequency; None: not required
    requirement: str = FREQUENCY
    attendance: AttendanceCounts = field(default_factory=AttendanceCounts)

    @property
    def label(self) -> str:
        if self.requirement == SECRETARY_LESSON:
            return _("%(type)s given by the secretary") % {"type": self.activity_type.label}
        return str(self.activity_type.label)

    @property
    def frequency(self) -> str:
        return (
            Frequency.YEAR if self.requirement == SECRETARY_LESSON else self.activity_type.frequency
        )

    @property
    def span(self) -> int:
        """Months per cell, for a grid of twelve month columns."""
        return {Frequency.MONTH: 1, Frequency.QUARTER: 3}.get(self.frequency, 12)

    @property
    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(STATE_LABELS, 0)
        for cell in self.cells:
            if cell is not None:
                result[cell.state] += 1
        return result


@dataclass
class ComplianceCalendar:
    organization: Organization
    year: int
    today: datetime.date
    rows: list[CalendarRow]
    months: list[Period]
    quarters: list[Period]
    attendance_by_month: dict[str, AttendanceCounts]  # period key -> counts
    attendance_by_quarter: dict[str, AttendanceCounts]
    attendance_year: AttendanceCounts

    @property
    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(STATE_LABELS, 0)
        for row in self.rows:
            for state, n in row.counts.items():
                result[state] += n
        return result

    def month_attendance(self) -> list[tuple[Period, AttendanceCounts]]:
        return [(m, self.attendance_by_month[m.key]) for m in self.months]

    def quarter_attendance(self) -> list[tuple[Period, AttendanceCounts]]:
        return [(q, self.attendance_by_quarter[q.key]) for q in self.quarters]


def compliance_calendar(
    organization: Organization, year: int, *, today: datetime.date | None = None
) -> ComplianceCalendar:
    """Rows per required type (and the secretary's yearly lesson), a cell per period of its
    frequency, and the attendance rate per month, quarter and type over the held required
    activities of the year (away mobile members left out unless they attended). Six queries."""
    today = _today(today)
    year_period = period_of(datetime.date(year, 1, 1), Frequency.YEAR)
    plan: list[tuple[ActivityType, str, list[Period]]] = []
    for activity_type in required_types():
        if not activity_type.applies_to_kind(organization.kind):
            continue
        plan.append((activity_type, FREQUENCY, periods_of_year(year, activity_type.frequency)))
        if activity_type.secretary_yearly:
            plan.append((activity_type, SECRETARY_LESSON, [year_period]))
    facts = _load_facts(
        Q(organization_id=organization.pk),
        [(t, year_period) for t, _r, _p in plan],
        with_terms=any(t.requires_committee for t, _r, _p in plan),
    )
    # Attendance over the required activities only (those of the rows): an organization
    # with none required shows none, not the 100% of a volunteer day its invitees attended.
    attendance, by_activity = _attendance_of_year(
        organization, year_period, {t.pk for t, _r, _p in plan}
    )
    rows = []
    for activity_type, requirement, periods in plan:
        cells = [_cell(organization, activity_type, p, facts, today, requirement) for p in periods]
        if all(cell is None for cell in cells):
            continue
        rows.append(
            CalendarRow(
                activity_type,
                cells,
                requirement,
                total(c for (type_id, _day), c in by_activity if type_id == activity_type.pk),
            )
        )
    months = periods_of_year(year, Frequency.MONTH)
    quarters = periods_of_year(year, Frequency.QUARTER)
    return ComplianceCalendar(
        organization=organization,
        year=year,
        today=today,
        rows=rows,
        months=months,
        quarters=quarters,
        attendance_by_month={
            m.key: total(c for (_t, day), c in by_activity if m.contains(day)) for m in months
        },
        attendance_by_quarter={
            q.key: total(c for (_t, day), c in by_activity if q.contains(day)) for q in quarters
        },
        attendance_year=attendance,
    )


def _attendance_of_year(organization: Organization, year: Period, type_ids: set[int]):
    """Counts over the year and ``[((type_id, day), counts)]`` per held activity of the given
    types: two queries."""
    if not type_ids:
        return AttendanceCounts(), []
    held = Activity.objects.filter(
        organization=organization,
        status=ActivityStatus.HELD,
        held_on__range=(year.start, year.end),
        activity_type_id__in=type_ids,
    )
    days = {
        pk: (type_id, day)
        for pk, type_id, day in held.order_by().values_list("pk", "activity_type_id", "held_on")
    }
    counts = attendance_counts(list(days)) if days else {}
    by_activity = [(days[pk], c) for pk, c in counts.items()]
    return total(c for _key, c in by_activity), by_activity
