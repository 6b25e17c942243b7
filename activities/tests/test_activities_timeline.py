"""Activities in the member's pages: the timeline shows attendance, and attending a held
activity is a sign of organized life on the drifting list."""

import datetime

import pytest
from django.urls import reverse

from activities.models import ActivityStatus
from activities.tests.factories import activity_type
from activities.tests.support.activities import attended
from activities.timeline import attendance_events
from members.selectors.mobile import drifting_members_for
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_the_member_timeline_shows_attendance(client, world, secretary_a, english):
    member = MemberFactory(organization=world.branch_a)
    attended(
        member,
        datetime.date(2026, 11, 10),
        activity_type=activity_type("branch_general_meeting"),
        topic="学习党章",
    )
    attended(member, datetime.date(2026, 10, 8), status="leave", topic="主题党日活动")
    client.force_login(secretary_a)
    response = client.get(reverse("members:detail", args=[member.pk]))
    events = [e for e in response.context["timeline"] if e.kind == "activity"]
    assert [(e.on, e.title) for e in events] == [
        (datetime.date(2026, 11, 10), "branch general meeting: 学习党章"),
        (datetime.date(2026, 10, 8), "themed party day: 主题党日活动"),
    ]
    assert events[1].detail.startswith("absent with leave")
    assert "学习党章" in response.content.decode()


def test_the_timeline_takes_one_query_and_the_last_fifty(world, django_assert_num_queries):
    member = MemberFactory(organization=world.branch_a)
    for day in range(1, 56):
        attended(member, datetime.date(2026, 1, 1) + datetime.timedelta(days=day))
    with django_assert_num_queries(1):
        events = attendance_events(member)
    assert len(events) == 50 and events[0].on == datetime.date(2026, 2, 25)


def test_service_hours_appear_on_the_timeline(world):
    member = MemberFactory(organization=world.branch_a)
    row = attended(
        member, datetime.date(2026, 9, 1), activity_type=activity_type("volunteer_service")
    )
    row.hours = 3
    row.save()
    assert "3" in attendance_events(member)[0].detail


def test_attending_a_held_activity_is_a_sign_of_organized_life(world, secretary_a):
    # six months before 2026-11-26 is 2026-05-26: a sign on that day is too old
    on_the_day = MemberFactory(organization=world.branch_a)
    attended(on_the_day, datetime.date(2026, 5, 26))
    day_after = MemberFactory(organization=world.branch_a)
    attended(day_after, datetime.date(2026, 5, 27))
    absent = MemberFactory(organization=world.branch_a)
    attended(absent, datetime.date(2026, 10, 1), status="absent")
    drifting = set(drifting_members_for(secretary_a).values_list("pk", flat=True))
    assert on_the_day.pk in drifting and absent.pk in drifting
    assert day_after.pk not in drifting


def test_a_planned_or_cancelled_activity_is_not_a_sign(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    attended(member, datetime.date(2026, 11, 1), activity_status=ActivityStatus.CANCELLED)
    assert member.pk in set(drifting_members_for(secretary_a).values_list("pk", flat=True))
    assert attendance_events(member) == []
