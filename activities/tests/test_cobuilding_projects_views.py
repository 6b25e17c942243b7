"""A co-building project's pages: recording and editing it, its page with linked activities and
hours, the units taking part."""

from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import NeedStatus, Project, ProjectUnit
from activities.tests.factories import NeedFactory, ProjectFactory
from activities.tests.support.cobuilding import (
    ResourceFactory,
    served,
    service_activity,
    unit_in,
    with_community,
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_a_project_is_recorded_and_its_needs_matched(client, world, community_staff):
    community = world.community1.community
    need = NeedFactory(community=community)
    resource = ResourceFactory(unit=unit_in(world.community1))
    client.force_login(community_staff)
    response = client.post(
        with_community("activities:project_create", community),
        {
            "title": "银龄互助",
            "starts_on": "2026-11-01",
            "status": "active",
            "needs": [need.pk],
            "resources": [resource.pk],
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("activities:project_detail", args=[project.pk])
    need.refresh_from_db()
    assert need.status == NeedStatus.MATCHED


def test_the_project_form_offers_only_its_communitys_lists(client, world, community_staff):
    mine = NeedFactory(community=world.community1.community)
    NeedFactory(community=world.community2.community)
    NeedFactory(community=world.community1.community, status=NeedStatus.DROPPED)
    client.force_login(community_staff)
    response = client.get(with_community("activities:project_create", world.community1.community))
    assert list(response.context["form"].fields["needs"].queryset) == [mine]


def test_the_project_page_shows_linked_activities_and_summed_hours(client, world, community_staff):
    project = ProjectFactory(community=world.community1.community, title="清洁家园")
    first = service_activity(world.branch_a, project=project, topic="清扫楼道")
    second = service_activity(world.branch_b, project=project, topic="义诊")
    served(first, hours="2")
    served(first, hours="1.5")
    served(second, hours="3")
    service_activity(world.branch_a, topic="无关活动")
    client.force_login(community_staff)
    response = client.get(reverse("activities:project_detail", args=[project.pk]))
    html = response.content.decode()
    assert "清扫楼道" in html and "义诊" in html and "无关活动" not in html
    assert response.context["detail"].figures.hours == Decimal("6.5")
    assert 'data-testid="project-hours">6.5<' in html


def test_the_project_page_query_count_does_not_grow(
    client, world, community_staff, django_assert_num_queries
):
    project = ProjectFactory(community=world.community1.community)

    def add(n):
        for _ in range(n):
            unit = unit_in(world.community1)
            project.participants.create(unit=unit, commitment="x")
            project.needs.add(NeedFactory(community=project.community))
            project.resources.add(ResourceFactory(unit=unit))
            served(service_activity(world.branch_a, project=project))

    client.force_login(community_staff)
    url = reverse("activities:project_detail", args=[project.pk])
    add(1)
    # session, user, posts, grid assignments, project, needs, resources, participants,
    # activities, attendance, may-manage, unit choices, reminder count
    with django_assert_num_queries(13):
        client.get(url)
    add(4)
    with django_assert_num_queries(13):
        response = client.get(url)
    assert len(response.context["detail"].activities) == 5


def test_a_unit_is_added_to_a_project_on_its_page(client, world, community_staff, english):
    project = ProjectFactory(community=world.community1.community)
    unit = unit_in(world.community1)
    client.force_login(community_staff)
    url = reverse("activities:project_unit_add", args=[project.pk])
    response = client.post(url, {"unit": unit.pk, "commitment": ""})
    assert response.status_code == 200 and "commitment" in response.context["unit_form"].errors
    response = client.post(url, {"unit": unit.pk, "commitment": "提供场地"})
    assert response.status_code == 302
    participant = ProjectUnit.objects.get()
    assert participant.commitment == "提供场地"
    response = client.post(reverse("activities:project_unit_remove", args=[participant.pk]))
    assert response.status_code == 302 and not ProjectUnit.objects.exists()


def test_a_unit_of_another_community_is_not_offered(client, world, street_staff):
    project = ProjectFactory(community=world.community1.community)
    foreign = unit_in(world.community2)
    client.force_login(street_staff)
    response = client.post(
        reverse("activities:project_unit_add", args=[project.pk]),
        {"unit": foreign.pk, "commitment": "x"},
    )
    assert response.status_code == 200 and "unit" in response.context["unit_form"].errors
    assert not ProjectUnit.objects.exists()


def test_a_secretary_cannot_change_a_project(client, world, secretary_a):
    project = ProjectFactory(community=world.community1.community)
    client.force_login(secretary_a)
    assert client.get(reverse("activities:project_detail", args=[project.pk])).status_code == 200
    assert client.get(reverse("activities:project_edit", args=[project.pk])).status_code == 403
    response = client.post(
        reverse("activities:project_unit_add", args=[project.pk]),
        {"unit": unit_in(world.community1).pk, "commitment": "x"},
    )
    assert response.status_code == 403


def test_another_streets_project_is_a_404(client, world, other_street_staff):
    project = ProjectFactory(community=world.community1.community)
    client.force_login(other_street_staff)
    for name in ("project_detail", "project_edit"):
        assert client.get(reverse(f"activities:{name}", args=[project.pk])).status_code == 404
    response = client.post(reverse("activities:project_unit_add", args=[project.pk]))
    assert response.status_code == 404


def test_a_project_is_edited(client, world, community_staff):
    project = ProjectFactory(community=world.community1.community)
    client.force_login(community_staff)
    response = client.post(
        reverse("activities:project_edit", args=[project.pk]),
        {"title": "改名", "starts_on": "2026-03-01", "status": "completed"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "改名" and project.status == "completed"
