"""Figures of a summary and the fingerprint of a report: what a reviewer reads, regenerated
from the records (the steps that store them are in activities.services.reports).

Decisions where the issue is silent:
- A summary covers the activities held by the organization and by its party groups (the
  groups' meetings are part of the branch's life); the required-activity figures are those
  of the organization itself (activities.selectors.compliance.requirement_status) whose
  periods lie inside the summary's: a month's monthly requirements; a quarter's monthly
  requirements of its three months and its quarterly ones.
- The figures stored in ``Report.summary`` hold no translated text, so that the fingerprint
  of a summary does not depend on the language of whoever submits it.
"""

import datetime
import hashlib
import json
from decimal import Decimal

from django.db.models import Count, Q, Sum

from activities.attendance import AttendanceCounts, attendance_counts, total
from activities.models import (
    Activity,
    ActivityStatus,
    Attachment,
    Attendance,
    Frequency,
    Report,
    ReportKind,
)
from activities.periods import Period, period_of
from organizations.models import Organization, OrgKind

FREQUENCY_OF_KIND = {ReportKind.MONTHLY: Frequency.MONTH, ReportKind.QUARTERLY: Frequency.QUARTER}
# activity fields that are not content: bookkeeping of the row itself
_NOT_CONTENT = {"id", "created_at", "updated_at", "recorded_by"}
# the states of RequirementCell (activities.selectors.compliance), counted in a summary
REQUIRED_STATES = ("held", "missing", "exempt", "due", "not_started")


def content_fields() -> list[str]:
    """The columns of an activity that are its content, as the fingerprint reads them."""
    return [f.attname for f in Activity._meta.concrete_fields if f.name not in _NOT_CONTENT]


def digest(payload: dict) -> str:
    text = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def requirement_row(cell) -> dict:
    """A requirement cell as a summary stores it (no translated text)."""
    return {
        "type_id": cell.activity_type.pk,
        "code": cell.activity_type.code,
        "name": cell.activity_type.name,
        "requirement": getattr(cell, "requirement", "frequency"),
        "period": cell.period.key,
        "state": cell.state,
        "held": cell.activities,
        "exemption": cell.exemption.reason if cell.exemption else "",
    }


def required_totals(rows: list[dict]) -> dict:
    states = [row["state"] for row in rows]
    return {state: states.count(state) for state in REQUIRED_STATES}


def attendance_figures(counts: AttendanceCounts) -> dict:
    return {
        "present": counts.present,
        "leave": counts.leave,
        "absent": counts.absent,
        "away": counts.away,
        "expected": counts.expected,
        "rate": None if counts.rate is None else round(counts.rate, 4),
    }


def service_figures(hours, served) -> dict:
    return {
        # one decimal whatever the database returns for a sum of decimals
        "hours": str(Decimal(hours or 0).quantize(Decimal("0.1"))),
        "people_served": served or 0,
    }


def summary_period(kind: str, period_start: datetime.date) -> Period:
    return period_of(period_start, FREQUENCY_OF_KIND[kind])


def _summary_organizations(organization: Organization):
    return Organization.objects.filter(
        Q(pk=organization.pk) | Q(parent_id=organization.pk, kind=OrgKind.PARTY_GROUP)
    ).values("pk")


def _requirement_rows(organization: Organization, period: Period) -> list[dict]:
    """Required activities whose period lies inside the summary's: for a month, the
    monthly ones; for a quarter, its three months and the quarter."""
    from activities.selectors.compliance import requirement_status

    return [requirement_row(cell) for cell in requirement_status(organization, period, within=True)]


def summary_figures(organization: Organization, kind: str, period_start: datetime.date) -> dict:
    """The figures of a monthly or quarterly summary, regenerated from the records:
    activities held by type, required activities held/missing/exempt, attendance,
    service hours and people served, and the ids of the activities counted."""
    period = summary_period(kind, period_start)
    held = Activity.objects.filter(
        organization__in=_summary_organizations(organization),
        status=ActivityStatus.HELD,
        held_on__gte=period.start,
        held_on__lte=period.end,
    )
    ids = list(held.order_by("held_on", "pk").values_list("pk", flat=True))
    by_type = [
        {
            "type_id": row["activity_type_id"],
            "code": row["activity_type__code"],
            "name": row["activity_type__name"],
            "count": row["count"],
        }
        for row in held.order_by()
        .values("activity_type_id", "activity_type__code", "activity_type__name")
        .annotate(count=Count("pk"))
        .order_by("activity_type__order", "activity_type__code")
    ]
    counts = total(attendance_counts(ids).values())
    hours = Attendance.objects.filter(activity_id__in=ids).aggregate(s=Sum("hours"))["s"]
    served = held.filter(activity_type__is_service=True).aggregate(s=Sum("people_served"))["s"]
    required = _requirement_rows(organization, period)
    return {
        "period": period.key,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "activities": len(ids),
        "activity_ids": ids,
        "by_type": by_type,
        "required": required,
        "required_totals": required_totals(required),
        "attendance": attendance_figures(counts),
        "service": service_figures(hours, served),
    }


def _activity_content(activity_id: int) -> dict:
    return {
        "fields": Activity.objects.filter(pk=activity_id).values(*content_fields()).get(),
        "attendance": list(
            Attendance.objects.filter(activity_id=activity_id)
            .order_by("member_id")
            .values_list("member_id", "status", "hours", "note")
        ),
        "attachments": sorted(
            Attachment.objects.filter(activity_id=activity_id).values_list("pk", flat=True)
        ),
    }


def report_fingerprint(report: Report) -> str:
    """sha256 of what a reviewer reads: the remarks and the activity's content (its fields,
    attendance rows and attachment ids) or the summary's figures."""
    payload: dict = {"remarks": report.remarks}
    if report.kind == ReportKind.ACTIVITY:
        payload["activity"] = _activity_content(report.activity_id)
    else:
        payload["summary"] = report.summary
    return digest(payload)
