"""Which required activities an organization has held, period by period.

What is required and a cell's states: activities.selectors.compliance.requirements; the
facts loaded in a few set-based queries, whatever the number of organizations: .facts; the
calendar of one organization over a year: .calendar; the staff overview and the dashboard:
.overview; exemptions: .exemptions. Every public name is importable from here.
"""

from activities.selectors.compliance.calendar import (
    CalendarRow,
    ComplianceCalendar,
    compliance_calendar,
)
from activities.selectors.compliance.exemptions import (
    active_exemptable_organizations_for,
    can_exempt,
    exemptable_organizations_for,
    exemptable_types,
    exemptions_of,
    visible_exemptions_for,
)
from activities.selectors.compliance.overview import (
    OverviewRow,
    compliance_overview,
    default_organization_for,
    missing_now_for,
    picker_for,
    reference_day,
)
from activities.selectors.compliance.requirements import (
    DUE,
    EXEMPT,
    FREQUENCY,
    HELD,
    MISSING,
    NOT_STARTED,
    OPEN_STATES,
    SECRETARY_LESSON,
    STATE_LABELS,
    RequirementCell,
    evaluate,
    period_applies,
    required_types,
    requirement_status,
)

__all__ = [
    "DUE",
    "EXEMPT",
    "FREQUENCY",
    "HELD",
    "MISSING",
    "NOT_STARTED",
    "OPEN_STATES",
    "SECRETARY_LESSON",
    "STATE_LABELS",
    "active_exemptable_organizations_for",
    "CalendarRow",
    "ComplianceCalendar",
    "OverviewRow",
    "RequirementCell",
    "can_exempt",
    "compliance_calendar",
    "compliance_overview",
    "default_organization_for",
    "evaluate",
    "exemptable_organizations_for",
    "exemptable_types",
    "exemptions_of",
    "missing_now_for",
    "period_applies",
    "picker_for",
    "reference_day",
    "required_types",
    "requirement_status",
    "visible_exemptions_for",
]
