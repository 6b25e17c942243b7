"""The filters other apps take from scoping instead of writing path lookups themselves."""

import pytest

from grid.models import Community
from organizations import scoping
from organizations.models import Organization, Post, Role
from organizations.tests.factories import PostFactory


def test_under_q_keeps_the_organization_and_everything_below_it(world):
    below_community = Organization.objects.filter(scoping.under_q(world.community1, field=None))
    assert set(below_community) == {world.community1, world.branch_a, world.group_a, world.branch_b}
    below_branch = Organization.objects.filter(scoping.under_q(world.branch_a, field=None))
    assert set(below_branch) == {world.branch_a, world.group_a}


def test_under_q_follows_the_relation_it_is_given(world):
    in_a = PostFactory(organization=world.branch_a)
    PostFactory(organization=world.branch_c)
    assert list(Post.objects.filter(scoping.under_q(world.community1))) == [in_a]


def test_under_paths_q_strictly_leaves_out_the_organizations_themselves(world):
    paths = [world.community1.path]
    strictly = Organization.objects.filter(scoping.under_paths_q(paths, field=None, strictly=True))
    assert set(strictly) == {world.branch_a, world.group_a, world.branch_b}
    inclusive = Organization.objects.filter(scoping.under_paths_q(paths, field=None))
    assert set(inclusive) == {world.community1, world.branch_a, world.group_a, world.branch_b}


def test_under_paths_q_of_no_paths_is_none(world):
    assert scoping.under_paths_q((), strictly=True) is None


def test_is_under_agrees_with_under_paths_q(world):
    paths = [world.community1.path]
    for organization in Organization.objects.all():
        for strictly in (False, True):
            q = scoping.under_paths_q(paths, field=None, strictly=strictly)
            expected = Organization.objects.filter(q, pk=organization.pk).exists()
            assert scoping.is_under(organization.path, paths, strictly=strictly) is expected


def test_a_branch_is_not_under_its_sibling_whose_id_is_a_prefix_of_its_own(world):
    # paths are zero-padded, so a prefix match never crosses into a sibling
    assert not scoping.is_under(world.branch_b.path, [world.branch_a.path])


@pytest.mark.parametrize(
    ("persona", "manages", "reviews"),
    [
        ("secretary_a", True, True),
        ("no_post_user", False, False),
        ("superuser", True, True),
        ("grid_worker", False, False),
    ],
)
def test_may_manage_any_and_may_review_any(request, world, persona, manages, reviews):
    scope = scoping.scope_for(request.getfixturevalue(persona))
    assert scope.may_manage_any is manages
    assert scope.may_review_any is reviews


def test_a_read_only_post_neither_manages_nor_reviews(world):
    post = PostFactory(organization=world.branch_b, role=Role.COMMITTEE_MEMBER)
    scope = scoping.scope_for(post.user)
    assert not scope.may_manage_any and not scope.may_review_any


def test_own_organizations_are_the_tops_of_the_scope(world, community_staff, superuser):
    own = Organization.objects.filter(scoping.own_organizations_q(community_staff))
    assert list(own) == [world.community1]
    roots = Organization.objects.filter(scoping.own_organizations_q(superuser))
    assert set(roots) == {world.street_committee1, world.street_committee2}


def test_ids_at_and_above_posts_climb_to_the_root(world, secretary_a):
    assert scoping.ids_at_and_above_posts(secretary_a) == {
        world.street_committee1.pk,
        world.community1.pk,
        world.branch_a.pk,
    }


def test_ids_on_path_reads_the_chain_from_the_root_down(world):
    assert scoping.ids_on_path(world.group_a.path) == [
        world.street_committee1.pk,
        world.community1.pk,
        world.branch_a.pk,
        world.group_a.pk,
    ]
    assert scoping.ids_on_path(world.street_committee1.path) == [world.street_committee1.pk]


def test_visible_community_q_sees_the_community_of_a_grid_cell(world, secretary_a, grid_worker):
    mine = world.branch_a.grid_cell.community
    assert list(Community.objects.filter(scoping.visible_community_q(secretary_a, field=None))) == [
        mine
    ]
    assert list(Community.objects.filter(scoping.visible_community_q(grid_worker, field=None))) == [
        mine
    ]


def test_visible_community_q_of_street_staff_covers_every_community_of_the_street(
    world, street_staff, superuser, no_post_user
):
    street_communities = set(Community.objects.filter(street=world.street1))
    seen = Community.objects.filter(scoping.visible_community_q(street_staff, field=None))
    assert set(seen) == street_communities
    assert scoping.visible_community_q(superuser) is not None
    assert Community.objects.filter(scoping.visible_community_q(superuser, field=None)).count() == (
        Community.objects.count()
    )
    assert scoping.visible_community_q(no_post_user) is None
