"""Activities in the admin: types for superusers only, activities and attachments scoped."""

import pytest

from activities.models import ActivityType, ReportState
from activities.services.activities import attachment_add
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    ReportFactory,
    activity_type,
)
from activities.tests.support.activities import pdf
from activities.tests.support.admin import change_url, changelist
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_the_activity_changelist_is_scoped(client, world, secretary_a):
    ours = ActivityFactory(organization=world.branch_a)
    theirs = ActivityFactory(organization=world.branch_b)
    client.force_login(secretary_a)
    response = client.get(changelist("activity"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [ours]
    assert client.get(change_url(theirs)).status_code == 404


def test_the_attachment_changelist_is_scoped_and_read_only(client, world, secretary_a, secretary_b):
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    client.force_login(secretary_b)
    assert list(client.get(changelist("attachment")).context["cl"].result_list) == []
    assert client.get(change_url(attachment)).status_code == 404
    client.force_login(secretary_a)
    response = client.get(change_url(attachment))
    assert response.status_code == 200 and not response.context["has_change_permission"]


def test_a_reported_activity_is_read_only_in_the_admin(client, world, secretary_a):
    activity = ActivityFactory(organization=world.branch_a)
    ReportFactory(activity=activity, state=ReportState.SUBMITTED)
    client.force_login(secretary_a)
    response = client.get(change_url(activity))
    assert response.status_code == 200 and not response.context["has_change_permission"]


def test_attendance_of_another_branchs_member_is_refused_in_the_admin(
    client, world, community_staff, english
):
    activity = ActivityFactory(organization=world.branch_a)
    stranger = MemberFactory(organization=world.branch_b, name="王五")
    client.force_login(community_staff)
    data = {
        "organization": world.branch_a.pk,
        "activity_type": activity.activity_type_id,
        "status": "held",
        "held_on": "2026-11-10",
        "topic": activity.topic,
        "form": "discussion",
        "attendance-TOTAL_FORMS": "1",
        "attendance-INITIAL_FORMS": "0",
        "attendance-0-member": stranger.pk,
        "attendance-0-status": "present",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    response = client.post(change_url(activity), data)
    assert response.status_code == 200
    [inline] = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "attendance"
    ]
    assert inline.formset.non_form_errors() == [f"王五 is not a member of {world.branch_a.name}."]
    assert not activity.attendance.exists()


def test_activity_types_are_changed_by_superusers_only(client, world, secretary_a, superuser):
    lesson = activity_type("party_lesson")
    client.force_login(secretary_a)
    response = client.get(change_url(lesson))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    client.force_login(superuser)
    response = client.get(change_url(lesson))
    assert response.context["has_change_permission"]
    field = response.context["adminform"].form.fields["applies_to"]
    assert [value for value, _label in field.choices] == [
        "street_committee",
        "community_committee",
        "general_branch",
        "branch",
        "party_group",
    ]


def test_a_superuser_edits_the_kinds_a_type_applies_to(client, world, superuser):
    lesson = activity_type("party_lesson")
    client.force_login(superuser)
    response = client.post(
        change_url(lesson),
        {
            "name": lesson.name,
            "category": lesson.category,
            "frequency": "year",
            "applies_to": ["branch", "party_group"],
            "secretary_yearly": "on",
            "has_speaker": "on",
            "order": lesson.order,
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    lesson = ActivityType.objects.get(pk=lesson.pk)
    assert lesson.applies_to == ["branch", "party_group"] and lesson.frequency == "year"


def test_the_attendance_inline_shows_existing_rows(client, world, secretary_a):
    activity = ActivityFactory(organization=world.branch_a)
    AttendanceFactory(activity=activity, member=MemberFactory(organization=world.branch_a))
    client.force_login(secretary_a)
    response = client.get(change_url(activity))
    assert response.status_code == 200
    formsets = {f.formset.prefix: f for f in response.context["inline_admin_formsets"]}
    assert len(formsets["attendance"].formset.forms) == 1
