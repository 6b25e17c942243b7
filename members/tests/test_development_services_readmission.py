"""Admission again after a cancelled probation: the same Member row comes back on the roll."""

import datetime

from members.models import Member, MemberStatus, Stage
from members.services.development import admit, approve_admission, cancel_probation
from members.tests.support.development import candidate_ready_for_vote, record_at

D = datetime.date


def test_a_person_whose_probation_was_cancelled_can_be_admitted_again(
    world, secretary_a, time_machine
):
    time_machine.move_to("2026-11-20 09:00 +08:00")
    first = record_at(world.branch_a, Stage.PROBATIONARY)
    cancel_probation(actor=secretary_a, record=first, decided_on=D(2025, 9, 1), reason="不合格")
    second = candidate_ready_for_vote(
        world.branch_a,
        name=first.name,
        gender=first.gender,
        birth_date=first.birth_date,
        id_number=first.id_number,
        applied_on=D(2025, 10, 1),
    )
    admit(actor=secretary_a, record=second, admitted_on=D(2026, 10, 1))
    approve_admission(actor=secretary_a, record=second, approved_on=D(2026, 11, 1))
    member = Member.objects.get(id_number=first.id_number)  # the same row, back on the roll
    assert member.left_on is None and member.status == MemberStatus.PROBATIONARY
    assert member.joined_on == D(2026, 10, 1)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.member == member and first.member is None
    assert first.stage == Stage.CANCELLED
