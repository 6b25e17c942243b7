"""A year of demo activities of one street, following the branch work regulations as the
activity types in the database say them (frequency, who holds them, committee only):

- required activities in every period of the 12 months up to today: committee meetings
  monthly where a committee term is in force, party group meetings monthly, themed party
  days monthly between the 1st and the 20th, general meetings and party lessons quarterly
  (the secretary gives one a year), the organizational life meeting and the democratic
  appraisal once a year, in January or in December;
- service, pairing, cultural and other activities, service ones with hours per participant
  and people served, most linked to a co-building project of the community;
- deliberate gaps: a few branches miss a past month's themed party day, a quarter's general
  meeting or party lesson, or a committee meeting, and some have not held this month's yet,
  so that the compliance calendar shows red and the reminders fire; one branch is exempt
  (founded again after a merger) for its first two quarters;
- one branch per street mostly "reads documents", so that the type mix shows it.

A required activity whose day falls after today (later this month, quarter or year) is
recorded as planned; after the 20th, next month's themed party day is planned too. Attendance comes from the roll on the day: mostly present, some absent
with or without leave, mobile members who are away absent (noted as such).

What each organization leaves out is in gaps.py; the content of one activity (topic, form,
place, attendance, minutes) in rows.py."""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from activities.demo import texts
from activities.demo.base import BATCH, Cast, Ids, at, clock, stamp
from activities.demo.cobuilding import CoBuilding
from activities.demo.gaps import (
    EXEMPT,
    Gaps,
    exemption_window,
    gaps_of_branch,
    gaps_of_committee,
    gaps_of_group,
)
from activities.demo.rows import Row, RowDetails
from activities.models import (
    Activity,
    ActivityStatus,
    ActivityType,
    Attendance,
    Exemption,
    Frequency,
)
from activities.periods import Period, month_end, period_of, periods_of_year
from members.dates import add_months
from members.demo.bulk import insert
from organizations.models import Organization, OrgKind


@dataclass
class Built:
    rows: list[Row]
    exemptions: list[Exemption]


def build_activities(cast: Cast, cobuilding: CoBuilding) -> Built:
    """The street's activities, attendance and exemption (the caller checks that the street
    has no activities yet)."""
    schedule = Schedule(cast, cobuilding, random.Random(f"activities:{cast.street.code}"))
    schedule.plan()
    schedule.save()
    return Built(schedule.rows, schedule.exemptions)


class Schedule(RowDetails):
    def __init__(self, cast: Cast, cobuilding: CoBuilding, rng: random.Random) -> None:
        self.cast, self.cobuilding, self.rng = cast, cobuilding, rng
        self.ids = Ids(Activity)
        self.rows: list[Row] = []
        self.exemptions: list[Exemption] = []
        self.moment = timezone.now()
        self.reliable: dict[int, float] = {}

    # planning

    def plan(self) -> None:
        cast = self.cast
        gaps = self.gaps()
        for organization in cast.organizations:
            if organization.dissolved_on and organization.dissolved_on <= cast.window_start:
                continue
            first = len(self.rows)
            for activity_type in cast.types.values():
                if activity_type.is_required and activity_type.applies_to_kind(organization.kind):
                    self.required(organization, activity_type, gaps[organization.pk])
            self.lesson_speakers(organization, gaps[organization.pk], self.rows[first:])
            self.others(organization, gaps[organization.pk])

    def gaps(self) -> dict[int, Gaps]:
        """What each organization leaves out, from its position among those of its level."""
        cast = self.cast
        gaps = {o.pk: Gaps() for o in cast.organizations}
        for i, o in enumerate(cast.of_kind(OrgKind.BRANCH, OrgKind.GENERAL_BRANCH)):
            gaps[o.pk] = gaps_of_branch(i)
            if i == EXEMPT and o.kind == OrgKind.BRANCH:
                ends_on = exemption_window(cast)[1]
                gaps[o.pk] = Gaps(yearly_in_december=True, exempt_until=ends_on)
                self.exempt(o)
        for c, o in enumerate(cast.of_kind(OrgKind.COMMUNITY_COMMITTEE)):
            gaps[o.pk] = gaps_of_committee(c)
        for j, o in enumerate(cast.of_kind(OrgKind.PARTY_GROUP)):
            gaps[o.pk] = gaps_of_group(j)
        return gaps

    def exempt(self, branch: Organization) -> None:
        starts_on, ends_on = exemption_window(self.cast)
        parent = next((o for o in self.cast.organizations if o.pk == branch.parent_id), None)
        self.exemptions.append(
            Exemption(
                organization=branch,
                activity_type=None,
                starts_on=starts_on,
                ends_on=ends_on,
                reason="原两个网格党支部合并后重新组建，新支部成立初期暂不考核“三会一课”",
                recorded_by_id=self.cast.reviewer(parent) if parent else None,
            )
        )

    def periods(self, frequency: str) -> list[Period]:
        start, today = self.cast.window_start, self.cast.today
        found = []
        for year in range(start.year, today.year + 1):
            found += [p for p in periods_of_year(year, frequency) if p.end >= start]
        current = period_of(today, frequency)
        return [p for p in found if p.start <= current.start]

    def required(self, organization: Organization, activity_type: ActivityType, gaps: Gaps) -> None:
        cast, rng = self.cast, self.rng
        frequency = activity_type.frequency
        periods = self.periods(frequency)
        for back, period in enumerate(reversed(periods)):
            if (activity_type.code, back) in gaps.skip:
                continue
            first, last = max(period.start, cast.window_start), period.end
            if gaps.exempt_until:
                first = max(first, gaps.exempt_until + datetime.timedelta(days=1))
            if activity_type.requires_committee:
                days = cast.term_days(organization, first, last)
                if days is None:
                    continue
                first, last = days
            if frequency == Frequency.YEAR:  # in January or in December
                month = datetime.date(period.start.year, 12 if gaps.yearly_in_december else 1, 1)
                first, last = max(first, month), min(last, month_end(month))
            elif activity_type.code == "themed_party_day":
                last = min(last, period.start.replace(day=20))
            elif frequency == Frequency.MONTH:
                last = min(last, period.start.replace(day=28))
            if first > last:
                continue
            day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
            self.add(organization, activity_type, day, gaps)
        if activity_type.code == "themed_party_day" and cast.today.day > 20:
            # This month's is past: next month's is planned already, so that the last days of
            # a month (or of a quarter or year, when nothing else is left) still show plans.
            following = add_months(cast.today.replace(day=1), 1)
            day = following + datetime.timedelta(days=rng.randint(0, 19))
            self.add(organization, activity_type, day, gaps)

    def lesson_speakers(self, organization: Organization, gaps: Gaps, rows: list[Row]) -> None:
        """The secretary gives one party lesson a year: the first of the year, or the last
        where the secretary is late (planned, or not given yet)."""
        lessons = [r for r in rows if r.type.secretary_yearly and r.type.has_speaker]
        secretary = self.cast.by_user.get(self.cast.secretary(organization))
        by_year: dict[int, list[Row]] = {}
        for row in lessons:
            by_year.setdefault(row.held_on.year, []).append(row)
        for year, rows in by_year.items():
            rows.sort(key=lambda r: r.held_on)
            chosen = rows[-1] if gaps.secretary_late and year == self.cast.today.year else rows[0]
            for row in rows:
                if row is chosen and secretary is not None and secretary.joined_on <= row.held_on:
                    row.speaker_id, row.speaker_is_secretary = secretary.pk, True
                    row.speaker_name = ""
                elif row.speaker_id is None and not row.speaker_name:
                    self.outside_speaker(organization, row)

    def outside_speaker(self, organization: Organization, row: Row) -> None:
        committee = [
            p
            for p in self.cast.committee(organization, row.held_on)
            if p.user_id != self.cast.secretary(organization)
        ]
        if committee and self.rng.random() < 0.4:
            row.speaker_id = self.rng.choice(committee).pk
        else:
            row.speaker_name = self.rng.choice(texts.OUTSIDE_SPEAKERS)

    def others(self, organization: Organization, gaps: Gaps) -> None:
        """Service, pairing, cultural and other activities, spread over the year."""
        cast, rng = self.cast, self.rng
        kind = organization.kind
        if kind == OrgKind.STREET_COMMITTEE:
            plan = [(code, len(topics)) for code, topics in texts.STREET_EVENTS.items()]
        elif kind == OrgKind.COMMUNITY_COMMITTEE:
            plan = [("volunteer_service", 2), ("civilized_community", 2), ("cultural", 2)]
            plan.append(("pairing", 1))
        elif kind == OrgKind.PARTY_GROUP:
            plan = [("volunteer_service", 1)]
        else:
            plan = [("volunteer_service", 3), ("civilized_community", 1), ("cultural", 1)]
            partners = self.cobuilding.partners.get(organization.pk)
            plan.append(("pairing", len(partners)) if partners else ("other", 1))
        first = cast.window_start
        if gaps.exempt_until:
            first = min(gaps.exempt_until - datetime.timedelta(days=40), cast.today)
        span = (cast.today - first).days
        for code, count in plan:
            activity_type = cast.types.get(code)
            if activity_type is None or not activity_type.applies_to_kind(kind):
                continue
            for n in range(count):
                share = (n + rng.random()) / count
                day = first + datetime.timedelta(days=int(share * span))
                self.add(organization, activity_type, day, gaps, n=n)

    # one activity

    def add(self, organization, activity_type, day, gaps: Gaps, n: int = 0) -> Row:
        cast, rng = self.cast, self.rng
        status = ActivityStatus.HELD if day <= cast.today else ActivityStatus.PLANNED
        position = len(self.rows)
        if activity_type.code == "cultural" and position % 23 == 0 and day <= cast.today:
            status = ActivityStatus.CANCELLED  # rained off
        row = Row(
            pk=self.ids.next(),
            organization=organization,
            type=activity_type,
            held_on=day,
            status=status,
            topic=self.topic(organization, activity_type, day, n),
            recorded_by_id=self.recorder(organization),
        )
        self.describe(row, gaps)
        if status == ActivityStatus.HELD:
            self.attend(row)
            row.minutes = self.minutes(row)
        if day <= cast.today:  # recorded the same evening
            created = at(day, rng.randint(18, 22), rng.randint(0, 59))
        else:  # planned a few days ahead
            created = at(cast.today, 9) - datetime.timedelta(days=rng.randint(1, 10))
        row.created_at = min(created, self.moment)
        self.rows.append(row)
        return row

    def recorder(self, organization: Organization) -> int | None:
        if organization.kind in (OrgKind.STREET_COMMITTEE, OrgKind.COMMUNITY_COMMITTEE):
            return self.cast.reviewer(organization)
        return self.cast.secretary(organization)

    # writing

    def save(self) -> None:
        columns = (
            "id", "organization", "activity_type", "status", "held_on", "starts_at", "ends_at",
            "place", "topic", "form", "speaker", "speaker_name", "speaker_is_secretary",
            "guests", "minutes", "people_served", "network", "project", "recorded_by",
            "created_at", "updated_at",
        )  # fmt: skip
        rows = []
        for r in self.rows:
            created = stamp(r.created_at)
            rows.append(
                (
                    r.pk,
                    r.organization.pk,
                    r.type.pk,
                    r.status,
                    r.held_on,
                    clock(r.starts_at),
                    clock(r.ends_at),
                    r.place,
                    r.topic,
                    r.form,
                    r.speaker_id,
                    r.speaker_name,
                    r.speaker_is_secretary,
                    r.guests,
                    r.minutes,
                    r.people_served,
                    r.network,
                    r.project_id,
                    r.recorded_by_id,
                    created,
                    created,
                )  # fmt: skip
            )
        for start in range(0, len(rows), BATCH):
            insert(Activity, columns, rows[start : start + BATCH])
        self.ids.done()
        attendance = [a for r in self.rows for a in r.attendance]
        for start in range(0, len(attendance), BATCH):
            insert(
                Attendance,
                ("activity", "member", "status", "hours", "note"),
                attendance[start : start + BATCH],
            )
        for exemption in self.exemptions:
            exemption.save()
            recorded = at(exemption.starts_on, 10)
            Exemption.objects.filter(pk=exemption.pk).update(created_at=recorded)
