"""The content of the demo reports, built from the activities in memory.

``Report.summary`` of a summary has the shape ``summary_figures`` of
activities/services/report_figures.py gives, built here from the rows in memory (the required
activities' states from ``evaluate`` of activities/selectors/compliance/, four queries
for the street)::

    {
        "period": "2026-10", "start": "2026-10-01", "end": "2026-10-31",
        "activities": 6,                      # held by the organization and its party groups
        "activity_ids": [...],                # by date
        "by_type": [{"type_id": 5, "code": "themed_party_day", "name": "主题党日",
                     "count": 1}, ...],       # in the types' order
        "required": [{"type_id": 5, "code": "themed_party_day", "name": "主题党日",
                      "requirement": "frequency", "period": "2026-10", "state": "held",
                      "held": 1, "exemption": ""}, ...],  # requirements inside the period
        "required_totals": {"held": 3, "missing": 0, "exempt": 0, "due": 0, "not_started": 0},
        "attendance": {"present": 120, "leave": 8, "absent": 3, "away": 4,
                       "expected": 131, "rate": 0.916},   # away mobile members left out
        "service": {"hours": "24.5", "people_served": 85},
    }

An activity report's summary is empty, as the service leaves it. ``fingerprint`` is the
digest ``report_fingerprint`` of the service would compute (remarks with the summary, or with
the activity's content), so that resubmitting a demo report without a correction is refused
as for any other."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from activities.attendance import AttendanceCounts
from activities.demo.rows import AWAY_NOTE, Row
from activities.models import AttendanceStatus, Report
from activities.periods import Period
from activities.services.report_figures import (
    attendance_figures,
    content_fields,
    digest,
    required_totals,
    requirement_row,
    service_figures,
)
from activities.services.reports import report_fingerprint
from organizations.models import Organization


def attendance_of(rows: list[Row]) -> dict:
    """Attendance of held activities, as activities/attendance.py counts it."""
    present = leave = absent = away = 0
    for row in rows:
        for _, _, status, _, note in row.attendance:
            if status == AttendanceStatus.PRESENT:
                present += 1
            elif note == AWAY_NOTE:
                away += 1
            elif status == AttendanceStatus.LEAVE:
                leave += 1
            else:
                absent += 1
    return attendance_figures(AttendanceCounts(present, leave, absent, away))


def summary_of(period: Period, rows: list[Row], cells: list) -> dict:
    """The figures of a summary of ``period`` from its held activities (``rows``) and the
    requirement cells of the organization inside it."""
    held = sorted((r for r in rows if r.is_held), key=lambda r: (r.held_on, r.pk))
    counts: dict[int, int] = {}
    types = {}
    for row in held:
        counts[row.type.pk] = counts.get(row.type.pk, 0) + 1
        types[row.type.pk] = row.type
    ordered = sorted(types.values(), key=lambda t: (t.order, t.code))
    hours = sum((a[3] or 0 for r in held for a in r.attendance), Decimal(0))
    served = sum(r.people_served or 0 for r in held if r.type.is_service)
    required = [
        requirement_row(cell)
        for cell in cells
        if cell.period.start >= period.start and cell.period.end <= period.end
    ]
    return {
        "period": period.key,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "activities": len(held),
        "activity_ids": [r.pk for r in held],
        "by_type": [
            {"type_id": t.pk, "code": t.code, "name": t.name, "count": counts[t.pk]}
            for t in ordered
        ],
        "required": required,
        "required_totals": required_totals(required),
        "attendance": attendance_of(held),
        "service": service_figures(hours, served),
    }


def activity_content(row: Row) -> dict:
    """An activity's content as the service's fingerprint reads it from the database (a
    field added to Activity fails here loudly rather than giving another digest)."""
    known = {
        "organization_id": row.organization.pk,
        "activity_type_id": row.type.pk,
        "status": row.status,
        "held_on": row.held_on,
        "starts_at": row.starts_at,
        "ends_at": row.ends_at,
        "place": row.place,
        "topic": row.topic,
        "form": row.form,
        "speaker_id": row.speaker_id,
        "speaker_name": row.speaker_name,
        "speaker_is_secretary": row.speaker_is_secretary,
        "guests": row.guests,
        "minutes": row.minutes,
        "people_served": row.people_served,
        "network": row.network,
        "project_id": row.project_id,
    }
    return {
        "fields": {name: known[name] for name in content_fields()},
        "attendance": sorted(
            [member, status, hours, note] for _, member, status, hours, note in row.attendance
        ),
        "attachments": [],
    }


def fingerprint(draft: "Draft", row: Row | None) -> str:
    if row is None:  # a summary: the service's own function, with no query
        report = Report(kind=draft.kind, remarks=draft.remarks, summary=draft.summary)
        return report_fingerprint(report)
    return digest({"remarks": draft.remarks, "activity": activity_content(row)})


@dataclass
class Draft:
    """A report and its steps, before they are written."""

    pk: int
    organization: Organization
    reviewing: Organization
    kind: str
    title: str
    start: datetime.datetime  # when it was created
    story: str  # a key of STEPS
    activity: Row | None = None
    period_start: datetime.date | None = None
    summary: dict = field(default_factory=dict)
    remarks: str = ""
