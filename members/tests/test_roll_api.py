"""The roll API: scoped and masked reads, logged unmasking, writes through the rules."""

import pytest

from members.models import Member, SensitiveAccess
from members.tests.factories import MemberFactory
from organizations.tests.factories import PostFactory


@pytest.fixture
def members(world):
    return MemberFactory(organization=world.branch_a), MemberFactory(organization=world.branch_b)


def test_api_lists_only_the_scope_with_masked_fields(client, members, secretary_a):
    mine, other = members
    client.force_login(secretary_a)
    rows = client.get("/api/members/").json()["results"]
    assert [r["id"] for r in rows] == [mine.pk]
    assert rows[0]["id_number"] != mine.id_number and rows[0]["id_number"].endswith(
        mine.id_number[-4:]
    )
    assert "****" in rows[0]["phone"]
    assert client.get(f"/api/members/{other.pk}/").status_code == 404


def test_unmasked_api_is_logged_per_member(client, members, secretary_a):
    mine, _ = members
    client.force_login(secretary_a)
    rows = client.get("/api/members/", {"unmask": "1"}).json()["results"]
    assert rows[0]["id_number"] == mine.id_number
    assert SensitiveAccess.objects.filter(member=mine, channel="api", user=secretary_a).count() == 1


def test_unmask_without_permission_is_403(client, members, world):
    viewer = PostFactory(organization=world.branch_a, role="committee_member").user
    client.force_login(viewer)
    assert client.get("/api/members/", {"unmask": "1"}).status_code == 403
    assert client.get("/api/members/").status_code == 200


def test_api_create_goes_through_the_rules(client, world, secretary_a):
    client.force_login(secretary_a)
    data = {
        "name": "孙八",
        "gender": "F",
        "birth_date": "1990-03-08",
        "id_number": "51010419900307004X",
        "employment": "employed",
        "status": "full",
        "joined_on": "2015-07-01",
        "full_member_on": "2016-07-01",
        "organization": world.branch_a.pk,
    }
    response = client.post("/api/members/", data, content_type="application/json")
    assert response.status_code == 400
    assert "birth_date" in response.json()
    assert not Member.objects.exists()
    data["birth_date"] = "1990-03-07"
    response = client.post("/api/members/", data, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["id_number"] == "5101**********004X"


def test_api_create_in_another_branch_is_refused(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(
        "/api/members/",
        {"name": "x", "organization": world.branch_b.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "organization" in response.json()


def test_api_patch_cannot_move_a_membership(client, members, world, secretary_a):
    mine, _ = members
    client.force_login(secretary_a)
    response = client.patch(
        f"/api/members/{mine.pk}/",
        {"organization": world.group_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "organization" in response.json()
    response = client.patch(
        f"/api/members/{mine.pk}/", {"address": "兰苑路1号"}, content_type="application/json"
    )
    assert response.status_code == 200
    mine.refresh_from_db()
    assert mine.address == "兰苑路1号"


def test_api_delete_is_not_allowed(client, members, secretary_a):
    client.force_login(secretary_a)
    assert client.delete(f"/api/members/{members[0].pk}/").status_code == 405


def test_api_list_query_count_does_not_grow(client, world, secretary_a, django_assert_num_queries):
    MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    client.get("/api/members/")
    with django_assert_num_queries(6) as small:
        client.get("/api/members/")
    for _ in range(30):
        MemberFactory(organization=world.branch_a)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/api/members/")
