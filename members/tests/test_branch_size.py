"""The size rules of a branch (branch work regulations, 2018): under 7 full members it has a
secretary and maybe a deputy but no committee; under 3 full members it is flagged on its page
and the level above is reminded."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.tests.factories import UserFactory
from members.models import MemberStatus
from members.tests.factories import MemberFactory
from organizations.models import Post, Role
from reminders.models import Reminder, ReminderState
from reminders.services.sweep import run_sweep

# these tests read message texts: they run in English whatever the catalogue says
pytestmark = pytest.mark.usefixtures("english")

TODAY = datetime.date(2026, 11, 10)


def full_members(branch, count: int) -> list:
    return MemberFactory.create_batch(count, organization=branch)


def appointment(branch, role) -> Post:
    return Post(
        user=UserFactory(), organization=branch, role=role, started_on=datetime.date(2026, 1, 1)
    )


# Committee posts


def test_a_branch_with_6_full_members_refuses_a_committee_post_naming_the_role(world):
    full_members(world.branch_a, 6)
    MemberFactory.create_batch(
        3, organization=world.branch_a, status=MemberStatus.PROBATIONARY, full_member_on=None
    )  # probationary members do not count
    with pytest.raises(ValidationError) as error:
        appointment(world.branch_a, Role.PROPAGANDA_MEMBER).full_clean()
    message = error.value.message_dict["role"][0]
    assert "fewer than 7 full members" in message and "has 6" in message
    assert "secretary and a deputy secretary" in message


def test_a_branch_with_7_full_members_accepts_a_committee_post(world):
    full_members(world.branch_a, 7)
    appointment(world.branch_a, Role.PROPAGANDA_MEMBER).full_clean()


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.DEPUTY_SECRETARY])
def test_a_small_branch_may_have_a_secretary_and_a_deputy(world, role):
    full_members(world.branch_b, 3)
    appointment(world.branch_b, role).full_clean()


def test_a_committee_post_of_the_past_is_not_refused(world):
    full_members(world.branch_a, 2)
    post = appointment(world.branch_a, Role.COMMITTEE_MEMBER)
    post.ended_on = datetime.date(2026, 2, 1)
    post.full_clean()


def test_a_branch_whose_roll_is_not_entered_yet_is_not_refused_its_committee(world):
    # posts are often set up before the roll is imported; the empty roll is flagged instead
    appointment(world.branch_a, Role.PROPAGANDA_MEMBER).full_clean()


def test_the_admin_redisplays_the_form_with_the_error_on_the_role(
    client, world, street_staff, no_post_user
):
    full_members(world.branch_c, 6)
    client.force_login(street_staff)
    response = client.post(
        reverse("admin:organizations_post_add"),
        {
            "user": no_post_user.pk,
            "organization": world.branch_c.pk,
            "role": Role.ORGANIZATION_MEMBER,
            "started_on": "2026-05-01",
        },
    )
    assert response.status_code == 200
    assert "role" in response.context["adminform"].form.errors
    assert not Post.objects.filter(user=no_post_user).exists()


# Too few full members


def branch_reminders(branch):
    return Reminder.objects.filter(kind="organizations.branch_too_small", object_id=branch.pk)


def test_a_branch_with_2_full_members_reminds_the_level_above_once(world, community_staff):
    full_members(world.branch_a, 2)
    run_sweep(TODAY)
    run_sweep(TODAY + datetime.timedelta(days=1))
    reminder = branch_reminders(world.branch_a).get()
    assert (reminder.organization, reminder.recipient) == (world.community1, community_staff)
    assert reminder.period == "2026Q4"
    assert reminder.message == "A支部 has 2 full members; a branch needs at least 3."


def test_a_branch_with_3_full_members_is_not_flagged(world, community_staff):
    full_members(world.branch_a, 3)
    run_sweep(TODAY)
    assert not branch_reminders(world.branch_a).exists()


def test_the_reminder_closes_once_the_branch_has_3_full_members(world, community_staff):
    full_members(world.branch_a, 2)
    run_sweep(TODAY)
    full_members(world.branch_a, 1)
    run_sweep(TODAY + datetime.timedelta(days=1))
    assert branch_reminders(world.branch_a).get().state == ReminderState.DONE


def test_the_organization_page_flags_a_branch_with_2_full_members(client, world, secretary_a):
    full_members(world.branch_a, 2)
    client.force_login(secretary_a)
    response = client.get(reverse("organizations:detail", args=[world.branch_a.pk]))
    assert b'data-testid="too-few-full-members"' in response.content
    assert b"This branch has 2 full members; a branch needs at least 3." in response.content


def test_the_organization_page_does_not_flag_a_branch_with_3_full_members(
    client, world, secretary_a
):
    full_members(world.branch_a, 3)
    client.force_login(secretary_a)
    response = client.get(reverse("organizations:detail", args=[world.branch_a.pk]))
    assert b"too-few-full-members" not in response.content
