"""The organization pages: the tree and an organization's detail, scoped."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from organizations.models import Role
from organizations.tests.factories import (
    CommitteeTermFactory,
    PostFactory,
    branch,
    party_group,
)


def test_tree_shows_the_secretarys_branch_and_group_indented(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("organizations:tree"))
    orgs = response.context["organizations"]
    assert [o.name for o in orgs] == ["A支部", "A支部第一党小组"]
    assert [o.indent for o in orgs] == [0, 1]


def test_tree_search_by_name(client, world, street_staff):
    client.force_login(street_staff)
    response = client.get(reverse("organizations:tree"), {"q": "C支"})
    assert [o.name for o in response.context["organizations"]] == ["C支部"]


def test_tree_hides_dissolved_unless_asked(client, world, street_staff):
    world.branch_c.dissolved_on = "2025-01-01"
    world.branch_c.save()
    client.force_login(street_staff)
    names = {o.name for o in client.get(reverse("organizations:tree")).context["organizations"]}
    assert "C支部" not in names
    response = client.get(reverse("organizations:tree"), {"include_dissolved": "true"})
    assert "C支部" in {o.name for o in response.context["organizations"]}


def test_tree_with_unknown_kind_shows_a_message_not_an_error(client, world, street_staff):
    client.force_login(street_staff)
    response = client.get(reverse("organizations:tree"), {"kind": "nonsense"})
    assert response.status_code == 200


def test_detail_breadcrumb_leaves_out_ancestors_above_the_scope(
    client, world, secretary_a, street_staff
):
    client.force_login(secretary_a)
    response = client.get(reverse("organizations:detail", args=[world.group_a.pk]))
    assert [a.name for a in response.context["ancestors"]] == ["A支部"]
    client.force_login(street_staff)
    response = client.get(reverse("organizations:detail", args=[world.group_a.pk]))
    assert len(response.context["ancestors"]) == 3


def test_detail_masks_phone_numbers_of_post_holders(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("organizations:detail", args=[world.branch_a.pk]))
    content = response.content.decode()
    assert secretary_a.phone not in content
    assert secretary_a.phone[:3] + "****" + secretary_a.phone[-4:] in content


@pytest.fixture
def committee_of_a(world, secretary_a, time_machine):
    """Branch A elected 5 seats; 3 people hold committee posts (the secretary is also the
    propaganda member), posted in an order that is neither rank nor alphabet."""
    time_machine.move_to("2026-06-01 09:00 +08:00")
    CommitteeTermFactory(organization=world.branch_a, elected_on=datetime.date(2024, 3, 1))
    member = UserFactory(username="member_a", first_name="", last_name="委员甲")
    deputy = UserFactory(username="deputy_a", first_name="", last_name="副书记乙")
    PostFactory(
        user=member,
        organization=world.branch_a,
        role=Role.COMMITTEE_MEMBER,
        started_on=datetime.date(2023, 1, 1),
    )
    PostFactory(user=deputy, organization=world.branch_a, role=Role.DEPUTY_SECRETARY)
    PostFactory(user=secretary_a, organization=world.branch_a, role=Role.PROPAGANDA_MEMBER)
    return {"secretary": secretary_a, "deputy": deputy, "member": member}


def test_detail_lists_the_secretary_first_then_the_deputy_then_the_members(
    client, world, committee_of_a, english
):
    client.force_login(committee_of_a["secretary"])
    response = client.get(reverse("organizations:detail", args=[world.branch_a.pk]))
    posts = response.context["organization"].active_posts
    assert [p.role for p in posts] == [
        Role.SECRETARY,
        Role.DEPUTY_SECRETARY,
        Role.PROPAGANDA_MEMBER,
        Role.COMMITTEE_MEMBER,
    ]


def test_detail_shows_the_committee_held_against_its_seats(client, world, committee_of_a):
    client.force_login(committee_of_a["secretary"])
    response = client.get(reverse("organizations:detail", args=[world.branch_a.pk]))
    terms = response.content.decode().split('data-testid="committee-terms"')[1].split("</ul>")[0]
    assert "委员 3 名（定额 5 名）" in terms
    assert "委员 5 名" not in terms


def _grow(world, branches: int):
    for _ in range(branches):
        new = branch(world.community1)
        party_group(new)
        CommitteeTermFactory(organization=new)


def test_tree_query_count_does_not_grow_with_the_tree(
    client, world, street_staff, django_assert_num_queries
):
    client.force_login(street_staff)
    client.get(reverse("organizations:tree"))  # warm the session
    # session, user, scope (posts, assignments), tree size, organizations, reminders
    with django_assert_num_queries(7):
        client.get(reverse("organizations:tree"))
    _grow(world, 20)
    with django_assert_num_queries(7):
        response = client.get(reverse("organizations:tree"))
    assert len(response.context["organizations"]) > 40


def test_detail_query_count_does_not_grow_with_children(
    client, world, street_staff, django_assert_num_queries
):
    client.force_login(street_staff)
    url = reverse("organizations:detail", args=[world.community1.pk])
    client.get(url)
    with django_assert_num_queries(13) as small:
        client.get(url)
    _grow(world, 15)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["organization"].child_list) == 17


def test_a_large_tree_opens_two_levels_deep(client, world, street_staff, monkeypatch):
    from organizations import selectors

    monkeypatch.setattr(selectors, "FULL_TREE_LIMIT", 5)
    client.force_login(street_staff)
    response = client.get(reverse("organizations:tree"))
    assert {o.depth for o in response.context["organizations"]} == {1, 2}
    assert response.context["collapsed"]
    response = client.get(reverse("organizations:tree"), {"q": "支部"})
    assert world.group_a in response.context["organizations"]
