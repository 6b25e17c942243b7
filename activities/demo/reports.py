"""Demo reports of one street, submitted by each branch (and general branch) to its parent
and by each community committee to the street, in every state of the review:

- monthly summaries of the last four completed months and quarterly summaries of the
  completed quarters of the demo year: most approved (some after a return, so that the
  steps show a correction), the latest ones draft, submitted, returned or resubmitted;
  the summaries of the month before last include some submitted and some returned long
  enough ago for the reminders (waiting more than 5 days, returned and not resubmitted);
- activity reports of the latest general meeting and party lesson of each branch.

Every step is a ReportEvent with who and when: the branch secretary creates and submits
(and resubmits), the reviewing organization's staff (or secretary, for a general branch)
approves or returns; times follow one another and none is later than now.

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
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from activities.attendance import AttendanceCounts
from activities.demo import texts
from activities.demo.base import BATCH, Cast, Ids, at, stamp
from activities.demo.schedule import AWAY_NOTE, Row
from activities.models import (
    AttendanceStatus,
    Frequency,
    Report,
    ReportAction,
    ReportEvent,
    ReportKind,
    ReportState,
)
from activities.periods import Period, period_of
from activities.selectors.compliance import evaluate
from activities.services.report_figures import (
    attendance_figures,
    content_fields,
    digest,
    required_totals,
    requirement_row,
    service_figures,
)
from activities.services.reports import report_fingerprint
from members.dates import add_months
from members.demo.bulk import insert
from organizations.models import Organization, OrgKind

S = ReportState
# From the end of a period to a summary of it waiting past the reminders' 5 days: created 1 to
# 3 days after the period, submitted within 30 hours, then more than 5 days and a margin.
LONG_WAIT = datetime.timedelta(days=12)
# The last state of a report, and the steps that lead to it.
STEPS = {
    "draft": [ReportAction.CREATED],
    "submitted": [ReportAction.CREATED, ReportAction.SUBMITTED],
    "approved": [ReportAction.CREATED, ReportAction.SUBMITTED, ReportAction.APPROVED],
    "corrected": [
        ReportAction.CREATED, ReportAction.SUBMITTED, ReportAction.RETURNED,
        ReportAction.RESUBMITTED, ReportAction.APPROVED,
    ],
    "returned": [ReportAction.CREATED, ReportAction.SUBMITTED, ReportAction.RETURNED],
    "resubmitted": [
        ReportAction.CREATED, ReportAction.SUBMITTED, ReportAction.RETURNED,
        ReportAction.RESUBMITTED,
    ],
}  # fmt: skip
STATE_AFTER = {
    ReportAction.CREATED: S.DRAFT,
    ReportAction.EDITED: S.DRAFT,
    ReportAction.SUBMITTED: S.SUBMITTED,
    ReportAction.APPROVED: S.APPROVED,
    ReportAction.RETURNED: S.RETURNED,
    ReportAction.RESUBMITTED: S.SUBMITTED,
}
# What the latest summaries show, by the branch's position.
LATEST = ["draft", "submitted", "returned", "resubmitted", "approved", "submitted"]
MONTHS_BACK = 4


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


def build_reports(cast: Cast, rows: list[Row]) -> int:
    """The street's reports and their steps; returns how many reports."""
    writer = Reports(cast, rows, random.Random(f"reports:{cast.street.code}"))
    writer.plan()
    writer.save()
    return len(writer.drafts)


class Reports:
    def __init__(self, cast: Cast, rows: list[Row], rng: random.Random) -> None:
        self.cast, self.rng = cast, rng
        self.parents = {o.pk: o for o in cast.organizations}
        # a summary counts the activities of the organization and of its party groups
        self.by_organization: dict[int, list[Row]] = {}
        for row in rows:
            owner = row.organization
            if owner.kind == OrgKind.PARTY_GROUP:
                self.by_organization.setdefault(owner.parent_id, []).append(row)
            self.by_organization.setdefault(owner.pk, []).append(row)
        self.cells: dict[int, list] = {}
        self.ids = Ids(Report)
        self.drafts: list[Draft] = []
        self.moment = timezone.now()

    def plan(self) -> None:
        cast = self.cast
        today = cast.today
        current_month = today.replace(day=1)
        months = [period_of(add_months(current_month, -k), Frequency.MONTH) for k in range(1, 5)]
        quarters = []
        quarter = period_of(add_months(period_of(today, "quarter").start, -3), "quarter")
        while quarter.start >= cast.window_start:
            quarters.append(quarter)
            quarter = period_of(add_months(quarter.start, -3), "quarter")
        branches = cast.of_kind(OrgKind.BRANCH, OrgKind.GENERAL_BRANCH)
        committees = cast.of_kind(OrgKind.COMMUNITY_COMMITTEE)
        self.requirements([*branches, *committees], months, quarters)
        for i, organization in enumerate(branches):
            for back, month in enumerate(months, start=1):
                self.summary(organization, month, self.month_story(i, back))
            for back, quarter in enumerate(quarters, start=1):
                story = LATEST[(i + 2) % len(LATEST)] if back == 1 else "approved"
                if back == len(quarters) and i % 4 == 1:
                    story = "corrected"
                self.summary(organization, quarter, story)
            self.activity_reports(i, organization)
        # Early in a quarter the last quarter's summaries are only days old: the first
        # committee's summary of the quarter before waits too, so that the street always
        # has one waiting long enough for the reminders.
        fresh = bool(quarters) and quarters[0].end + LONG_WAIT > today
        for c, committee in enumerate(committees):
            for back, quarter in enumerate(quarters, start=1):
                story = "approved"
                if back == 1:
                    story = {0: "submitted", 1: "returned", 2: "resubmitted"}.get(c, "approved")
                elif back == 2 and fresh and c == 0:
                    story = "submitted"
                self.summary(committee, quarter, story)

    def requirements(self, organizations, months: list[Period], quarters: list[Period]) -> None:
        """The requirement cells of the summaries' periods, for every organization at once."""
        pairs = []
        for activity_type in self.cast.types.values():  # in the types' order
            if activity_type.frequency == Frequency.MONTH:
                periods = {m.start: m for m in months}
                for quarter in quarters:
                    for k in range(3):
                        month = period_of(add_months(quarter.start, k), Frequency.MONTH)
                        periods[month.start] = month
                pairs += [(activity_type, p) for _, p in sorted(periods.items())]
            elif activity_type.frequency == Frequency.QUARTER:
                pairs += [(activity_type, q) for q in sorted(quarters)]
        queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        for organization, cells in evaluate(queryset, pairs, today=self.cast.today):
            self.cells[organization.pk] = cells

    @staticmethod
    def month_story(i: int, back: int) -> str:
        if back == 1:
            return LATEST[i % len(LATEST)]
        if back == 2:  # long enough ago for the reminders
            return {1: "submitted", 4: "returned"}.get(i % 6, "approved")
        return "corrected" if i % 5 == 0 and back == 3 else "approved"

    def reviewing(self, organization: Organization) -> Organization | None:
        return self.parents.get(organization.parent_id)

    def summary(self, organization: Organization, period: Period, story: str) -> None:
        reviewing = self.reviewing(organization)
        if reviewing is None:
            return
        rows = [
            r for r in self.by_organization.get(organization.pk, ()) if period.contains(r.held_on)
        ]
        monthly = period.frequency == Frequency.MONTH
        when = (
            f"{period.start.year}年{period.start.month}月"
            if monthly
            else f"{period.start.year}年第{(period.start.month - 1) // 3 + 1}季度"
        )
        self.drafts.append(
            Draft(
                pk=self.ids.next(),
                organization=organization,
                reviewing=reviewing,
                kind=ReportKind.MONTHLY if monthly else ReportKind.QUARTERLY,
                title=f"{organization.name}{when}组织生活{'月报' if monthly else '季报'}",
                start=at(period.end + datetime.timedelta(days=self.rng.randint(1, 3)), 9, 30),
                story=story,
                period_start=period.start,
                summary=summary_of(period, rows, self.cells.get(organization.pk, [])),
                remarks=self.rng.choice(texts.REMARKS),
            )
        )

    def activity_reports(self, i: int, organization: Organization) -> None:
        reviewing = self.reviewing(organization)
        if reviewing is None:
            return
        latest = self.cast.today - datetime.timedelta(days=2)
        held = [
            r
            for r in self.by_organization.get(organization.pk, ())
            if r.is_held and r.organization is organization
        ]
        for n, code in enumerate(("branch_general_meeting", "party_lesson")):
            rows = [r for r in held if r.code == code and r.held_on <= latest]
            if not rows:
                continue
            row = max(rows, key=lambda r: r.held_on)
            story = ("approved", "submitted", "draft", "approved", "returned")[(i + n) % 5]
            self.drafts.append(
                Draft(
                    pk=self.ids.next(),
                    organization=organization,
                    reviewing=reviewing,
                    kind=ReportKind.ACTIVITY,
                    title=f"{row.held_on:%Y-%m-%d} {row.topic}"[:200],
                    start=at(row.held_on + datetime.timedelta(days=1), 10),
                    story=story,
                    activity=row,
                )
            )

    # writing

    def timeline(self, draft: Draft) -> list[tuple[str, datetime.datetime]]:
        """The steps with their times: a few hours to days apart, squeezed to end before now."""
        steps = STEPS[draft.story]
        gaps = [0.0] + [self.gap(step) for step in steps[1:]]
        latest = self.moment - datetime.timedelta(hours=1)
        start = min(draft.start, latest - datetime.timedelta(hours=2))
        total = sum(gaps)
        if total and start + datetime.timedelta(hours=total) > latest:
            scale = (latest - start).total_seconds() / 3600 / total
            gaps = [g * scale for g in gaps]
        times, moment = [], start
        for step, hours in zip(steps, gaps, strict=True):
            moment += datetime.timedelta(hours=hours)
            times.append((step, moment))
        return times

    def gap(self, step: str) -> float:
        """Hours between a step and the one before it."""
        rng = self.rng
        if step == ReportAction.SUBMITTED:
            return rng.uniform(1, 30)
        if step == ReportAction.RESUBMITTED:
            return rng.uniform(20, 80)
        return rng.uniform(18, 100)  # the reviewer's turn

    def save(self) -> None:
        report_rows, event_rows = [], []
        for draft in self.drafts:
            report, events = self.rows_of(draft)
            report_rows.append(report)
            event_rows += events
        columns = (
            "id", "organization", "reviewing_organization", "kind", "activity", "period_start",
            "title", "remarks", "summary", "state", "fingerprint", "created_by", "created_at",
            "updated_at", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by",
            "review_comments", "times_returned",
        )  # fmt: skip
        for start in range(0, len(report_rows), BATCH):
            insert(Report, columns, report_rows[start : start + BATCH])
        self.ids.done()
        for start in range(0, len(event_rows), BATCH):
            insert(
                ReportEvent,
                ("report", "action", "state_after", "by", "at", "comments"),
                event_rows[start : start + BATCH],
            )

    def rows_of(self, draft: Draft) -> tuple[tuple, list[tuple]]:
        rng = self.rng
        secretary = self.cast.secretary(draft.organization)
        reviewer = self.cast.reviewer(draft.reviewing)
        events = []
        submitted = reviewed = None
        comments, returned = "", 0
        for action, moment in self.timeline(draft):
            by, said = secretary, ""
            if action in (ReportAction.SUBMITTED, ReportAction.RESUBMITTED):
                submitted = moment
                if action == ReportAction.RESUBMITTED:
                    said = rng.choice(texts.RESUBMIT_COMMENTS)
            elif action in (ReportAction.APPROVED, ReportAction.RETURNED):
                by, reviewed = reviewer, moment
                if action == ReportAction.RETURNED:
                    returned += 1
                    said = rng.choice(texts.RETURN_COMMENTS)
                else:
                    said = rng.choice(texts.APPROVE_COMMENTS)
                comments = said
            events.append((draft.pk, action, STATE_AFTER[action], by, stamp(moment), said))
        state, last_moment = events[-1][2], events[-1][4]
        report = (
            draft.pk, draft.organization.pk, draft.reviewing.pk, draft.kind,
            draft.activity.pk if draft.activity else None, draft.period_start, draft.title,
            draft.remarks, json.dumps(draft.summary, ensure_ascii=False), state,
            fingerprint(draft, draft.activity) if submitted else "", secretary, events[0][4],
            last_moment, stamp(submitted) if submitted else None,
            secretary if submitted else None, stamp(reviewed) if reviewed else None,
            reviewer if reviewed else None, comments, returned,
        )  # fmt: skip
        return report, events
