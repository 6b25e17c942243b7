"""A group transfer: one action, one transfer per member, all or nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from members.models import Transfer, TransferBatch, TransferState
from members.services.transfers import transfers_create_batch
from members.tests.support.transfers import TODAY, member_of, transfer_at

D = datetime.date


@pytest.fixture(autouse=True)
def today(time_machine, english):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    return TODAY


def test_a_group_transfer_makes_one_transfer_per_member_in_one_batch(world, secretary_a):
    members = [member_of(world.branch_a) for _ in range(3)]
    batch = transfers_create_batch(
        actor=secretary_a,
        members=members,
        title="A支部拆分",
        reason="支部拆分",
        to_organization=world.branch_b,
    )
    transfers = list(batch.transfers.all())
    assert {t.member for t in transfers} == set(members)
    assert {(t.state, t.to_organization, t.reason) for t in transfers} == {
        (TransferState.DRAFT, world.branch_b, "支部拆分")
    }
    assert batch.created_by == secretary_a


def test_a_group_transfer_may_issue_every_letter_at_once(world, secretary_a):
    members = [member_of(world.branch_a) for _ in range(2)]
    batch = transfers_create_batch(
        actor=secretary_a,
        members=members,
        title="2026届毕业生",
        external_organization="某大学毕业生党员所在地党组织",
        external_contact="010-1234567",
        issued_on=D(2026, 3, 9),
    )
    letters = sorted(batch.transfers.values_list("letter_number", "valid_until", "state"))
    code = world.branch_a.street.code
    assert letters == [
        (f"2026-{code}-0001", D(2026, 6, 9), TransferState.ISSUED),
        (f"2026-{code}-0002", D(2026, 6, 9), TransferState.ISSUED),
    ]


def test_when_any_member_cannot_go_nothing_is_saved_and_each_is_named(world, secretary_a):
    fine = member_of(world.branch_a, name="能走的")
    busy = member_of(world.branch_a, name="已在转的")
    gone = member_of(world.branch_a, name="已离开的", left_on=D(2025, 1, 1))
    foreign = member_of(world.branch_b, name="别的支部的")
    transfer_at(busy, TransferState.ISSUED, to=world.branch_c)
    with pytest.raises(ValidationError) as exc:
        transfers_create_batch(
            actor=secretary_a,
            members=[fine, busy, gone, foreign],
            title="拆分",
            to_organization=world.branch_c,
        )
    refusals = " | ".join(exc.value.message_dict["members"])
    assert "已在转的 already has a transfer in progress" in refusals
    assert "已离开的 left the roll on 2025-01-01" in refusals
    assert "别的支部的 is a member of B支部, which you do not manage" in refusals
    assert "能走的" not in refusals
    assert not TransferBatch.objects.exists()
    assert Transfer.objects.count() == 1


def test_a_group_transfer_needs_a_title_members_and_a_destination(world, secretary_a):
    with pytest.raises(ValidationError) as exc:
        transfers_create_batch(actor=secretary_a, members=[], title=" ")
    assert set(exc.value.message_dict) >= {"title", "members", "to_organization"}


def test_a_member_of_the_receiving_branch_is_named_too(world, secretary_a, community_staff):
    here = member_of(world.branch_b, name="本来就在")
    with pytest.raises(ValidationError) as exc:
        transfers_create_batch(
            actor=community_staff,
            members=[member_of(world.branch_a), here],
            title="合并",
            to_organization=world.branch_b,
        )
    assert "本来就在 is already held by B支部" in " ".join(exc.value.message_dict["members"])
    assert not Transfer.objects.exists()
