"""The organization tree: paths, moves of a subtree, and which kind sits under which."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from organizations.models import Organization, OrgKind
from organizations.tests.factories import OrganizationFactory, branch, community_committee


def test_path_follows_ids_from_the_root(world):
    a = world.group_a
    expected = "".join(
        f"{pk:07d}/"
        for pk in (world.street_committee1.pk, world.community1.pk, world.branch_a.pk, a.pk)
    )
    assert a.path == expected
    assert a.depth == 4
    assert a.ancestor_ids() == [world.street_committee1.pk, world.community1.pk, world.branch_a.pk]


def test_moving_a_branch_carries_its_subtree(world):
    branch_a = world.branch_a
    branch_a.parent = world.street_committee1
    branch_a.save()
    group = Organization.objects.get(pk=world.group_a.pk)
    assert group.path.startswith(Organization.objects.get(pk=branch_a.pk).path)
    assert group.depth == 3
    assert group not in set(world.community1.descendants())


def test_branch_cannot_sit_under_a_party_group(world):
    org = Organization(kind=OrgKind.BRANCH, name="x", parent=world.group_a, street=world.street1)
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "parent" in exc.value.message_dict


def test_organization_cannot_sit_under_its_own_unit(world):
    world.branch_a.parent = world.group_a
    with pytest.raises(ValidationError) as exc:
        world.branch_a.full_clean()
    assert "parent" in exc.value.message_dict


def test_branch_must_lie_in_the_territory_of_its_parent(world):
    org = Organization(
        kind=OrgKind.BRANCH,
        name="x",
        parent=world.community1,
        street=world.street1,
        community=world.community2.community,
    )
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "community" in exc.value.message_dict


def test_community_committee_needs_its_community(world):
    org = Organization(
        kind=OrgKind.COMMUNITY_COMMITTEE,
        name="x",
        parent=world.street_committee1,
        street=world.street1,
    )
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "community" in exc.value.message_dict


def test_street_is_taken_from_the_grid_cell(world):
    cell = world.branch_b.grid_cell
    org = Organization(kind=OrgKind.BRANCH, name="新支部", parent=world.community1, grid_cell=cell)
    org.full_clean()
    assert org.community == cell.community and org.street == world.street1


def test_factories_build_valid_trees(world):
    for org in Organization.objects.all():
        org.full_clean()


@pytest.mark.django_db
def test_a_committee_below_a_street_committee_needs_a_parent():
    root = OrganizationFactory()
    root.full_clean()
    assert root.depth == 1
    nested = community_committee(root)
    assert nested.depth == 2
    assert branch(nested).depth == 3
    orphan = Organization(kind=OrgKind.BRANCH, name="x", street=root.street)
    with pytest.raises(ValidationError) as exc:
        orphan.full_clean()
    assert "parent" in exc.value.message_dict


def test_prefix_lookup_uses_the_path_index_on_postgresql(postgres, world):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM organizations_organization WHERE path LIKE %s",
            [world.street_committee1.path + "%"],
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "organization_path_prefix" in plan or "organizations_organization_path" in plan, plan
