"""The read queries of organizations: who is reminded of an organization's business, a
branch's shortfall of full members, two-new coverage, whom an admin may appoint, and the
rows of the tree page."""

import datetime

from organizations import selectors
from organizations.models import Organization, Role
from organizations.selectors import (
    assignable_users_for,
    branch_shortfall,
    responsible_users_for,
    tree_rows,
    two_new_coverage_for,
)
from organizations.tests.factories import PostFactory, TwoNewOrganizationFactory


def test_the_secretary_of_an_organization_is_responsible_for_it(world, secretary_a):
    assert responsible_users_for([world.branch_a.pk]) == {world.branch_a.pk: secretary_a.pk}


def test_without_a_secretary_the_deputy_is_responsible(world):
    deputy = PostFactory(organization=world.branch_b, role=Role.DEPUTY_SECRETARY)
    PostFactory(organization=world.community1, role=Role.STAFF)
    assert responsible_users_for([world.branch_b.pk]) == {world.branch_b.pk: deputy.user_id}


def test_with_nobody_in_office_the_staff_of_the_nearest_organization_above_is(world):
    PostFactory(organization=world.street_committee1, role=Role.STAFF)
    secretary = PostFactory(organization=world.community1, role=Role.SECRETARY)
    staff = PostFactory(organization=world.community1, role=Role.STAFF)
    found = responsible_users_for([world.group_a.pk, world.branch_b.pk])
    assert found == {world.group_a.pk: staff.user_id, world.branch_b.pk: staff.user_id}
    assert secretary.user_id not in found.values()


def test_an_ended_post_makes_nobody_responsible(world):
    PostFactory(organization=world.branch_d, ended_on=datetime.date(2024, 6, 30))
    assert responsible_users_for([world.branch_d.pk]) == {}


def test_responsible_users_take_two_queries_whatever_the_number(
    world, secretary_a, django_assert_num_queries
):
    assert responsible_users_for([]) == {}
    ids = list(Organization.objects.values_list("pk", flat=True))
    with django_assert_num_queries(2):
        responsible_users_for(ids)


def test_a_branch_without_full_members_falls_short(world):
    shortfall = branch_shortfall(world.branch_a)
    assert shortfall is not None and shortfall.full_members == 0 and shortfall.minimum == 3


def test_only_a_branch_in_office_can_fall_short(world):
    assert branch_shortfall(world.community1) is None
    assert branch_shortfall(world.group_a) is None
    world.branch_a.dissolved_on = datetime.date(2024, 1, 1)
    assert branch_shortfall(world.branch_a) is None


def test_two_new_coverage_counts_a_party_organization_or_an_instructor(
    world, community_staff, secretary_b
):
    community = world.community1.community
    TwoNewOrganizationFactory(community=community, party_organization=world.branch_a)
    TwoNewOrganizationFactory(community=community, instructor_name="王伟")
    TwoNewOrganizationFactory(community=community, party_member_count=2)
    TwoNewOrganizationFactory(community=world.community2.community)

    counts = two_new_coverage_for(community_staff)

    assert (counts["total"], counts["covered"], counts["with_members"]) == (3, 2, 1)
    assert counts["with_organization"] == 1 and counts["coverage_percent"] == 66.7


def test_two_new_coverage_of_nothing_is_no_percentage(world, no_post_user):
    assert two_new_coverage_for(no_post_user)["coverage_percent"] is None


def test_an_admin_may_appoint_people_of_their_scope_and_people_without_posts(
    world, secretary_a, secretary_b, no_post_user, grid_worker, superuser
):
    choices = set(assignable_users_for(secretary_a))
    assert {secretary_a, no_post_user, grid_worker} <= choices
    assert secretary_b not in choices and superuser not in choices


def test_a_large_tree_shows_two_levels_and_a_search_shows_everything(world, monkeypatch):
    organizations = Organization.objects.order_by("path")
    monkeypatch.setattr(selectors, "FULL_TREE_LIMIT", 5)

    collapsed = tree_rows(organizations)
    expanded = tree_rows(organizations, expand_all=True)

    assert collapsed.collapsed and {o.depth for o in collapsed.rows} == {1, 2}
    assert not expanded.collapsed and len(expanded.rows) == organizations.count()
    assert min(o.indent for o in expanded.rows) == 0
