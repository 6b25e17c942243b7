"""The co-building API: the lists scoped by community, agreements by branch, writes through
the services with a 400 naming the field, 403 for readers, 404 outside the scope."""

import datetime

import pytest

from activities.models import Need, NeedStatus, PairingAgreement, ProjectUnit
from activities.tests.factories import NeedFactory, ProjectFactory
from activities.tests.support.cobuilding import (
    AgreementFactory,
    ResourceFactory,
    ids,
    served,
    service_activity,
    two_new_in,
    unit_in,
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_anonymous_is_refused(client, world):
    for url in (
        "/api/co-building-needs/",
        "/api/co-building-resources/",
        "/api/co-building-projects/",
        "/api/pairing-agreements/",
        "/api/volunteer-hours/",
    ):
        assert client.get(url).status_code in (401, 403), url


def test_lists_are_scoped_by_community(client, world, secretary_a):
    mine = NeedFactory(community=world.community1.community)
    other = NeedFactory(community=world.community2.community)
    resource = ResourceFactory(unit=unit_in(world.community1))
    ResourceFactory(unit=unit_in(world.community2))
    client.force_login(secretary_a)
    assert ids(client.get("/api/co-building-needs/")) == {mine.pk}
    assert client.get(f"/api/co-building-needs/{other.pk}/").status_code == 404
    assert ids(client.get("/api/co-building-resources/")) == {resource.pk}


def test_a_reader_cannot_change_a_need(client, world, secretary_a):
    need = NeedFactory(community=world.community1.community)
    client.force_login(secretary_a)
    response = client.patch(
        f"/api/co-building-needs/{need.pk}/", {"title": "x"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_community_staff_creates_and_changes_a_need(client, world, community_staff):
    client.force_login(community_staff)
    response = client.post(
        "/api/co-building-needs/",
        {
            "community": world.community1.community.pk,
            "title": "助老",
            "category": "volunteers",
            "raised_on": "2026-11-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == NeedStatus.OPEN
    pk = response.json()["id"]
    response = client.patch(
        f"/api/co-building-needs/{pk}/", {"status": "met"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "met"


def test_a_need_of_a_community_not_managed_is_a_400_naming_the_field(
    client, world, secretary_a, english
):
    client.force_login(secretary_a)
    response = client.post(
        "/api/co-building-needs/",
        {
            "community": world.community1.community.pk,
            "title": "x",
            "category": "funds",
            "raised_on": "2026-11-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "community" in response.json()
    assert not Need.objects.exists()


def test_projects_show_units_and_commitments_and_add_a_unit(client, world, community_staff):
    project = ProjectFactory(community=world.community1.community)
    unit = unit_in(world.community1)
    client.force_login(community_staff)
    response = client.post(
        f"/api/co-building-projects/{project.pk}/units/",
        {"unit": unit.pk, "commitment": "提供场地"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["units"] == [
        {
            "id": ProjectUnit.objects.get().pk,
            "unit": unit.pk,
            "unit_name": unit.name,
            "commitment": "提供场地",
            "joined_on": None,
        }
    ]


def test_adding_a_unit_of_another_community_is_a_400(client, world, street_staff, english):
    project = ProjectFactory(community=world.community1.community)
    client.force_login(street_staff)
    response = client.post(
        f"/api/co-building-projects/{project.pk}/units/",
        {"unit": unit_in(world.community2).pk, "commitment": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "not stationed in the project's community" in " ".join(response.json()["unit"])


def test_a_project_is_created_with_its_needs(client, world, community_staff):
    need = NeedFactory(community=world.community1.community)
    client.force_login(community_staff)
    response = client.post(
        "/api/co-building-projects/",
        {
            "community": world.community1.community.pk,
            "title": "p",
            "starts_on": "2026-11-01",
            "needs": [need.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["needs"] == [need.pk]
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED


def test_agreements_are_scoped_by_branch_and_ended(client, world, secretary_a):
    mine = AgreementFactory(branch=world.branch_a, unit=unit_in(world.community1))
    theirs = AgreementFactory(branch=world.branch_b, unit=unit_in(world.community1))
    client.force_login(secretary_a)
    assert ids(client.get("/api/pairing-agreements/")) == {mine.pk}
    assert client.post(f"/api/pairing-agreements/{theirs.pk}/end/").status_code == 404
    response = client.post(f"/api/pairing-agreements/{mine.pk}/end/")
    assert response.status_code == 200
    assert response.json()["ends_on"] == "2026-11-26" and response.json()["in_force"] is False


def test_an_agreement_with_two_partners_is_a_400(client, world, secretary_a, english):
    client.force_login(secretary_a)
    response = client.post(
        "/api/pairing-agreements/",
        {
            "branch": world.branch_a.pk,
            "unit": unit_in(world.community1).pk,
            "two_new": two_new_in(world.community1).pk,
            "signed_on": "2026-11-01",
            "content": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "two_new" in response.json()
    assert not PairingAgreement.objects.exists()


def test_an_agreement_is_created(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(
        "/api/pairing-agreements/",
        {
            "branch": world.branch_a.pk,
            "two_new": two_new_in(world.community1).pk,
            "signed_on": "2026-11-01",
            "content": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["in_force"] is True


def test_volunteer_hours_per_member(client, world, secretary_a, english):
    activity = service_activity(world.branch_a, held_on=datetime.date(2026, 3, 1))
    row = served(activity, hours="2.5")
    served(service_activity(world.branch_b), hours="9")
    client.force_login(secretary_a)
    [result] = client.get("/api/volunteer-hours/", {"year": 2026}).json()["results"]
    assert (result["member"], result["hours"], result["activities"]) == (row.member_id, "2.5", 1)
    assert client.get("/api/volunteer-hours/", {"year": 2025}).json()["results"] == []
    assert client.get("/api/volunteer-hours/", {"year": "99999"}).status_code == 400
    other = world.branch_b.pk
    assert client.get("/api/volunteer-hours/", {"organization": other}).status_code == 404


def test_the_project_list_query_count_does_not_grow(
    client, world, community_staff, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            project = ProjectFactory(community=world.community1.community)
            unit = unit_in(world.community1)
            project.participants.create(unit=unit, commitment="x")
            project.needs.add(NeedFactory(community=project.community))
            project.resources.add(ResourceFactory(unit=unit))

    client.force_login(community_staff)
    add(1)
    # session, user, posts, grid assignments, count, projects, needs, resources, participants
    with django_assert_num_queries(9):
        client.get("/api/co-building-projects/")
    add(4)
    with django_assert_num_queries(9):
        assert len(ids(client.get("/api/co-building-projects/"))) == 5
