"""Many organizations: the staff overview, the dashboard's missing requirements and the
organization whose calendar a user sees first."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from activities.models import ActivityType, Frequency
from activities.periods import Period, parse_period, period_of
from activities.selectors.compliance.requirements import (
    EXEMPT,
    HELD,
    MISSING,
    OPEN_STATES,
    RequirementCell,
    _today,
    evaluate,
    required_types,
)
from organizations import scoping
from organizations.models import Organization


def _current_type_periods(
    types: list[ActivityType], today: datetime.date, frequencies: Iterable[str]
) -> list[tuple[ActivityType, Period]]:
    wanted = set(frequencies)
    return [(t, period_of(today, t.frequency)) for t in types if t.frequency in wanted]


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
        organizations = organizations.filter(scoping.under_q(under, field=None)).exclude(
            pk=under.pk
        )
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


def picker_for(user, organization: Organization) -> QuerySet:
    """Where to go from an organization's calendar: the organizations above (seen by the
    user), this one, the ones right below it and the user's own."""
    own = scoping.own_organizations_q(user)
    near = (
        Q(pk__in=organization.ancestor_ids() + [organization.pk])
        | Q(parent_id=organization.pk)
        | own
    )
    return scoping.visible_organizations_for(user).filter(near).order_by("path")


def default_organization_for(user) -> Organization | None:
    """The organization whose calendar a user sees first: the highest one they manage, else
    the highest one they see."""
    manageable = scoping.manageable_organizations_for(user).order_by("depth", "path").first()
    if manageable is not None:
        return manageable
    return scoping.visible_organizations_for(user).order_by("depth", "path").first()
