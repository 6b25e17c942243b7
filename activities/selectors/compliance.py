"""Which required activities an organization has held, period by period.

An organization must hold the active activity types that have a frequency and whose
``applies_to`` names its kind; a type that ``requires_committee`` only while a committee
term is in force during the period (elected on or before its last day, ending after its
first). Periods that ended before the organization was established, or start after it was
dissolved, are not required. Types with ``secretary_yearly`` add a yearly requirement: the
secretary gave one (an activity of the type with ``speaker_is_secretary``).

A cell's state: "held" (at least one held activity of the type dated in the period),
"exempt" (an exemption of the organization for the type or for all types overlapping the
period), "missing" (period over), "due" (period in progress), "not_started" (future period).
Everything is computed from a few set-based queries, whatever the number of organizations.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.attendance import AttendanceCounts, attendance_counts, total
from activities.models import Activity, ActivityStatus, ActivityType, Exemption, Frequency
from activities.periods import Period, parse_period, period_of, periods_of_year
from organizations import scoping
from organizations.models import CommitteeTerm, Organization

HELD, EXEMPT, MISSING, DUE, NOT_STARTED = "held", "exempt", "missing", "due", "not_started"
OPEN_STATES = (MISSING, DUE)

FREQUENCY = "frequency"  # the type's own frequency
SECRETARY_LESSON = "secretary_lesson"  # the yearly lesson the secretary gives

STATE_LABELS = {
    HELD: _("held"),
    EXEMPT: _("exempt"),
    MISSING: _("missing"),
    DUE: _("not yet held"),
    NOT_STARTED: _("not started"),
}


@dataclass
class RequirementCell:
    """One requirement of one organization for one period."""

    activity_type: ActivityType
    period: Period
    state: str
    activities: int = 0  # held activities of the type in the period (for the secretary's lesson: those he or she gave)
    exemption: Exemption | None = None
    organization_id: int | None = None
    requirement: str = FREQUENCY

    @property
    def is_open(self) -> bool:
        """Not held and not exempt: missing, or still to be held in the running period."""
        return self.state in OPEN_STATES

    @property
    def is_secretary_lesson(self) -> bool:
        return self.requirement == SECRETARY_LESSON

    @property
    def label(self) -> str:
        if self.is_secretary_lesson:
            return _("%(type)s given by the secretary") % {"type": self.activity_type.label}
        return str(self.activity_type.label)

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


# Loading the facts of many organizations at once


def required_types() -> list[ActivityType]:
    return list(ActivityType.objects.filter(active=True).exclude(frequency=Frequency.NONE))


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


@dataclass
class _Facts:
    """Held activities per (organization, type, month), exemptions and committee terms of
    the organizations concerned, over the dates concerned."""

    held: dict = field(default_factory=dict)  # (org, type, month) -> [count, by secretary]
    exemptions: dict = field(default_factory=lambda: defaultdict(list))  # org -> [Exemption]
    terms: dict = field(default_factory=lambda: defaultdict(list))  # org -> [(elected, ends)]

    def count(self, org_id: int, type_id: int, period: Period, secretary: bool = False) -> int:
        index = 1 if secretary else 0
        return sum(
            self.held.get((org_id, type_id, month), (0, 0))[index]
            for month in _months(period.start, period.end)
        )

    def exemption(self, org_id: int, type_id: int, period: Period) -> Exemption | None:
        for exemption in self.exemptions.get(org_id, ()):
            if (
                exemption.activity_type_id in (None, type_id)
                and exemption.starts_on <= period.end
                and exemption.ends_on >= period.start
            ):
                return exemption
        return None

    def committee_in_force(self, org_id: int, period: Period) -> bool:
        return any(
            elected <= period.end and ends > period.start
            for elected, ends in self.terms.get(org_id, ())
        )


def _load_facts(
    org_filter: Q, type_periods: Iterable[tuple[ActivityType, Period]], with_terms: bool
) -> _Facts:
    """``org_filter`` is a Q on ``organization`` (ids or a subquery). Three queries at most."""
    type_periods = list(type_periods)
    facts = _Facts()
    if not type_periods:
        return facts
    ranges: dict[tuple[datetime.date, datetime.date], set[int]] = defaultdict(set)
    for activity_type, period in type_periods:
        ranges[(period.start, period.end)].add(activity_type.pk)
    dated = reduce(
        or_,
        (
            Q(activity_type_id__in=sorted(type_ids), held_on__range=bounds)
            for bounds, type_ids in sorted(ranges.items())
        ),
    )
    rows = (
        Activity.objects.filter(org_filter, dated, status=ActivityStatus.HELD)
        .annotate(month=TruncMonth("held_on"))
        .order_by()
        .values("organization_id", "activity_type_id", "month")
        .annotate(n=Count("pk"), by_secretary=Count("pk", filter=Q(speaker_is_secretary=True)))
    )
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        facts.held[(row["organization_id"], row["activity_type_id"], month)] = (
            row["n"],
            row["by_secretary"],
        )
    start = min(period.start for _type, period in type_periods)
    end = max(period.end for _type, period in type_periods)
    for exemption in Exemption.objects.filter(
        org_filter, starts_on__lte=end, ends_on__gte=start
    ).order_by("organization_id", "activity_type_id", "starts_on", "pk"):
        facts.exemptions[exemption.organization_id].append(exemption)
    if with_terms:
        for org_id, elected, ends in (
            CommitteeTerm.objects.filter(org_filter, elected_on__lte=end, ends_on__gt=start)
            .order_by()
            .values_list("organization_id", "elected_on", "ends_on")
        ):
            facts.terms[org_id].append((elected, ends))
    return facts


def period_applies(organization: Organization, period: Period) -> bool:
    """The organization existed during the period (established and dissolved dates)."""
    established, dissolved = organization.established_on, organization.dissolved_on
    return not (established and period.end < established) and not (
        dissolved and period.start > dissolved
    )


def _state(held: int, exemption, period: Period, today: datetime.date) -> str:
    if held:
        return HELD
    if exemption is not None:
        return EXEMPT
    if period.end < today:
        return MISSING
    if period.start <= today:
        return DUE
    return NOT_STARTED


def _cell(
    organization: Organization,
    activity_type: ActivityType,
    period: Period,
    facts: _Facts,
    today: datetime.date,
    requirement: str = FREQUENCY,
) -> RequirementCell | None:
    """The cell, or None when the requirement does not apply to the organization then."""
    if not activity_type.applies_to_kind(organization.kind):
        return None
    if not period_applies(organization, period):
        return None
    if activity_type.requires_committee and not facts.committee_in_force(organization.pk, period):
        return None
    held = facts.count(
        organization.pk, activity_type.pk, period, secretary=requirement == SECRETARY_LESSON
    )
    exemption = None if held else facts.exemption(organization.pk, activity_type.pk, period)
    return RequirementCell(
        activity_type=activity_type,
        period=period,
        state=_state(held, exemption, period, today),
        activities=held,
        exemption=exemption,
        organization_id=organization.pk,
        requirement=requirement,
    )


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


# One organization


def _overlapping(activity_type: ActivityType, period: Period) -> list[Period]:
    """The periods of the type's frequency that overlap ``period``."""
    first = period_of(period.start, activity_type.frequency)
    periods = [first]
    while periods[-1].end < period.end:
        periods.append(
            period_of(periods[-1].end + datetime.timedelta(days=1), activity_type.frequency)
        )
    return periods


def requirement_status(
    organization: Organization,
    period: Period,
    *,
    today: datetime.date | None = None,
    within: bool = False,
) -> list[RequirementCell]:
    """The requirements of ``organization`` whose periods overlap ``period``: for a month,
    its monthly requirements and the quarter and year running through it; for a quarter, its
    three months, the quarter and the year. With ``within=True``, only the periods lying
    inside ``period`` (a month: the monthly requirements only). Ordered by type, then period.
    Four queries at most."""
    today = _today(today)
    type_periods: list[tuple[ActivityType, Period, str]] = []
    for activity_type in required_types():
        if not activity_type.applies_to_kind(organization.kind):
            continue
        periods = _overlapping(activity_type, period)
        if within:
            periods = [p for p in periods if p.start >= period.start and p.end <= period.end]
        type_periods += [(activity_type, p, FREQUENCY) for p in periods]
        if activity_type.secretary_yearly:
            years = _overlapping_years(period)
            if within:
                years = [y for y in years if y.start >= period.start and y.end <= period.end]
            type_periods += [(activity_type, y, SECRETARY_LESSON) for y in years]
    facts = _load_facts(
        Q(organization_id=organization.pk),
        [(t, p) for t, p, _r in type_periods],
        with_terms=any(t.requires_committee for t, _p, _r in type_periods),
    )
    cells = (_cell(organization, t, p, facts, today, r) for t, p, r in type_periods)
    return [cell for cell in cells if cell is not None]


def _overlapping_years(period: Period) -> list[Period]:
    return [
        period_of(datetime.date(year, 1, 1), Frequency.YEAR)
        for year in range(period.start.year, period.end.year + 1)
    ]


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
    frequency, and the attendance rate per month, quarter and type over the held activities
    of the year (away mobile members left out unless they attended). Six queries."""
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
    attendance, by_activity = _attendance_of_year(organization, year_period)
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


def _attendance_of_year(organization: Organization, year: Period):
    """Counts over the year and ``[((type_id, day), counts)]`` per held activity: two queries."""
    held = Activity.objects.filter(
        organization=organization, status=ActivityStatus.HELD, held_on__range=(year.start, year.end)
    )
    days = {
        pk: (type_id, day)
        for pk, type_id, day in held.order_by().values_list("pk", "activity_type_id", "held_on")
    }
    counts = attendance_counts(list(days)) if days else {}
    by_activity = [(days[pk], c) for pk, c in counts.items()]
    return total(c for _key, c in by_activity), by_activity


# Many organizations: the staff overview, the dashboard and the reminders


def _current_type_periods(
    types: list[ActivityType], today: datetime.date, frequencies: Iterable[str]
) -> list[tuple[ActivityType, Period]]:
    wanted = set(frequencies)
    return [(t, period_of(today, t.frequency)) for t in types if t.frequency in wanted]


def evaluate(
    organizations: QuerySet,
    type_periods: list[tuple[ActivityType, Period]],
    *,
    today: datetime.date,
) -> list[tuple[Organization, list[RequirementCell]]]:
    """Cells of every organization of ``organizations`` (a queryset) for the given (type,
    period) pairs, in the organizations' order: four queries whatever their number."""
    kinds = {kind for t, _p in type_periods for kind in (t.applies_to or [])}
    organizations = list(
        organizations.filter(kind__in=sorted(kinds)).only(
            "pk", "name", "kind", "path", "parent_id", "established_on", "dissolved_on"
        )
    )
    if not organizations or not type_periods:
        return [(org, []) for org in organizations]
    ids = sorted(org.pk for org in organizations)
    facts = _load_facts(
        Q(organization_id__in=ids),
        type_periods,
        with_terms=any(t.requires_committee for t, _p in type_periods),
    )
    result = []
    for org in organizations:
        cells = (_cell(org, t, p, facts, today) for t, p in type_periods)
        result.append((org, [cell for cell in cells if cell is not None]))
    return result


@dataclass
class OverviewRow:
    organization: Organization
    month: Period
    quarter: Period
    cells: list[RequirementCell]

    def _count(self, frequency: str, states) -> int:
        return sum(
            1 for c in self.cells if c.activity_type.frequency == frequency and c.state in states
        )

    @property
    def month_open(self) -> int:
        return self._count(Frequency.MONTH, OPEN_STATES)

    @property
    def month_missing(self) -> int:
        return self._count(Frequency.MONTH, (MISSING,))

    @property
    def quarter_open(self) -> int:
        return self._count(Frequency.QUARTER, OPEN_STATES)

    @property
    def quarter_missing(self) -> int:
        return self._count(Frequency.QUARTER, (MISSING,))

    @property
    def month_held(self) -> int:
        return self._count(Frequency.MONTH, (HELD, EXEMPT))

    @property
    def quarter_held(self) -> int:
        return self._count(Frequency.QUARTER, (HELD, EXEMPT))

    @property
    def month_required(self) -> int:
        return sum(1 for c in self.cells if c.activity_type.frequency == Frequency.MONTH)

    @property
    def quarter_required(self) -> int:
        return sum(1 for c in self.cells if c.activity_type.frequency == Frequency.QUARTER)

    @property
    def open_labels(self) -> list[str]:
        return [c.label for c in self.cells if c.is_open]


def reference_day(period_key: str | None, today: datetime.date) -> datetime.date:
    """The day whose month and quarter an overview shows: today, or for a past period its
    last day (a future one is shown as of its first day)."""
    if not period_key:
        return today
    period = parse_period(period_key)
    if period.contains(today):
        return today
    return period.end if period.end < today else period.start


def compliance_overview(
    user,
    period_key: str | None = None,
    *,
    today: datetime.date | None = None,
    under: Organization | None = None,
) -> list[OverviewRow]:
    """For every organization the user sees (below ``under`` when given, itself excluded),
    its monthly requirements of the month and quarterly ones of the quarter of ``period_key``
    (default: today's). A fixed number of queries for any number of organizations."""
    today = _today(today)
    day = reference_day(period_key, today)
    month = period_of(day, Frequency.MONTH)
    quarter = period_of(day, Frequency.QUARTER)
    organizations = scoping.visible_organizations_for(user).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=month.start)
    )
    if under is not None:
        organizations = organizations.filter(path__startswith=under.path).exclude(pk=under.pk)
    type_periods = _current_type_periods(
        required_types(), day, (Frequency.MONTH, Frequency.QUARTER)
    )
    rows = evaluate(organizations.order_by("path"), type_periods, today=today)
    return [OverviewRow(org, month, quarter, cells) for org, cells in rows if cells]


def missing_now_for(user, today: datetime.date | None = None) -> list[RequirementCell]:
    """This month's and this quarter's requirements not held and not exempt, in the
    organizations the user manages (dissolved ones left out), ordered by organization path
    then type. For the dashboard; each cell's ``organization_id`` says whose it is. Five
    queries besides the user's scope."""
    today = _today(today)
    organizations = scoping.manageable_organizations_for(user).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=today)
    )
    type_periods = _current_type_periods(
        required_types(), today, (Frequency.MONTH, Frequency.QUARTER)
    )
    rows = evaluate(organizations.order_by("path"), type_periods, today=today)
    return [cell for _org, cells in rows for cell in cells if cell.is_open]


def default_organization_for(user) -> Organization | None:
    """The organization whose calendar a user sees first: the highest one they manage, else
    the highest one they see."""
    manageable = scoping.manageable_organizations_for(user).order_by("depth", "path").first()
    if manageable is not None:
        return manageable
    return scoping.visible_organizations_for(user).order_by("depth", "path").first()


# Exemptions


def exemptable_organizations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Organizations the user may exempt: those strictly below an organization the user
    manages. An exemption is granted by the level above, never by the organization itself."""
    qs = Organization.objects.all() if queryset is None else queryset
    scope = scoping.scope_for(user)
    if scope.is_superuser:
        return qs
    parts = [Q(path__startswith=p) & ~Q(path=p) for p in scope.manage_paths]
    return qs.filter(reduce(or_, parts)) if parts else qs.none()


def can_exempt(user, organization: Organization) -> bool:
    scope = scoping.scope_for(user)
    return scope.is_superuser or any(
        organization.path.startswith(p) and organization.path != p for p in scope.manage_paths
    )


def visible_exemptions_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Exemption.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs).select_related("organization", "activity_type", "recorded_by")


def exemptions_of(organization: Organization, year: int) -> list[Exemption]:
    """The exemptions of an organization overlapping a year, newest first: one query."""
    return list(
        Exemption.objects.filter(
            organization=organization,
            starts_on__lte=datetime.date(year, 12, 31),
            ends_on__gte=datetime.date(year, 1, 1),
        )
        .select_related("activity_type", "recorded_by")
        .order_by("-starts_on", "-pk")
    )
