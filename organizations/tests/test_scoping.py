"""organizations.scoping: what each persona sees and manages, in how many queries."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from organizations import scoping
from organizations.models import Post, Role
from organizations.tests.factories import PostFactory, UnitOrganizationFactory


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_secretary_sees_own_branch_and_its_party_group_only(world, secretary_a):
    assert names(scoping.visible_organizations_for(secretary_a)) == {"A支部", "A支部第一党小组"}


def test_community_staff_see_their_community_and_nothing_beside_it(world, community_staff):
    visible = scoping.visible_organizations_for(community_staff)
    assert set(visible) == {world.community1, world.branch_a, world.group_a, world.branch_b}


def test_street_staff_see_all_branches_of_their_street_and_none_of_another(
    world, street_staff, other_street_staff
):
    visible = set(scoping.visible_organizations_for(street_staff))
    assert {world.branch_a, world.branch_b, world.branch_c, world.group_a} <= visible
    assert world.branch_d not in visible
    assert world.street_committee2 not in visible
    assert set(scoping.visible_organizations_for(other_street_staff)) == {
        world.street_committee2,
        world.branch_d,
    }


def test_user_with_no_post_sees_nothing(no_post_user, world):
    assert not scoping.visible_organizations_for(no_post_user).exists()
    assert not scoping.visible_grid_cells_for(no_post_user).exists()
    assert scoping.scope_for(no_post_user).is_empty


def test_superuser_sees_everything(superuser, world):
    assert scoping.visible_organizations_for(superuser).count() == 9


def test_ended_post_gives_no_access(world, secretary_a):
    Post.objects.filter(user=secretary_a).update(ended_on="2024-06-30")
    scoping.forget_scope(secretary_a)
    assert not scoping.visible_organizations_for(secretary_a).exists()


def test_post_starting_tomorrow_gives_no_access_today(world, time_machine):
    time_machine.move_to("2025-05-01 09:00 +08:00")
    post = PostFactory(organization=world.branch_b, started_on="2025-05-02")
    assert not scoping.visible_organizations_for(post.user).exists()
    time_machine.move_to("2025-05-02 09:00 +08:00")
    scoping.forget_scope(post.user)
    assert scoping.visible_organizations_for(post.user).count() == 1


def test_post_ending_today_still_gives_access_today(world, time_machine):
    time_machine.move_to("2025-05-01 09:00 +08:00")
    post = PostFactory(organization=world.branch_b, ended_on="2025-05-01")
    assert scoping.visible_organizations_for(post.user).count() == 1
    time_machine.move_to("2025-05-02 09:00 +08:00")
    scoping.forget_scope(post.user)
    assert not scoping.visible_organizations_for(post.user).exists()


def test_grid_cells_follow_the_territory_of_posts(
    world, secretary_a, community_staff, street_staff
):
    assert set(scoping.visible_grid_cells_for(secretary_a)) == {world.branch_a.grid_cell}
    community_cells = set(scoping.visible_grid_cells_for(community_staff))
    assert {world.branch_a.grid_cell, world.branch_b.grid_cell} == community_cells
    street_cells = set(scoping.visible_grid_cells_for(street_staff))
    assert world.branch_c.grid_cell in street_cells
    assert world.branch_d.grid_cell not in street_cells


def test_grid_worker_sees_assigned_cell_and_its_organizations_read_only(world, grid_worker):
    assert set(scoping.visible_grid_cells_for(grid_worker)) == {world.branch_a.grid_cell}
    assert world.branch_a in set(scoping.visible_organizations_for(grid_worker))
    assert not scoping.manageable_organizations_for(grid_worker).exists()
    assert not scoping.scope_for(grid_worker).is_empty


def test_view_only_role_cannot_manage(world):
    member = PostFactory(organization=world.branch_b, role=Role.PROPAGANDA_MEMBER).user
    assert scoping.visible_organizations_for(member).count() == 1
    assert not scoping.manageable_organizations_for(member).exists()
    assert not scoping.can_manage_organization(member, world.branch_b)


def test_get_organization_for_user_is_404_for_missing_and_forbidden_alike(world, secretary_a):
    assert scoping.get_organization_for_user(secretary_a, world.branch_a.pk) == world.branch_a
    with pytest.raises(Http404):
        scoping.get_organization_for_user(secretary_a, world.branch_b.pk)
    with pytest.raises(Http404):
        scoping.get_organization_for_user(secretary_a, 999999)


def test_units_are_visible_inside_the_territory(world, secretary_a, community_staff, street_staff):
    unit = UnitOrganizationFactory(community=world.community1.community)
    assert unit in scoping.visible_unit_organizations_for(community_staff)
    assert unit in scoping.visible_unit_organizations_for(street_staff)
    # a grid branch secretary sees units of their grid cell only, not the whole community
    assert unit not in scoping.visible_unit_organizations_for(secretary_a)
    unit.grid_cell = world.branch_a.grid_cell
    unit.save()
    assert unit in scoping.visible_unit_organizations_for(secretary_a)


def test_scope_costs_two_queries_and_is_computed_once_per_user_object(world, street_staff):
    with CaptureQueriesContext(connection) as ctx:
        scoping.scope_for(street_staff)
        scoping.scope_for(street_staff)
        list(scoping.visible_organizations_for(street_staff))
    assert len(ctx.captured_queries) == 3, [q["sql"] for q in ctx.captured_queries]


def test_descendant_lookup_is_one_prefix_query(world):
    with CaptureQueriesContext(connection) as ctx:
        found = set(world.street_committee1.descendants())
    assert len(ctx.captured_queries) == 1
    assert "LIKE" in ctx.captured_queries[0]["sql"].upper()
    assert world.group_a in found and world.branch_d not in found
