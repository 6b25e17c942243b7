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
with or without leave, mobile members who are away absent (noted as such)."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from activities.demo import texts
from activities.demo.base import BATCH, Cast, Ids, Person, at, clock, stamp
from activities.demo.cobuilding import CoBuilding
from activities.models import (
    Activity,
    ActivityCategory,
    ActivityForm,
    ActivityStatus,
    ActivityType,
    Attendance,
    AttendanceStatus,
    Exemption,
    Frequency,
)
from activities.periods import Period, month_end, period_of, periods_of_year
from members.dates import add_months
from members.demo.bulk import insert
from organizations.models import Organization, OrgKind

F = ActivityForm
FORMS = {  # (form, weight) by type code; READING_HEAVY below for the branch that reads
    "branch_general_meeting": ((F.DISCUSSION, 6), (F.READING, 3), (F.LECTURE, 1)),
    "committee_meeting": ((F.DISCUSSION, 8), (F.READING, 2)),
    "party_group_meeting": ((F.DISCUSSION, 5), (F.READING, 5)),
    "party_lesson": ((F.LECTURE, 85), (F.READING, 15)),
    "themed_party_day": ((F.PRACTICE, 5), (F.DISCUSSION, 3), (F.READING, 2)),
}
READING_HEAVY = ((F.READING, 85), (F.DISCUSSION, 15))
MEETING_CATEGORIES = {ActivityCategory.MEETING, ActivityCategory.STUDY}
HOURS = [Decimal(h) for h in ("1.0", "1.5", "2.0", "2.0", "2.5", "3.0", "4.0")]
AWAY_NOTE = "流动党员外出"
# Positions (among the street's branches and general branches) with something to show.
EXEMPT = 4
READING = 2


@dataclass
class Row:
    """An activity and its attendance, kept in memory until inserted (and for the reports)."""

    pk: int
    organization: Organization
    type: ActivityType
    held_on: datetime.date
    status: str
    topic: str
    form: str = F.DISCUSSION
    place: str = ""
    starts_at: datetime.time | None = None
    ends_at: datetime.time | None = None
    speaker_id: int | None = None
    speaker_name: str = ""
    speaker_is_secretary: bool = False
    guests: str = ""
    minutes: str = ""
    people_served: int | None = None
    network: str = ""
    project_id: int | None = None
    recorded_by_id: int | None = None
    created_at: datetime.datetime | None = None
    # (activity id, member id, status, service hours, note), as inserted
    attendance: list[tuple[int, int, str, Decimal | None, str]] = field(default_factory=list)

    @property
    def is_held(self) -> bool:
        return self.status == ActivityStatus.HELD

    @property
    def code(self) -> str:
        return self.type.code


@dataclass
class Gaps:
    """What an organization leaves out: ``(type code, periods back)``, 0 being the current."""

    skip: set[tuple[str, int]] = field(default_factory=set)
    exempt_until: datetime.date | None = None
    reading: bool = False
    yearly_in_december: bool = False
    secretary_late: bool = False


def gaps_of_branch(i: int) -> Gaps:
    gaps = Gaps(reading=i == READING, yearly_in_december=i % 3 == 2, secretary_late=i % 10 == 7)
    if i == 0:  # the demo secretary's branch: one red month, this month's committee pending
        gaps.skip |= {("themed_party_day", 2), ("committee_meeting", 0)}
    if i % 7 == 3:
        gaps.skip.add(("themed_party_day", 1 + i % 5))
    if i % 9 == 5:
        gaps.skip.add(("branch_general_meeting", 1))
    if i % 12 == 8:
        gaps.skip.add(("party_lesson", 1))
    if i % 9 == 7:  # not given yet this quarter: reminded in its last days
        gaps.skip.add(("party_lesson", 0))
    if i % 11 == 6:
        gaps.skip.add(("committee_meeting", 3))
    if i % 8 == 2:
        gaps.skip.add(("themed_party_day", 0))
    if i % 6 == 3:
        gaps.skip.add(("committee_meeting", 0))
    return gaps


def gaps_of_committee(c: int) -> Gaps:
    gaps = Gaps(secretary_late=c == 4)
    if c == 3:
        gaps.skip.add(("party_lesson", 1))
    if c == 5:
        gaps.skip.add(("committee_meeting", 1))
    return gaps


def gaps_of_group(j: int) -> Gaps:
    gaps = Gaps()
    if j % 4 == 1:
        gaps.skip.add(("party_group_meeting", 1))
    if j % 5 == 2:
        gaps.skip.add(("party_group_meeting", 0))
    return gaps


def exemption_window(cast: Cast) -> tuple[datetime.date, datetime.date]:
    """Two whole quarters from the quarter the demo year starts in."""
    start = period_of(cast.window_start, Frequency.QUARTER).start
    return start, add_months(start, 6) - datetime.timedelta(days=1)


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


class Schedule:
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

    def topic(self, organization, activity_type, day: datetime.date, n: int) -> str:
        code, rng = activity_type.code, self.rng
        if code == "themed_party_day":
            return f"{day.month}月主题党日：{texts.THEMED_DAYS[day.month]}"
        if code == "party_lesson":
            return texts.LESSONS[(day.month + organization.pk) % len(texts.LESSONS)]
        if code == "branch_general_meeting":
            return texts.GENERAL_MEETINGS[(day.month // 3 + organization.pk) % 5]
        if code == "committee_meeting":
            return texts.COMMITTEE_MEETINGS[(day.month + organization.pk) % 6]
        if code == "party_group_meeting":
            return texts.GROUP_MEETINGS[(day.month + organization.pk) % 5]
        if code == "organizational_life_meeting":
            return f"{day.year - (day.month == 1)}年度{texts.LIFE_MEETING}"
        if code == "democratic_appraisal":
            return f"{day.year - (day.month == 1)}年度{texts.APPRAISAL}"
        if organization.kind == OrgKind.STREET_COMMITTEE and code in texts.STREET_EVENTS:
            topics = texts.STREET_EVENTS[code]
            return topics[n % len(topics)]
        topics = {
            "pairing": texts.PAIRING,
            "cultural": texts.CULTURAL,
            **texts.SERVICE,
        }.get(code, texts.OTHER)
        return rng.choice(topics)

    def describe(self, row: Row, gaps: Gaps) -> None:
        rng, code = self.rng, row.code
        if row.type.category in MEETING_CATEGORIES and code in FORMS:
            forms = READING_HEAVY if gaps.reading else FORMS[code]
            row.form = rng.choices([f for f, _ in forms], [w for _, w in forms])[0]
        elif row.type.category in MEETING_CATEGORIES:
            row.form = F.READING if gaps.reading else F.DISCUSSION
        elif row.type.is_service or code == "pairing":
            row.form = F.PRACTICE
        else:
            row.form = F.OTHER
        community = self.cast.community_name(row.organization.community_id)
        if row.type.is_service:
            row.place = f"{community}{rng.choice(texts.SERVICE_PLACES)}"
            start = datetime.time(8, 30)
        else:
            row.place = f"{community}{rng.choice(texts.PLACES)}"
            start = rng.choice((datetime.time(9, 0), datetime.time(14, 30), datetime.time(19, 0)))
        row.starts_at = start
        row.ends_at = (
            datetime.datetime.combine(row.held_on, start)
            + datetime.timedelta(minutes=rng.choice((60, 90, 120)))
        ).time()
        if code == "pairing":
            partners = self.cobuilding.partners.get(row.organization.pk) or []
            row.guests = "、".join(f"{p}党组织代表" for p in partners[:2])
        if row.type.is_service or code == "pairing":
            project = self.cobuilding.project_for(row.organization.community_id, row.held_on, rng)
            if project is not None and rng.random() < 0.75:
                row.project_id = project.pk
        if row.type.is_service:
            row.network = rng.choices(
                [n for n, _ in texts.NETWORKS], [w for _, w in texts.NETWORKS]
            )[0]

    def attend(self, row: Row) -> None:
        organization, day = row.organization, row.held_on
        if row.type.requires_committee:
            people = self.cast.committee(organization, day)
        else:
            people = self.cast.roll(organization, day)
        if row.type.category in MEETING_CATEGORIES:
            chair = self.cast.secretary(organization)
            for person in people:
                row.attendance.append(
                    (row.pk, *self.presence(person, day, person.user_id == chair))
                )
            return
        self.participants(row, people)

    def presence(self, person: Person, day: datetime.date, chair: bool) -> tuple:
        rng = self.rng
        if chair:
            return (person.pk, AttendanceStatus.PRESENT, None, "")
        if self.cast.is_away(person.pk, day):
            draw = rng.random()
            if draw < 0.05:
                return (person.pk, AttendanceStatus.PRESENT, None, "线上参加")
            status = AttendanceStatus.LEAVE if draw < 0.3 else AttendanceStatus.ABSENT
            return (person.pk, status, None, AWAY_NOTE)
        reliable = self.reliable.setdefault(person.pk, 0.93 if rng.random() < 0.85 else 0.7)
        draw = rng.random()
        if draw < reliable:
            return (person.pk, AttendanceStatus.PRESENT, None, "")
        if draw < reliable + (1 - reliable) * 0.65:
            return (person.pk, AttendanceStatus.LEAVE, None, "")
        return (person.pk, AttendanceStatus.ABSENT, None, "")

    def participants(self, row: Row, people: list[Person]) -> None:
        """Who took part in a service, pairing or cultural activity: a few of the roll, the
        same keen volunteers more often than the others."""
        rng = self.rng
        here = [p for p in people if not self.cast.is_away(p.pk, row.held_on)]
        if not here:
            return
        street = row.organization.kind == OrgKind.STREET_COMMITTEE
        count = min(len(here), rng.randint(15, 30) if street else rng.randint(4, 12))
        keen = here[: max(3, len(here) // 5)]
        chosen = {p.pk: p for p in rng.sample(keen, min(len(keen), count * 2 // 3))}
        while len(chosen) < count:
            person = rng.choice(here)
            chosen[person.pk] = person
        for person in chosen.values():
            hours = rng.choice(HOURS) if row.type.is_service else None
            row.attendance.append((row.pk, person.pk, AttendanceStatus.PRESENT, hours, ""))
        if row.type.is_service:
            row.people_served = rng.randint(100, 300) if street else rng.randint(10, 120)

    def minutes(self, row: Row) -> str:
        if row.type.is_service:
            return texts.SERVICE_MINUTES.format(
                count=len(row.attendance), served=row.people_served or 0, topic=row.topic
            )
        chair = {
            OrgKind.PARTY_GROUP: "党小组长",
            OrgKind.COMMUNITY_COMMITTEE: "社区党委书记",
            OrgKind.STREET_COMMITTEE: "街道党工委副书记",
        }.get(row.organization.kind, "支部书记")
        return texts.MINUTES.format(who=chair, topic=row.topic, how=texts.HOW[row.form])

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
