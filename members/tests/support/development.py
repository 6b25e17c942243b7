"""Builders for the development tests: records put straight at a stage with known dates
(the services are tested one move at a time against these), and a read-only persona.

The standard story (all dates in the past of 2026-11):
applied 2024-03-01, talk 2024-03-20, activist 2024-04-01, reviews 2024-09-15 and
2025-03-15, candidate 2025-04-01, political review 2025-05-01, training 2025-05-10..12
(24 h), vote 2025-06-01, approval 2025-07-01, probation ends 2026-06-01."""

import datetime
import itertools
from decimal import Decimal

from accounts.tests.factories import UserFactory
from members.idnumber import make_id_number
from members.models import ActivistReview, DevelopmentRecord, MemberStatus, Stage
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory

D = datetime.date
_sequence = itertools.count(1)

STORY = {
    "applied_on": D(2024, 3, 1),
    "talked_on": D(2024, 3, 20),
    "activist_on": D(2024, 4, 1),
    "candidate_on": D(2025, 4, 1),
    "political_review_on": D(2025, 5, 1),
    "training_started_on": D(2025, 5, 10),
    "training_ended_on": D(2025, 5, 12),
    "training_hours": Decimal("24"),
    "admitted_on": D(2025, 6, 1),
    "approved_on": D(2025, 7, 1),
    "probation_ends_on": D(2026, 6, 1),
}
REVIEWS = (D(2024, 9, 15), D(2025, 3, 15))
# which fields of the story a record has at each stage
FIELDS_AT = {
    Stage.APPLICANT: ("applied_on",),
    Stage.ACTIVIST: ("applied_on", "talked_on", "activist_on"),
    Stage.CANDIDATE: ("applied_on", "talked_on", "activist_on", "candidate_on"),
    Stage.PROBATIONARY: tuple(STORY),
}


BORN = D(1995, 5, 17)


def person(birth_date=BORN, gender="M") -> dict:
    n = next(_sequence)
    return {
        "name": f"申请人{n}",
        "gender": gender,
        "birth_date": birth_date,
        "id_number": make_id_number("320102", birth_date, (n % 400) * 2 + (gender == "M")),
    }


def record_at(branch, stage=Stage.APPLICANT, *, reviews=None, **overrides) -> DevelopmentRecord:
    """A record at ``stage`` with the story's dates (overridable); a probationary record
    has its Member on the roll, like after the approval."""
    fields = {name: STORY[name] for name in FIELDS_AT.get(stage, ("applied_on",))}
    fields.update(person())
    fields.update(overrides)
    record = DevelopmentRecord.objects.create(organization=branch, stage=stage, **fields)
    if reviews is None and fields.get("activist_on"):
        reviews = REVIEWS
    for day in reviews or ():
        ActivistReview.objects.create(record=record, reviewed_on=day, comment="表现良好")
    if stage == Stage.PROBATIONARY:
        record.member = MemberFactory(
            organization=branch,
            name=record.name,
            birth_date=record.birth_date,
            id_number=record.id_number,
            status=MemberStatus.PROBATIONARY,
            joined_on=record.admitted_on,
            full_member_on=None,
        )
        record.save()
    return record


def candidate_ready_for_vote(branch, **overrides) -> DevelopmentRecord:
    keys = ("political_review_on", "training_started_on", "training_ended_on", "training_hours")
    return record_at(branch, Stage.CANDIDATE, **{k: STORY[k] for k in keys}, **overrides)


def read_only_user(organization, username="committee_a"):
    """A committee member without management rights (view-only post)."""
    user = UserFactory(username=username, is_staff=True)
    PostFactory(user=user, organization=organization, role=Role.COMMITTEE_MEMBER)
    return user


def full_members(branch, n=2):
    return [MemberFactory(organization=branch) for _ in range(n)]
