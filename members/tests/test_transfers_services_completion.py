"""Completing a transfer moves the membership in one transaction: inside the system, to an
outside organization, and from one."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import (
    DevelopmentRecord,
    Member,
    MemberStatus,
    MobileCategory,
    MobileDirection,
    MobileEndReason,
    MobileMember,
    Stage,
    Transfer,
    TransferState,
)
from members.services.transfers import (
    incoming_transfer_record,
    transfer_complete,
    transfer_record_report,
)
from members.tests.support.transfers import (
    TODAY,
    incoming_at,
    letter_from_outside,
    member_of,
    transfer_at,
)

D = datetime.date


@pytest.fixture(autouse=True)
def today(time_machine, english):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    return TODAY


def mobile_record(member, **fields):
    return MobileMember.objects.create(
        organization=member.organization,
        direction=MobileDirection.OUTGOING,
        category=MobileCategory.MIGRANT_WORKER,
        member=member,
        whereabouts="苏州",
        away_since=D(2025, 6, 1),
        **fields,
    )


# inside


def test_completing_an_inside_transfer_moves_the_member_and_leaves_the_party_group(
    world, secretary_b
):
    member = member_of(world.branch_a, party_group=world.group_a)
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    transfer_complete(actor=secretary_b, transfer=transfer, completed_on=D(2026, 3, 1))
    member.refresh_from_db()
    transfer.refresh_from_db()
    assert (member.organization, member.party_group, member.left_on) == (
        world.branch_b,
        None,
        None,
    )
    assert (transfer.state, transfer.completed_on) == (TransferState.COMPLETED, D(2026, 3, 1))
    assert Member.objects.filter(pk=member.pk, organization=world.branch_b).count() == 1


def test_either_side_completes_an_inside_transfer(world, secretary_a):
    member = member_of(world.branch_a)
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    transfer_complete(actor=secretary_a, transfer=transfer, completed_on=TODAY)
    member.refresh_from_db()
    assert member.organization == world.branch_b


def test_nobody_else_completes_it(world, other_street_staff):
    member = member_of(world.branch_a)
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    with pytest.raises(PermissionDenied):
        transfer_complete(actor=other_street_staff, transfer=transfer, completed_on=TODAY)


def test_completing_needs_the_receipt_and_is_done_once(world, secretary_b):
    member = member_of(world.branch_a)
    transfer = transfer_at(member, TransferState.REPORTED, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY)
    assert "“receipt returned”" in exc.value.message_dict["state"][0]
    Transfer.objects.filter(pk=transfer.pk).update(
        state=TransferState.RECEIPTED, receipt_on=D(2026, 2, 15)
    )
    transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY)
    with pytest.raises(ValidationError) as exc:
        transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY)
    assert exc.value.message_dict["state"] == [
        "This transfer is already completed (on 2026-03-10)."
    ]


def test_a_completion_before_the_receipt_is_refused(world, secretary_b):
    member = member_of(world.branch_a)
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_complete(actor=secretary_b, transfer=transfer, completed_on=D(2026, 2, 14))
    assert "before the receipt (2026-02-15)" in exc.value.message_dict["completed_on"][0]
    member.refresh_from_db()
    assert member.organization == world.branch_a


def test_a_probationary_members_development_record_moves_along(world, secretary_b):
    member = member_of(
        world.branch_a,
        status=MemberStatus.PROBATIONARY,
        joined_on=D(2025, 7, 1),
        full_member_on=None,
    )
    record = DevelopmentRecord.objects.create(
        organization=world.branch_a,
        stage=Stage.PROBATIONARY,
        name=member.name,
        gender=member.gender,
        birth_date=member.birth_date,
        id_number=member.id_number,
        applied_on=D(2023, 3, 1),
        admitted_on=D(2025, 7, 1),
        approved_on=D(2025, 8, 1),
        probation_ends_on=D(2026, 7, 1),
        member=member,
    )
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY)
    record.refresh_from_db()
    assert record.organization == world.branch_b


def test_an_open_mobile_record_ends_when_the_membership_moves(world, secretary_b):
    member = member_of(world.branch_a)
    mobile = mobile_record(member)
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY)
    mobile.refresh_from_db()
    assert (mobile.ended_on, mobile.end_reason) == (TODAY, MobileEndReason.TRANSFERRED)


def test_a_member_moved_meanwhile_is_not_moved_again(world, secretary_b):
    member = member_of(world.branch_a)
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    Member.objects.filter(pk=member.pk).update(organization=world.branch_c)
    with pytest.raises(ValidationError) as exc:
        transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY)
    assert "no longer held by A支部" in exc.value.message_dict["member"][0]
    transfer.refresh_from_db()
    assert transfer.state == TransferState.RECEIPTED


# to outside


def test_completing_a_transfer_to_outside_takes_the_member_off_the_roll(world, secretary_a):
    member = member_of(world.branch_a, party_group=world.group_a)
    mobile = mobile_record(member)
    transfer = transfer_at(member, TransferState.RECEIPTED, outside="中共杭州市某社区委员会")
    transfer_complete(actor=secretary_a, transfer=transfer, completed_on=TODAY)
    member.refresh_from_db()
    mobile.refresh_from_db()
    assert (member.left_on, member.left_reason) == (TODAY, "组织关系转出：中共杭州市某社区委员会")
    assert member.organization == world.branch_a  # the last organization here, for the record
    assert not Member.objects.on_roll().filter(pk=member.pk).exists()
    assert mobile.end_reason == MobileEndReason.TRANSFERRED


def test_only_the_sender_completes_a_transfer_to_outside(world, street_staff, secretary_b):
    member = member_of(world.branch_a)
    transfer = transfer_at(member, TransferState.RECEIPTED, outside="外地")
    with pytest.raises(PermissionDenied):
        transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY)
    transfer_complete(actor=street_staff, transfer=transfer, completed_on=TODAY)


# from outside


def test_the_receiving_side_records_a_letter_from_outside(world, secretary_a):
    transfer = incoming_transfer_record(actor=secretary_a, **letter_from_outside(world.branch_a))
    assert (transfer.state, transfer.direction, transfer.member) == (
        TransferState.ISSUED,
        "in",
        None,
    )
    assert transfer.valid_until == D(2026, 6, 1)  # the default validity from 2026-03-01
    assert transfer.events.get().to_state == TransferState.ISSUED


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"id_number": "110105199004120000"}, "id_number", ""),
        ({"birth_date": D(1991, 4, 12)}, "birth_date", "does not match the ID number"),
        ({"member_status": MemberStatus.FULL, "full_member_on": None}, "full_member_on", "full"),
        ({"letter_number": ""}, "letter_number", "required"),
        ({"external_contact": ""}, "external_contact", "required"),
        ({"letter_issued_on": D(2026, 3, 20)}, "letter_issued_on", "future"),
        ({"valid_until": D(2026, 2, 1)}, "valid_until", "a day before"),
    ],
)
def test_a_letter_from_outside_with_bad_data_is_refused_naming_the_field(
    world, secretary_a, overrides, field, words
):
    with pytest.raises(ValidationError) as exc:
        incoming_transfer_record(
            actor=secretary_a, **letter_from_outside(world.branch_a, **overrides)
        )
    assert field in exc.value.message_dict, exc.value.message_dict
    assert words in " ".join(exc.value.message_dict[field])
    assert not Transfer.objects.exists()


def test_a_person_on_our_roll_does_not_come_from_outside(world, secretary_a):
    member = member_of(world.branch_b)
    letter = letter_from_outside(world.branch_a, name=member.name, gender=member.gender)
    letter.update(birth_date=member.birth_date, id_number=member.id_number)
    with pytest.raises(ValidationError) as exc:
        incoming_transfer_record(actor=secretary_a, **letter)
    assert "on the roll of B支部" in exc.value.message_dict["id_number"][0]


def test_a_letter_from_outside_is_recorded_for_a_managed_organization_only(world, secretary_a):
    with pytest.raises(PermissionDenied):
        incoming_transfer_record(actor=secretary_a, **letter_from_outside(world.branch_b))


def test_completing_a_transfer_from_outside_puts_the_person_on_the_roll(world, secretary_a):
    transfer = incoming_transfer_record(actor=secretary_a, **letter_from_outside(world.branch_a))
    transfer_record_report(actor=secretary_a, transfer=transfer, reported_on=D(2026, 3, 5))
    transfer_complete(
        actor=secretary_a,
        transfer=transfer,
        completed_on=D(2026, 3, 6),
        address="幸福路8号",
        grid_cell=world.branch_a.grid_cell,
    )
    transfer.refresh_from_db()
    member = transfer.member
    assert (member.organization, member.status, member.address, member.grid_cell) == (
        world.branch_a,
        MemberStatus.FULL,
        "幸福路8号",
        world.branch_a.grid_cell,
    )
    assert (transfer.state, transfer.receipt_on) == (TransferState.COMPLETED, D(2026, 3, 6))


def test_a_person_who_left_our_roll_comes_back_on_the_old_row(world, secretary_a):
    old = member_of(world.branch_b, left_on=D(2020, 1, 1), left_reason="组织关系转出：外地")
    letter = letter_from_outside(world.branch_a, name=old.name, gender=old.gender)
    letter.update(birth_date=old.birth_date, id_number=old.id_number)
    transfer = incoming_transfer_record(actor=secretary_a, **letter)
    transfer_record_report(actor=secretary_a, transfer=transfer, reported_on=D(2026, 3, 5))
    transfer_complete(actor=secretary_a, transfer=transfer, completed_on=D(2026, 3, 6))
    old.refresh_from_db()
    assert (old.organization, old.left_on, old.left_reason) == (world.branch_a, None, "")
    assert Member.objects.filter(id_number=old.id_number).count() == 1


def test_a_person_from_outside_living_here_leaves_the_census_when_taken_in(world, secretary_a):
    transfer = incoming_at(world.branch_a, TransferState.REPORTED)
    living_here = MobileMember.objects.create(
        organization=world.branch_a,
        direction=MobileDirection.INCOMING,
        category=MobileCategory.MOVED,
        name=transfer.name,
        id_number=transfer.id_number,
        whereabouts="本社区",
        away_since=D(2025, 1, 1),
    )
    transfer_complete(actor=secretary_a, transfer=transfer, completed_on=TODAY)
    living_here.refresh_from_db()
    assert living_here.end_reason == MobileEndReason.TRANSFERRED


def test_a_transfer_from_outside_is_completed_after_the_report(world, secretary_a):
    transfer = incoming_at(world.branch_a, TransferState.ISSUED)
    with pytest.raises(ValidationError) as exc:
        transfer_complete(actor=secretary_a, transfer=transfer, completed_on=TODAY)
    assert "“member reported”" in exc.value.message_dict["state"][0]
    assert not Member.objects.exists()
