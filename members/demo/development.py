"""Demo development records (发展党员) of one street: about 40 people in every stage, with
dates that give the reminders and the pipeline board work (talks overdue, reviews due,
activists reaching a year, probation ending within 30 days)."""

import datetime
import random
from decimal import Decimal

from members.dates import add_months
from members.demo.base import Roll, initials
from members.demo.people import Person, draw_age, employment_for, make_person, workplace_for
from members.models import ActivistReview, DevelopmentRecord, Member, MemberStatus, Stage

YOUNG = ((20, 28, 50), (29, 40, 40), (41, 50, 10))
# (stage, variant) of each record: the variant picks the dates.
PLAN = [
    *[(Stage.APPLICANT, v) for v in ["overdue"] * 3 + ["new"] * 2 + ["talked"] * 3],
    *[
        (Stage.ACTIVIST, v)
        for v in ["year_soon"] * 2 + ["review_due"] * 2 + ["young"] * 3 + ["mature"] * 3
    ],
    *[(Stage.CANDIDATE, v) for v in ["reviewed"] * 3 + ["trained", "new", "admitted"]],
    *[(Stage.PROBATIONARY, v) for v in ["ends_soon"] * 3 + ["mid"] * 3 + ["early", "extended"]],
    *[(Stage.FULL, "full")] * 4,
    (Stage.CANCELLED, "cancelled"),
    (Stage.CANCELLED, "failed"),
    (Stage.WITHDRAWN, "withdrawn"),
    (Stage.WITHDRAWN, "withdrawn"),
]
REVIEW_COMMENTS = [
    "思想积极进步，学习认真，能发挥模范作用。",
    "积极参加支部活动和志愿服务，群众评价较好。",
    "政治立场坚定，工作踏实，需加强理论学习。",
    "考察期间表现良好，同意继续培养。",
]
CLOSING_REASONS = {
    "cancelled": "预备期满经支部大会讨论，取消预备党员资格",
    "failed": "考察期间表现不符合要求，停止培养",
    "withdrawn": "本人申请撤回入党申请",
}
TRAINING_HOURS = Decimal("24")


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


class Timeline:
    """The dates of one record, working back from ``today`` by its variant."""

    def __init__(self, rng: random.Random, today: datetime.date, stage: str, variant: str):
        self.rng, self.today = rng, today
        self.values: dict = {}
        self.reviews: list[datetime.date] = []
        getattr(self, f"_{stage}")(variant)

    def applied(self, on: datetime.date, talk: bool = True) -> None:
        self.values["applied_on"] = on
        if talk:
            self.values["talked_on"] = on + days(self.rng.randint(7, 25))

    def activist(self, on: datetime.date, until: datetime.date, reviewed: bool = True) -> None:
        """Applied some months before, and reviewed every half-year until ``until``."""
        self.applied(on - days(self.rng.randint(90, 200)))
        self.values["activist_on"] = on
        k = 1
        while reviewed and (due := add_months(on, 6 * k)) <= until:
            self.reviews.append(due - days(self.rng.randint(0, 20)))
            k += 1

    def candidate(self, on: datetime.date) -> None:
        self.activist(add_months(on, -self.rng.randint(12, 16)), until=on)
        self.values["candidate_on"] = on

    def training(self, start: datetime.date) -> None:
        self.values.update(
            training_started_on=start,
            training_ended_on=start + days(2),
            training_hours=TRAINING_HOURS + self.rng.choice((0, 0, 3)),
        )

    def admission(self, admitted_on: datetime.date, approved: bool = True) -> None:
        """Everything up to the branch meeting's vote, and the higher committee's approval."""
        candidate_on = admitted_on - days(self.rng.randint(60, 120))
        self.candidate(candidate_on)
        self.values["political_review_on"] = candidate_on + days(self.rng.randint(5, 15))
        self.training(candidate_on + days(20))
        self.values["admitted_on"] = admitted_on
        if approved:
            self.values["approved_on"] = admitted_on + days(self.rng.randint(15, 60))
            self.values["probation_ends_on"] = add_months(admitted_on, 12)

    def _applicant(self, variant: str) -> None:
        applied = {"overdue": (35, 90), "new": (3, 20), "talked": (40, 150)}[variant]
        self.applied(self.today - days(self.rng.randint(*applied)), talk=variant == "talked")

    def _activist(self, variant: str) -> None:
        today, rng = self.today, self.rng
        on = {
            # a year of training completes within the month: may become a candidate soon
            "year_soon": lambda: add_months(today, -12) + days(rng.randint(5, 25)),
            # past the first half-year, and its review not recorded
            "review_due": lambda: add_months(today, -6) - days(rng.randint(10, 40)),
            "young": lambda: today - days(rng.randint(20, 160)),
            "mature": lambda: add_months(today, -rng.randint(13, 20)),
        }[variant]()
        self.activist(on, until=today, reviewed=variant != "review_due")

    def _candidate(self, variant: str) -> None:
        today, rng = self.today, self.rng
        if variant == "admitted":  # voted by the branch, awaiting the higher committee
            self.admission(today - days(rng.randint(10, 40)), approved=False)
            return
        on = today - days(rng.randint(3, 15) if variant == "new" else rng.randint(20, 120))
        self.candidate(on)
        if variant in ("reviewed", "trained"):
            self.values["political_review_on"] = on + days(rng.randint(5, 15))
        if variant == "trained":
            self.training(on + days(16))

    def _probationary(self, variant: str) -> None:
        today, rng = self.today, self.rng
        admitted_on = {
            "ends_soon": lambda: add_months(today, -12) + days(rng.randint(3, 25)),
            "mid": lambda: add_months(today, -rng.randint(4, 9)),
            "early": lambda: today - days(rng.randint(75, 100)),
            "extended": lambda: add_months(today, -14),
        }[variant]()
        self.admission(admitted_on)
        if variant == "extended":
            self.values["extended_until"] = add_months(self.values["probation_ends_on"], 6)

    def _full(self, variant: str) -> None:
        self.admission(add_months(self.today, -self.rng.randint(14, 30)))
        self.values["full_on"] = self.values["probation_ends_on"]

    def _cancelled(self, variant: str) -> None:
        if variant == "cancelled":  # a probation that ended in cancellation
            self.admission(add_months(self.today, -13))
            self.values["closed_on"] = self.values["probation_ends_on"] + days(10)
        else:  # an activist whose training was stopped
            closed_on = self.today - days(self.rng.randint(10, 60))
            self.activist(add_months(closed_on, -self.rng.randint(7, 14)), until=closed_on)
            self.values["closed_on"] = closed_on
        self.values["closing_reason"] = CLOSING_REASONS[variant]

    def _withdrawn(self, variant: str) -> None:
        closed_on = self.today - days(self.rng.randint(5, 100))
        self.applied(closed_on - days(self.rng.randint(60, 120)))
        self.values["closed_on"] = closed_on
        self.values["closing_reason"] = CLOSING_REASONS[variant]


def build_development(roll: Roll) -> None:
    """The street's development records, unless it has some already."""
    street = roll.street
    if DevelopmentRecord.objects.filter(organization__street=street).exists():
        return
    rng = random.Random(f"development:{street.code}")
    today = roll.today
    full_members: dict[int, list[Member]] = {}
    for member in roll.members():
        if member.status == MemberStatus.FULL:  # secretaries often sponsor, too
            full_members.setdefault(member.organization_id, []).append(member)
    branches = [b for b in roll.tree.grid_branches if len(full_members.get(b.pk, [])) >= 2]
    if not branches:
        return
    roads = {area.community.pk: area.road for area in roll.territory.areas}
    records, reviews, sponsors, new_members = [], [], [], []
    for n, (stage, variant) in enumerate(PLAN):
        # every fifth record in the first branch, the demo secretary's: one of each kind
        first = n % 5 == 0 or len(branches) == 1
        branch = branches[0] if first else branches[1 + n * 7 % (len(branches) - 1)]
        timeline = Timeline(rng, today, stage, variant)
        age = draw_age(rng, YOUNG)
        person = make_person(rng, roll.ids(), today, age)
        record = DevelopmentRecord(
            organization=branch, stage=stage, grid_cell=branch.grid_cell, **person_fields(person)
        )
        record.workplace = workplace_for(rng, "employed", roll.territory.short_name)
        record.address = f"{roads[branch.community_id]}{rng.randint(1, 99)}号"
        for name, value in timeline.values.items():
            setattr(record, name, value)
        if record.approved_on and stage != Stage.WITHDRAWN:
            record.member = on_roll(record, person, employment_for(rng, age, person.gender))
            if stage == Stage.CANCELLED:
                record.member.left_on = record.closed_on
                record.member.left_reason = "取消预备党员资格"  # as cancel_probation() writes
            new_members.append(record.member)
        record.full_clean(exclude=["member"], validate_unique=False, validate_constraints=False)
        records.append(record)
        reviews += [
            ActivistReview(record=record, reviewed_on=d, comment=rng.choice(REVIEW_COMMENTS))
            for d in timeline.reviews
        ]
        if record.activist_on:
            chosen = rng.sample(full_members[branch.pk], rng.choice((1, 2, 2)))
            sponsors += [(record, member) for member in chosen]
    Member.objects.bulk_create(new_members)
    roll.add([m for m in new_members if m.left_on is None])
    DevelopmentRecord.objects.bulk_create(records)
    ActivistReview.objects.bulk_create(reviews)
    through = DevelopmentRecord.sponsors.through
    through.objects.bulk_create(
        through(developmentrecord_id=record.pk, member_id=member.pk) for record, member in sponsors
    )


def person_fields(person: Person) -> dict:
    return {
        "name": person.name,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "ethnicity": person.ethnicity,
        "education": person.education,
        "id_number": person.id_number,
        "phone": person.phone,
    }


def on_roll(record: DevelopmentRecord, person: Person, employment: str) -> Member:
    """The Member row the approval put on the roll (see services/development/admission.py)."""
    member = Member(
        **person_fields(person),
        name_initials=initials(person.name),
        id_last4=person.id_number[-4:],
        address=record.address,
        workplace=record.workplace,
        employment=employment,
        organization=record.organization,
        grid_cell=record.grid_cell,
        joined_on=record.admitted_on,
        status=MemberStatus.FULL if record.full_on else MemberStatus.PROBATIONARY,
        full_member_on=record.full_on,
    )
    member.full_clean(validate_unique=False, validate_constraints=False)
    return member
