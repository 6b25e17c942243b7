"""Pairing assistance: the helper on the household's street, one helper only, visits whose
party member's hours appear in the volunteer figures."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from activities.selectors.volunteer import volunteer_hours_by_member
from members.errors import RuleError
from residents.models import Pairing, PairingVisit
from residents.services.households import household_save
from residents.services.pairing import pairing_save, visit_record
from residents.tests.support.households import household_world

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 3, 1)


@pytest.fixture
def world():
    return household_world()


@pytest.fixture
def household(world):
    return household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": "2号"})


def test_a_member_of_another_street_is_refused_by_name(world, household):
    with pytest.raises(RuleError) as exc:
        pairing_save(
            user=world.staff,
            household=household,
            data={"member": world.other_member, "started_on": START},
        )
    assert world.other_member.name in exc.value.message_dict["member"][0]
    assert not Pairing.objects.exists()


def test_a_unit_of_another_street_and_two_helpers_are_refused(world, household):
    with pytest.raises(RuleError) as exc:
        pairing_save(
            user=world.staff,
            household=household,
            data={"unit": world.other_unit, "started_on": START},
        )
    assert "unit" in exc.value.message_dict
    with pytest.raises(RuleError):
        pairing_save(
            user=world.staff,
            household=household,
            data={"member": world.member_a, "unit": world.unit, "started_on": START},
        )
    assert not Pairing.objects.exists()


def test_a_pairing_of_a_household_out_of_sight_is_refused(world):
    household = household_save(user=world.staff, data={"grid_cell": world.cell_b, "address": "3号"})
    with pytest.raises(RuleError) as exc:
        pairing_save(
            user=world.worker, household=household, data={"unit": world.unit, "started_on": START}
        )
    assert "household" in exc.value.message_dict


@time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False)
def test_a_members_visit_counts_as_volunteer_service(world, household):
    pairing = pairing_save(
        user=world.staff,
        household=household,
        data={"member": world.member_a, "started_on": START, "goal": "帮助就业"},
    )
    visit = visit_record(
        user=world.worker,
        pairing=pairing,
        data={
            "visited_on": datetime.date(2026, 5, 20),
            "done": "介绍岗位",
            "hours": Decimal("2.5"),
        },
    )
    assert visit.member == world.member_a and visit.activity is not None
    rows = list(volunteer_hours_by_member(world.staff, 2026))
    assert [(r["member_id"], r["hours"]) for r in rows] == [(world.member_a.pk, Decimal("2.5"))]


@time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False)
def test_a_branch_visit_without_a_member_records_no_activity(world, household):
    pairing = pairing_save(
        user=world.staff,
        household=household,
        data={"organization": world.branch_b, "started_on": START},
    )
    visit = visit_record(
        user=world.staff,
        pairing=pairing,
        data={"visited_on": datetime.date(2026, 5, 20), "done": "送米送油", "hours": Decimal("1")},
    )
    assert visit.activity is None


@time_machine.travel(datetime.datetime(2026, 6, 1, 10), tick=False)
def test_bad_visits_are_refused_with_field_names(world, household):
    pairing = pairing_save(
        user=world.staff, household=household, data={"unit": world.unit, "started_on": START}
    )
    for data, field in [
        ({"visited_on": datetime.date(2026, 2, 1), "done": "x"}, "visited_on"),
        ({"visited_on": datetime.date(2026, 5, 1), "done": "x", "hours": Decimal("25")}, "hours"),
        (
            {"visited_on": datetime.date(2026, 5, 1), "done": "x", "member": world.other_member},
            "member",
        ),
        ({"visited_on": datetime.date(2026, 5, 1), "done": ""}, "done"),
    ]:
        with pytest.raises(RuleError) as exc:
            visit_record(user=world.staff, pairing=pairing, data=data)
        assert field in exc.value.message_dict
    assert not PairingVisit.objects.exists()
