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

The content of each report (its summary figures and fingerprint) is built in summaries.py."""

import datetime
import json
import random

from django.utils import timezone

from activities.demo import texts
from activities.demo.base import BATCH, Cast, Ids, at, stamp
from activities.demo.rows import Row
from activities.demo.summaries import Draft, fingerprint, summary_of
from activities.models import Frequency, Report, ReportAction, ReportEvent, ReportKind, ReportState
from activities.periods import Period, period_of
from activities.selectors.compliance import evaluate
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
