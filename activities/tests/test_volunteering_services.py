"""Volunteer service recorded on a member's behalf by another app: a held service activity
with the member present for the hours, or a clear refusal and nothing saved."""

import datetime
from decimal import Decimal as D

import pytest

from activities.models import Activity, ActivityType, Attendance, ServiceNetwork
from activities.selectors import volunteer
from activities.services.activities import volunteer_service_record
from activities.tests.factories import activity_type
from members.errors import RuleError
from members.tests.factories import MemberFactory

DAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def _record(user, member, **overrides):
    values = {
        "user": user,
        "member": member,
        "held_on": DAY,
        "hours": D("2.5"),
        "topic": "Pairing assistance visit: 1-101",
        "network": ServiceNetwork.PAIRING,
        "people_served": 3,
        "minutes": "Helped with the heating subsidy forms.",
    }
    values.update(overrides)
    return volunteer_service_record(**values)


def test_the_hours_count_as_the_members_volunteer_service(world, secretary_a):
    activity_type("volunteer_service")
    member = MemberFactory(organization=world.branch_a)
    activity = _record(secretary_a, member)
    assert activity.organization == world.branch_a
    assert activity.network == ServiceNetwork.PAIRING
    attendance = Attendance.objects.get(activity=activity)
    assert (attendance.member, attendance.hours) == (member, D("2.5"))
    rows = list(volunteer.volunteer_hours_by_member(secretary_a, 2026))
    assert [(row["member_id"], row["hours"]) for row in rows] == [(member.pk, D("2.5"))]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"hours": D("0")}, "hours"),
        ({"hours": D("24.5")}, "hours"),
        ({"held_on": datetime.date(2026, 11, 27)}, "held_on"),  # tomorrow
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(world, secretary_a, overrides, field):
    activity_type("volunteer_service")
    member = MemberFactory(organization=world.branch_a)
    with pytest.raises(RuleError) as caught:
        _record(secretary_a, member, **overrides)
    assert field in caught.value.message_dict
    assert not Activity.objects.exists()


def test_today_is_accepted_and_24_hours_too(world, secretary_a):
    activity_type("volunteer_service")
    member = MemberFactory(organization=world.branch_a)
    _record(secretary_a, member, held_on=datetime.date(2026, 11, 26), hours=D("24"))
    assert Activity.objects.count() == 1


def test_after_the_organization_was_dissolved_is_refused(world, secretary_a):
    activity_type("volunteer_service")
    member = MemberFactory(organization=world.branch_a)
    world.branch_a.dissolved_on = DAY - datetime.timedelta(days=1)
    world.branch_a.save(update_fields=["dissolved_on"])
    with pytest.raises(RuleError) as caught:
        _record(secretary_a, member)
    assert "held_on" in caught.value.message_dict
    assert not Activity.objects.exists()


def test_a_missing_activity_type_is_named(world, secretary_a):
    ActivityType.objects.filter(code="volunteer_service").delete()
    member = MemberFactory(organization=world.branch_a)
    with pytest.raises(RuleError) as caught:
        _record(secretary_a, member)
    assert "hours" in caught.value.message_dict
