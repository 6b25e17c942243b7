"""A demo activity in memory (``Row``) and what fills it in: topic, form, place, times,
project, attendance and minutes, drawn from the schedule's random generator."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from activities.demo import texts
from activities.demo.base import Person
from activities.demo.gaps import Gaps
from activities.models import (
    ActivityCategory,
    ActivityForm,
    ActivityStatus,
    ActivityType,
    AttendanceStatus,
)
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


class RowDetails:
    """The content of one activity, for ``Schedule``: it uses the schedule's ``cast``,
    ``cobuilding``, ``rng`` and ``reliable``."""

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
