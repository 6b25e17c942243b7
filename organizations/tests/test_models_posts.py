"""Posts: which roles each kind of organization has, and the rules on a post's dates and on
open posts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from organizations.models import Post, Role
from organizations.tests.factories import PostFactory

D = datetime.date


@pytest.mark.parametrize(
    ("organization", "role", "allowed"),
    [
        ("group_a", Role.GROUP_LEADER, True),
        ("group_a", Role.SECRETARY, False),
        ("branch_a", Role.GROUP_LEADER, False),
        ("branch_a", Role.STAFF, False),
        ("branch_a", Role.DEPUTY_SECRETARY, True),
        ("community1", Role.STAFF, True),
        ("street_committee1", Role.GROUP_LEADER, False),
    ],
)
def test_each_kind_of_organization_has_its_own_posts(
    world, no_post_user, organization, role, allowed
):
    post = Post(
        user=no_post_user,
        organization=getattr(world, organization),
        role=role,
        started_on=D(2025, 1, 1),
    )
    if allowed:
        post.full_clean()
    else:
        with pytest.raises(ValidationError) as refused:
            post.full_clean()
        assert list(refused.value.message_dict) == ["role"]


def test_a_post_cannot_end_before_it_starts_but_may_end_the_day_it_starts(world, no_post_user):
    post = Post(
        user=no_post_user,
        organization=world.branch_a,
        role=Role.SECRETARY,
        started_on=D(2025, 1, 2),
        ended_on=D(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as refused:
        post.full_clean()
    assert "ended_on" in refused.value.message_dict
    post.ended_on = D(2025, 1, 2)
    post.full_clean()


def test_an_organization_has_one_secretary_in_office(world, secretary_a, no_post_user):
    second = Post(
        user=no_post_user,
        organization=world.branch_a,
        role=Role.SECRETARY,
        started_on=D(2025, 1, 1),
    )
    with pytest.raises(ValidationError):
        second.full_clean()
    second.ended_on = D(2025, 6, 30)  # a secretary of the past is no conflict
    second.full_clean()


def test_a_post_is_active_from_its_first_to_its_last_day(world):
    today = timezone.localdate()
    assert PostFactory(organization=world.branch_b, started_on=today).is_active
    assert PostFactory(
        organization=world.branch_c, started_on=D(2024, 1, 1), ended_on=today
    ).is_active
    ended = PostFactory(
        organization=world.branch_d,
        started_on=D(2024, 1, 1),
        ended_on=today - datetime.timedelta(1),
    )
    assert not ended.is_active
    assert set(Post.objects.active().filter(pk=ended.pk)) == set()


def test_posts_rank_secretary_first_then_deputy_then_members(world):
    member = PostFactory(organization=world.branch_b, role=Role.ORGANIZATION_MEMBER)
    deputy = PostFactory(organization=world.branch_b, role=Role.DEPUTY_SECRETARY)
    secretary = PostFactory(organization=world.branch_b, role=Role.SECRETARY)
    ranked = list(Post.objects.filter(organization=world.branch_b).by_rank())
    assert ranked == [secretary, deputy, member]
