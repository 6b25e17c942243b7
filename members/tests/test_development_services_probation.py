"""The end of probation: full membership, an extension, or cancellation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from members.models import Member, MemberStatus, Stage
from members.services.development import cancel_probation, confirm_full, extend_probation
from members.tests.support.development import record_at

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    # the assertions read the English messages; the default language is Chinese
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-07-01 09:00 +08:00")
    return D(2026, 7, 1)


@pytest.fixture
def probationary(world):
    # voted 2025-06-01, probation ends 2026-06-01
    return record_at(world.branch_a, Stage.PROBATIONARY)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_full_membership_the_day_before_probation_ends_is_refused_naming_the_end(
    secretary_a, probationary
):
    errors = refusal(
        lambda: confirm_full(actor=secretary_a, record=probationary, decided_on=D(2026, 5, 31))
    )
    assert "2026-06-01" in errors["decided_on"][0]
    probationary.member.refresh_from_db()
    assert probationary.member.status == MemberStatus.PROBATIONARY


def test_full_membership_on_the_day_probation_ends_is_accepted(secretary_a, probationary):
    record = confirm_full(actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1))
    member = Member.objects.get(pk=record.member_id)
    assert record.stage == Stage.FULL
    assert record.full_on == D(2026, 6, 1)
    assert member.status == MemberStatus.FULL
    assert member.full_member_on == D(2026, 6, 1)


def test_full_membership_counts_from_the_end_of_probation_not_the_later_decision(
    secretary_a, probationary
):
    record = confirm_full(actor=secretary_a, record=probationary, decided_on=D(2026, 6, 20))
    assert Member.objects.get(pk=record.member_id).full_member_on == D(2026, 6, 1)


@pytest.mark.parametrize("months", [5, 13])
def test_extension_shorter_than_6_or_longer_than_12_months_is_refused(
    secretary_a, probationary, months
):
    errors = refusal(
        lambda: extend_probation(
            actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1), months=months
        )
    )
    assert "6 to 12" in errors["months"][0]
    probationary.refresh_from_db()
    assert probationary.extended_until is None


@pytest.mark.parametrize(("months", "until"), [(6, D(2026, 12, 1)), (12, D(2027, 6, 1))])
def test_extension_of_6_or_12_months_runs_from_the_end_of_probation(
    secretary_a, probationary, months, until
):
    record = extend_probation(
        actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1), months=months
    )
    assert record.extended_until == until
    assert record.stage == Stage.PROBATIONARY


def test_extension_decided_before_probation_ends_is_refused(secretary_a, probationary):
    errors = refusal(
        lambda: extend_probation(
            actor=secretary_a, record=probationary, decided_on=D(2026, 5, 31), months=6
        )
    )
    assert "2026-06-01" in errors["decided_on"][0]


def test_probation_is_extended_only_once(secretary_a, probationary):
    extend_probation(actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1), months=6)
    errors = refusal(
        lambda: extend_probation(
            actor=secretary_a, record=probationary, decided_on=D(2026, 6, 2), months=6
        )
    )
    assert "2026-12-01" in errors["extended_until"][0]


def test_after_an_extension_full_membership_waits_for_its_end(
    secretary_a, probationary, time_machine
):
    extend_probation(actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1), months=6)
    time_machine.move_to("2026-12-15 09:00 +08:00")
    errors = refusal(
        lambda: confirm_full(actor=secretary_a, record=probationary, decided_on=D(2026, 11, 30))
    )
    assert "2026-12-01" in errors["decided_on"][0]
    record = confirm_full(actor=secretary_a, record=probationary, decided_on=D(2026, 12, 1))
    assert Member.objects.get(pk=record.member_id).full_member_on == D(2026, 12, 1)


def test_cancellation_takes_the_person_off_the_roll(secretary_a, probationary):
    record = cancel_probation(
        actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1), reason="不履行党员义务"
    )
    member = Member.objects.get(pk=record.member_id)
    assert record.stage == Stage.CANCELLED
    assert (record.closed_on, record.closing_reason) == (D(2026, 6, 1), "不履行党员义务")
    assert member.left_on == D(2026, 6, 1)
    assert member.left_reason == "取消预备党员资格"
    assert not Member.objects.on_roll().filter(pk=member.pk).exists()


def test_cancellation_needs_a_reason(secretary_a, probationary):
    errors = refusal(
        lambda: cancel_probation(
            actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1), reason=" "
        )
    )
    assert "reason" in errors
    assert Member.objects.on_roll().filter(pk=probationary.member_id).exists()


def test_a_member_no_longer_on_the_roll_cannot_be_made_full_here(secretary_a, probationary):
    Member.objects.filter(pk=probationary.member_id).update(
        left_on=D(2026, 3, 1), left_reason="转出"
    )
    errors = refusal(
        lambda: confirm_full(actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1))
    )
    assert "member" in errors


def test_a_member_transferred_to_another_branch_is_decided_on_there(
    world, secretary_a, probationary
):
    Member.objects.filter(pk=probationary.member_id).update(organization=world.branch_b)
    errors = refusal(
        lambda: extend_probation(
            actor=secretary_a, record=probationary, decided_on=D(2026, 6, 1), months=6
        )
    )
    assert "member" in errors


def test_a_candidate_cannot_be_made_a_full_member(world, secretary_a):
    record = record_at(world.branch_a, Stage.CANDIDATE)
    errors = refusal(
        lambda: confirm_full(actor=secretary_a, record=record, decided_on=D(2026, 6, 1))
    )
    assert "probationary member" in errors["stage"][0]
    assert "development candidate" in errors["stage"][0]
