"""Political review, concentrated training, the vote and the higher committee's approval."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from members.models import Member, MemberStatus, Stage
from members.services.development import (
    admit,
    approve_admission,
    record_candidate_training,
    record_political_review,
)
from members.tests.factories import MemberFactory
from members.tests.support.development import candidate_ready_for_vote, record_at

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    # the assertions read the English messages; the default language is Chinese
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2025-10-01 09:00 +08:00")
    return D(2025, 10, 1)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def train(actor, record, start, end, hours):
    return record_candidate_training(
        actor=actor,
        record=record,
        training_started_on=start,
        training_ended_on=end,
        training_hours=Decimal(hours),
    )


def test_political_review_before_becoming_a_candidate_is_refused(world, secretary_a):
    record = record_at(world.branch_a, Stage.CANDIDATE)
    errors = refusal(
        lambda: record_political_review(
            actor=secretary_a, record=record, political_review_on=D(2025, 3, 31)
        )
    )
    assert "2025-04-01" in errors["political_review_on"][0]


def test_training_of_two_days_is_refused_naming_the_earliest_last_day(world, secretary_a):
    record = record_at(world.branch_a, Stage.CANDIDATE)
    errors = refusal(lambda: train(secretary_a, record, D(2025, 5, 10), D(2025, 5, 11), "24"))
    assert "2025-05-12" in errors["training_ended_on"][0]
    record.refresh_from_db()
    assert record.training_hours is None


def test_training_of_23_and_a_half_hours_is_refused(world, secretary_a):
    record = record_at(world.branch_a, Stage.CANDIDATE)
    errors = refusal(lambda: train(secretary_a, record, D(2025, 5, 10), D(2025, 5, 12), "23.5"))
    assert "24" in errors["training_hours"][0]


def test_training_of_three_days_and_24_hours_is_accepted(world, secretary_a):
    record = record_at(world.branch_a, Stage.CANDIDATE)
    record = train(secretary_a, record, D(2025, 5, 10), D(2025, 5, 12), "24")
    assert record.training_hours == Decimal("24")


def test_training_ending_before_it_starts_is_refused(world, secretary_a):
    record = record_at(world.branch_a, Stage.CANDIDATE)
    errors = refusal(lambda: train(secretary_a, record, D(2025, 5, 10), D(2025, 5, 9), "30"))
    assert "training_ended_on" in errors


def test_vote_needs_the_political_review_and_the_training(world, secretary_a):
    record = record_at(world.branch_a, Stage.CANDIDATE)
    errors = refusal(lambda: admit(actor=secretary_a, record=record, admitted_on=D(2025, 6, 1)))
    assert set(errors) == {"political_review_on", "training_hours"}


def test_vote_before_the_training_ended_is_refused(world, secretary_a):
    record = candidate_ready_for_vote(world.branch_a)
    errors = refusal(lambda: admit(actor=secretary_a, record=record, admitted_on=D(2025, 5, 11)))
    assert "2025-05-12" in errors["admitted_on"][0]


def test_vote_is_recorded_once_and_fixes_the_review_and_training(world, secretary_a):
    record = candidate_ready_for_vote(world.branch_a)
    record = admit(actor=secretary_a, record=record, admitted_on=D(2025, 6, 1))
    assert record.admitted_on == D(2025, 6, 1)
    assert record.stage == Stage.CANDIDATE
    errors = refusal(lambda: train(secretary_a, record, D(2025, 5, 1), D(2025, 5, 5), "40"))
    assert "admitted_on" in errors


# Approval within 3 months of the vote


VOTE = D(2025, 6, 1)


def voted(world, admitted_on=VOTE):
    return candidate_ready_for_vote(world.branch_a, admitted_on=admitted_on)


def test_approval_the_day_after_the_deadline_is_refused_naming_the_deadline(world, secretary_a):
    record = voted(world)
    errors = refusal(
        lambda: approve_admission(actor=secretary_a, record=record, approved_on=D(2025, 9, 2))
    )
    assert "2025-09-01" in errors["approved_on"][0]
    assert not Member.objects.exists()
    record.refresh_from_db()
    assert record.stage == Stage.CANDIDATE and record.member is None


def test_approval_on_the_deadline_creates_exactly_one_probationary_member(world, secretary_a):
    record = voted(world)
    record = approve_admission(actor=secretary_a, record=record, approved_on=D(2025, 9, 1))
    member = Member.objects.get()
    assert record.member == member
    assert record.stage == Stage.PROBATIONARY
    assert record.probation_ends_on == D(2026, 6, 1)
    assert member.status == MemberStatus.PROBATIONARY
    assert member.joined_on == D(2025, 6, 1)
    assert member.full_member_on is None
    assert member.organization == world.branch_a
    assert (member.name, member.id_number, member.birth_date) == (
        record.name,
        record.id_number,
        record.birth_date,
    )
    assert member.grid_cell == record.grid_cell


def test_approval_deadline_of_a_vote_on_30_november_is_28_february(
    world, secretary_a, time_machine
):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    record = voted(world, admitted_on=D(2025, 11, 30))
    errors = refusal(
        lambda: approve_admission(actor=secretary_a, record=record, approved_on=D(2026, 3, 1))
    )
    assert "2026-02-28" in errors["approved_on"][0]
    approve_admission(actor=secretary_a, record=record, approved_on=D(2026, 2, 28))


def test_approval_before_the_vote_is_refused(world, secretary_a):
    record = voted(world)
    errors = refusal(
        lambda: approve_admission(actor=secretary_a, record=record, approved_on=D(2025, 5, 31))
    )
    assert "2025-06-01" in errors["approved_on"][0]


def test_approval_without_a_vote_is_refused(world, secretary_a):
    record = candidate_ready_for_vote(world.branch_a)
    errors = refusal(
        lambda: approve_admission(actor=secretary_a, record=record, approved_on=D(2025, 6, 1))
    )
    assert "admitted_on" in errors


def test_approval_dated_in_the_future_is_refused(world, secretary_a):
    record = voted(world, admitted_on=D(2025, 9, 20))
    errors = refusal(
        lambda: approve_admission(actor=secretary_a, record=record, approved_on=D(2025, 10, 2))
    )
    assert "future" in errors["approved_on"][0]


def test_a_person_who_left_the_roll_comes_back_on_their_old_row(world, secretary_a):
    record = voted(world)
    old = MemberFactory(
        organization=world.branch_b,
        name=record.name,
        birth_date=record.birth_date,
        id_number=record.id_number,
        status=MemberStatus.PROBATIONARY,
        full_member_on=None,
        left_on=D(2015, 1, 1),
        left_reason="取消预备党员资格",
    )
    record = approve_admission(actor=secretary_a, record=record, approved_on=D(2025, 7, 1))
    old.refresh_from_db()
    assert record.member == old
    assert Member.objects.count() == 1
    assert (old.left_on, old.organization, old.joined_on) == (None, world.branch_a, D(2025, 6, 1))
