"""Which required activities an organization has held, period by period: the requirements
of one organization (``requirement_status``) or of many at once (``evaluate``).

An organization must hold the active activity types that have a frequency and whose
``applies_to`` names its kind; a type that ``requires_committee`` only while a committee
term is in force during the period (elected on or before its last day, ending after its
first). Periods that ended before the organization was established, or start after it was
dissolved, are not required. Types with ``secretary_yearly`` add a yearly requirement: the
secretary gave one (an activity of the type with ``speaker_is_secretary``).

A cell's state: "held" (at least one held activity of the type dated in the period),
"exempt" (an exemption of the organization for the type or for all types overlapping the
period), "missing" (period over), "due" (period in progress), "not_started" (future period).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityType, Exemption, Frequency
from activities.periods import Period, period_of
from activities.selectors.compliance.facts import _Facts, _load_facts
from organizations.models import Organization

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


def required_types() -> list[ActivityType]:
    return list(ActivityType.objects.filter(active=True).exclude(frequency=Frequency.NONE))


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


# Many organizations: the staff overview, the dashboard and the reminders


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
