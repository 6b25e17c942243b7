"""Flags of weak and lax organizations: the refresh stores candidates without deciding or
duplicating, the level above decides, the plan is drawn up and signed off only when done."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment.models import FlagState, RectificationItem, WeakCriteria, WeakFlag
from assessment.services.weak import (
    rectification_item_add,
    rectification_item_done,
    rectification_item_edit,
    rectification_plan_save,
    weak_flag_confirm,
    weak_flag_dismiss,
    weak_flag_sign_off,
    weak_flags_refresh,
)
from assessment.tests.support.weak import D, flag_of, full_members, only, secretary

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_only(world):
    """Only the full-member criterion; A has 3, B 2, C 1."""
    only(world.street_committee1, "check_members")
    full_members(world.branch_a, 3)
    full_members(world.branch_b, 2)
    full_members(world.branch_c, 1)


def test_refresh_stores_flags_once_and_updates_open_reasons(world, members_only):
    street = world.street_committee1
    new = weak_flags_refresh(street, D(2026, 9, 1))
    assert sorted(f.organization_id for f in new) == sorted([world.branch_b.pk, world.branch_c.pk])
    assert all(f.state == FlagState.FLAGGED for f in WeakFlag.objects.all())
    full_members(world.branch_b, 0)
    full_members(world.branch_c, 1)
    assert weak_flags_refresh(street, D(2026, 9, 8)) == []
    assert WeakFlag.objects.count() == 2
    flag_c = WeakFlag.objects.get(organization=world.branch_c)
    assert flag_c.reasons[0]["full"] == 2 and flag_c.reviewed_on == D(2026, 9, 8)


def test_refresh_never_overwrites_decisions(world, members_only, street_staff):
    street = world.street_committee1
    weak_flags_refresh(street, D(2026, 9, 1))
    flag_b = WeakFlag.objects.get(organization=world.branch_b)
    weak_flag_dismiss(user=street_staff, flag=flag_b, reason="新党员即将转正")
    flag_c = weak_flag_confirm(
        user=street_staff, flag=WeakFlag.objects.get(organization=world.branch_c)
    )
    assert weak_flags_refresh(street, D(2026, 9, 8)) == []  # dismissed this year, same reason
    flag_b.refresh_from_db()
    flag_c.refresh_from_db()
    assert (flag_b.state, flag_c.state) == (FlagState.DISMISSED, FlagState.CONFIRMED)
    assert flag_c.decided_by == street_staff
    # a new reason brings a new flag; the next year too
    WeakCriteria.objects.filter(organization=street).update(check_secretary=True)
    secretary(world.branch_a)
    new = weak_flags_refresh(street, D(2026, 9, 15))
    assert [f.organization_id for f in new] == [world.branch_b.pk]
    assert WeakFlag.objects.get(organization=world.branch_c, state="confirmed").codes == {
        "no_secretary",
        "few_full_members",
    }


def test_only_the_level_above_decides(world, secretary_b, community_staff):
    flag = flag_of(world.branch_b, world.street_committee1)
    with pytest.raises(PermissionDenied):
        weak_flag_confirm(user=secretary_b, flag=flag)
    weak_flag_confirm(user=community_staff, flag=flag)
    with pytest.raises(ValidationError) as error:
        weak_flag_confirm(user=community_staff, flag=flag)
    assert "state" in error.value.message_dict


def test_dismissal_needs_a_reason(world, community_staff):
    flag = flag_of(world.branch_b, world.street_committee1)
    with pytest.raises(ValidationError) as error:
        weak_flag_dismiss(user=community_staff, flag=flag, reason="  ")
    assert "dismissal_reason" in error.value.message_dict
    flag.refresh_from_db()
    assert flag.state == FlagState.FLAGGED


def test_plan_items_and_sign_off(world, secretary_b, community_staff):
    flag = flag_of(world.branch_b, world.street_committee1, state=FlagState.CONFIRMED)
    plan = rectification_plan_save(user=secretary_b, flag=flag, summary="整顿方案")
    first = rectification_item_add(
        user=secretary_b, plan=plan, text="补选支部书记", owner=secretary_b, deadline=D(2026, 12, 1)
    )
    second = rectification_item_add(
        user=community_staff,
        plan=plan,
        text="恢复三会一课",
        owner_name="王五",
        deadline=D(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        rectification_item_add(
            user=secretary_b, plan=plan, text="无人负责", deadline=D(2026, 12, 1)
        )
    assert "owner_name" in error.value.message_dict
    assert plan.items.count() == 2
    rectification_item_done(user=secretary_b, item=first, evidence="选举结果报告")
    with pytest.raises(ValidationError) as error:
        weak_flag_sign_off(user=community_staff, flag=flag)
    assert "恢复三会一课" in str(error.value.message_dict["plan"])
    assert "补选支部书记" not in str(error.value.message_dict["plan"])
    with pytest.raises(ValidationError) as error:
        rectification_item_done(user=secretary_b, item=second, evidence="")
    assert "evidence" in error.value.message_dict
    rectification_item_done(user=secretary_b, item=second, evidence="会议记录")
    with pytest.raises(PermissionDenied):
        weak_flag_sign_off(user=secretary_b, flag=flag)
    flag = weak_flag_sign_off(user=community_staff, flag=flag)
    assert flag.state == FlagState.RECTIFIED and flag.signed_off_by == community_staff


def test_a_done_item_is_not_changed_and_an_empty_plan_not_signed_off(world, community_staff):
    flag = flag_of(world.branch_b, world.street_committee1, state=FlagState.CONFIRMED)
    plan = rectification_plan_save(user=community_staff, flag=flag)
    with pytest.raises(ValidationError) as error:
        weak_flag_sign_off(user=community_staff, flag=flag)
    assert "plan" in error.value.message_dict
    item = rectification_item_add(
        user=community_staff, plan=plan, text="整改", owner_name="李四", deadline=D(2026, 12, 1)
    )
    rectification_item_done(user=community_staff, item=item, evidence="记录")
    with pytest.raises(ValidationError) as error:
        rectification_item_edit(
            user=community_staff, item=item, text="改", owner_name="李四", deadline=D(2026, 12, 1)
        )
    assert "text" in error.value.message_dict
    assert RectificationItem.objects.get(pk=item.pk).text == "整改"


def test_no_plan_before_confirmation_nor_from_another_branch(world, secretary_a, community_staff):
    flag = flag_of(world.branch_b, world.street_committee1)
    with pytest.raises(ValidationError):
        rectification_plan_save(user=community_staff, flag=flag)
    weak_flag_confirm(user=community_staff, flag=flag)
    with pytest.raises(PermissionDenied):
        rectification_plan_save(user=secretary_a, flag=flag)


def test_refresh_wants_a_street(world):
    with pytest.raises(ValidationError):
        weak_flags_refresh(world.branch_a, D(2026, 9, 1))
