"""Starting a transfer out and issuing its letter, through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import Transfer, TransferEvent, TransferState
from members.services.transfers import transfer_create, transfer_issue_letter
from members.tests.support.transfers import TODAY, member_of, read_only_user, transfer_at
from policies.models import Policy

D = datetime.date


@pytest.fixture(autouse=True)
def today(time_machine, english):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    return TODAY


@pytest.fixture
def member(world):
    return member_of(world.branch_a, party_group=world.group_a)


def test_secretary_starts_a_transfer_to_another_branch_as_a_draft_with_its_first_step(
    world, secretary_a, member
):
    transfer = transfer_create(
        actor=secretary_a, member=member, to_organization=world.branch_d, reason="搬家"
    )
    assert transfer.state == TransferState.DRAFT
    assert (transfer.from_organization, transfer.to_organization) == (
        world.branch_a,
        world.branch_d,
    )
    event = TransferEvent.objects.get(transfer=transfer)
    assert (event.by, event.from_state, event.to_state, event.note) == (
        secretary_a,
        "",
        TransferState.DRAFT,
        "搬家",
    )


def test_transfer_to_the_members_own_branch_is_refused_and_nothing_is_saved(
    world, secretary_a, member
):
    with pytest.raises(ValidationError) as exc:
        transfer_create(actor=secretary_a, member=member, to_organization=world.branch_a)
    assert "already held by A支部" in exc.value.message_dict["to_organization"][0]
    assert not Transfer.objects.exists()


def test_a_second_open_transfer_for_the_same_member_is_refused(world, secretary_a, member):
    transfer_at(member, TransferState.ISSUED, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_create(actor=secretary_a, member=member, to_organization=world.branch_c)
    assert "already has a transfer in progress" in exc.value.message_dict["member"][0]
    assert Transfer.objects.count() == 1


def test_the_database_refuses_a_second_open_transfer_even_without_the_check(world, member):
    from django.db import IntegrityError, transaction

    transfer_at(member, TransferState.DRAFT, to=world.branch_b)
    with pytest.raises(IntegrityError), transaction.atomic():
        transfer_at(member, TransferState.DRAFT, to=world.branch_c)


def test_a_member_whose_transfer_ended_may_be_transferred_again(world, secretary_a, member):
    for state in (TransferState.CANCELLED, TransferState.REJECTED, TransferState.EXPIRED):
        transfer_at(member, state, to=world.branch_b)
    assert transfer_create(actor=secretary_a, member=member, to_organization=world.branch_b)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({}, "to_organization", "Choose the receiving organization"),
        ({"external_organization": "外地某支部"}, "external_contact", "Give a contact"),
        ("both", "external_organization", "not to both"),
        ("group", "to_organization", "is a party group"),
    ],
)
def test_a_destination_must_be_one_holding_organization_or_a_named_outside_one(
    world, secretary_a, member, fields, field, words
):
    if fields == "both":
        fields = {"to_organization": world.branch_b, "external_organization": "外地某支部"}
    elif fields == "group":
        fields = {"to_organization": world.group_a}
    with pytest.raises(ValidationError) as exc:
        transfer_create(actor=secretary_a, member=member, **fields)
    assert words in " ".join(exc.value.message_dict[field])
    assert not Transfer.objects.exists()


def test_a_dissolved_organization_receives_nobody(world, secretary_a, member):
    world.branch_b.dissolved_on = D(2026, 1, 1)
    world.branch_b.save()
    with pytest.raises(ValidationError) as exc:
        transfer_create(actor=secretary_a, member=member, to_organization=world.branch_b)
    assert "dissolved on 2026-01-01" in exc.value.message_dict["to_organization"][0]


def test_a_member_who_left_the_roll_is_not_transferred(world, secretary_a):
    gone = member_of(world.branch_a, left_on=D(2025, 1, 1), left_reason="去世")
    with pytest.raises(ValidationError) as exc:
        transfer_create(actor=secretary_a, member=gone, to_organization=world.branch_b)
    assert "left the roll on 2025-01-01" in exc.value.message_dict["member"][0]


def test_only_who_manages_the_members_branch_starts_a_transfer(world, secretary_b, member):
    with pytest.raises(PermissionDenied):
        transfer_create(actor=secretary_b, member=member, to_organization=world.branch_b)
    with pytest.raises(PermissionDenied):
        transfer_create(
            actor=read_only_user(world.branch_a), member=member, to_organization=world.branch_b
        )
    assert not Transfer.objects.exists()


def test_street_staff_start_a_transfer_for_a_branch_of_their_street(world, street_staff, member):
    transfer = transfer_create(
        actor=street_staff,
        member=member,
        external_organization="外省某单位党委",
        external_contact="0571-1234567",
    )
    assert transfer.to_organization is None and transfer.external_organization == "外省某单位党委"


# the letter


def test_issuing_gives_a_readable_number_per_year_and_street_and_the_default_validity(
    world, secretary_a, member
):
    other = member_of(world.branch_a)
    first = transfer_at(member, TransferState.DRAFT, to=world.branch_b)
    second = transfer_at(other, TransferState.DRAFT, to=world.branch_b)
    transfer_issue_letter(actor=secretary_a, transfer=first, issued_on=D(2026, 3, 9))
    transfer_issue_letter(actor=secretary_a, transfer=second, issued_on=D(2026, 3, 10))
    first.refresh_from_db()
    second.refresh_from_db()
    code = world.branch_a.street.code
    assert (first.letter_number, second.letter_number) == (f"2026-{code}-0001", f"2026-{code}-0002")
    assert (first.state, first.letter_issued_on, first.valid_until) == (
        TransferState.ISSUED,
        D(2026, 3, 9),
        D(2026, 6, 9),
    )
    assert list(first.events.values_list("from_state", "to_state")) == [
        ("", "draft"),
        ("draft", "issued"),
    ]


def test_the_default_validity_follows_the_admins_figure(world, secretary_a, member):
    Policy.objects.update_or_create(key="transfer.letter_validity_months", defaults={"value": 6})
    transfer = transfer_at(member, TransferState.DRAFT, to=world.branch_b)
    transfer_issue_letter(actor=secretary_a, transfer=transfer, issued_on=D(2026, 1, 31))
    transfer.refresh_from_db()
    assert transfer.valid_until == D(2026, 7, 31)


def test_a_letter_takes_a_typed_number_and_its_own_validity(world, secretary_a, member):
    transfer = transfer_at(member, TransferState.DRAFT, to=world.branch_b)
    transfer_issue_letter(
        actor=secretary_a,
        transfer=transfer,
        issued_on=D(2026, 3, 1),
        valid_until=D(2026, 3, 31),
        letter_number="宁组转字第015号",
    )
    transfer.refresh_from_db()
    assert (transfer.letter_number, transfer.valid_until) == ("宁组转字第015号", D(2026, 3, 31))


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"issued_on": D(2026, 3, 11)}, "issued_on", "in the future"),
        (
            {"issued_on": D(2026, 3, 1), "valid_until": D(2026, 2, 28)},
            "valid_until",
            "a day before",
        ),
        ({"issued_on": D(2026, 3, 1), "letter_number": "USED-1"}, "letter_number", "already used"),
    ],
)
def test_bad_letter_data_is_refused_naming_the_field_and_nothing_changes(
    world, secretary_a, member, kwargs, field, words
):
    transfer_at(
        member_of(world.branch_b), TransferState.ISSUED, to=world.branch_c, letter_number="USED-1"
    )
    transfer = transfer_at(member, TransferState.DRAFT, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_issue_letter(actor=secretary_a, transfer=transfer, **kwargs)
    assert words in " ".join(exc.value.message_dict[field])
    transfer.refresh_from_db()
    assert (transfer.state, transfer.letter_number) == (TransferState.DRAFT, "")


def test_only_the_sending_side_issues_the_letter(world, secretary_b, member):
    transfer = transfer_at(member, TransferState.DRAFT, to=world.branch_b)
    with pytest.raises(PermissionDenied):
        transfer_issue_letter(actor=secretary_b, transfer=transfer, issued_on=D(2026, 3, 1))


def test_a_letter_is_issued_once(world, secretary_a, member):
    transfer = transfer_at(member, TransferState.ISSUED, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_issue_letter(actor=secretary_a, transfer=transfer, issued_on=D(2026, 3, 1))
    assert "needs a transfer in the state “draft”" in exc.value.message_dict["state"][0]
