"""Co-building pages through their URLs: the overview per persona and the needs and
resources forms; 404 outside the scope, 403 for those who see but may not change."""

import pytest
from django.urls import reverse

from activities.models import Need, NeedStatus, Resource
from activities.tests.factories import NeedFactory
from activities.tests.support.cobuilding import (
    ResourceFactory,
    fill,
    overview_url,
    unit_in,
    with_community,
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(overview_url())
    assert response.status_code == 302 and "login" in response.url


def test_a_secretary_reads_his_communitys_lists_without_changing_them(client, world, secretary_a):
    need = NeedFactory(community=world.community1.community, title="助老需求")
    client.force_login(secretary_a)
    response = client.get(overview_url())
    assert response.status_code == 200
    assert response.context["community"] == world.community1.community
    assert "助老需求" in response.content.decode()
    assert b'data-testid="need-create"' not in response.content
    assert b'data-testid="project-create"' not in response.content
    assert client.get(reverse("activities:need_edit", args=[need.pk])).status_code == 403
    assert (
        client.get(with_community("activities:need_create", world.community1.community)).status_code
        == 403
    )


def test_community_staff_is_offered_the_forms(client, world, community_staff):
    client.force_login(community_staff)
    response = client.get(overview_url())
    for testid in ("need-create", "resource-create", "project-create", "agreement-create"):
        assert f'data-testid="{testid}"'.encode() in response.content


@pytest.mark.parametrize(
    "persona, community, expected",
    [
        ("community_staff", "community2", 404),
        ("secretary_a", "community2", 404),
        ("other_street_staff", "community1", 404),
        ("street_staff", "community2", 200),
        ("superuser", "community2", 200),
    ],
)
def test_a_community_out_of_scope_is_a_404(client, world, request, persona, community, expected):
    client.force_login(request.getfixturevalue(persona))
    target = getattr(world, community).community
    assert client.get(overview_url(target)).status_code == expected


def test_the_picker_lists_the_communities_the_user_sees(client, world, street_staff):
    client.force_login(street_staff)
    response = client.get(overview_url())
    assert set(response.context["communities"]) == {
        world.community1.community,
        world.community2.community,
    }
    assert b'data-testid="community-picker"' in response.content


def test_a_user_without_a_community_gets_an_explanation(client, no_post_user):
    client.force_login(no_post_user)
    response = client.get(overview_url())
    assert response.status_code == 200 and b'data-testid="no-community"' in response.content


def test_the_overview_query_count_does_not_grow(
    client, world, community_staff, django_assert_num_queries
):
    client.force_login(community_staff)
    fill(world, 1)
    # session, user, posts, grid assignments, communities (picker), default community (managed),
    # needs + their projects, resources, projects + participants, agreements, activities and
    # hours of the projects, may-manage, branches for pairing, reminder count
    with django_assert_num_queries(17):
        client.get(overview_url())
    fill(world, 4)
    with django_assert_num_queries(17):
        response = client.get(overview_url())
    assert len(response.context["overview"].projects) == 5


def test_community_staff_records_a_need(client, world, community_staff):
    client.force_login(community_staff)
    url = with_community("activities:need_create", world.community1.community)
    response = client.post(
        url, {"title": "助老", "category": "volunteers", "raised_on": "2026-11-20"}
    )
    assert response.status_code == 302 and response.url.endswith("#needs")
    assert Need.objects.get().community == world.community1.community


def test_a_bad_need_is_shown_again_with_nothing_saved(client, world, community_staff):
    client.force_login(community_staff)
    url = with_community("activities:need_create", world.community1.community)
    response = client.post(url, {"title": "", "category": "volunteers", "raised_on": "x"})
    assert response.status_code == 200
    assert {"title", "raised_on"} <= set(response.context["form"].errors)
    assert not Need.objects.exists()


def test_a_need_cannot_be_marked_matched_by_hand(client, world, community_staff, english):
    need = NeedFactory(community=world.community1.community)
    client.force_login(community_staff)
    response = client.post(
        reverse("activities:need_edit", args=[need.pk]),
        {
            "title": need.title,
            "category": need.category,
            "raised_on": "2026-03-01",
            "status": NeedStatus.MATCHED,
        },
    )
    assert response.status_code == 200
    assert "add it to a project" in " ".join(response.context["form"].errors["status"])


def test_community_staff_records_a_resource_of_a_unit(client, world, community_staff):
    unit = unit_in(world.community1)
    unit_in(world.community2)
    client.force_login(community_staff)
    url = with_community("activities:resource_create", world.community1.community)
    response = client.get(url)
    assert list(response.context["form"].fields["unit"].queryset) == [unit]
    response = client.post(
        url,
        {
            "unit": unit.pk,
            "title": "会议室",
            "category": "venue",
            "offered_on": "2026-11-01",
            "available": "on",
        },
    )
    assert response.status_code == 302
    assert Resource.objects.get().unit == unit


def test_a_resource_is_edited(client, world, community_staff):
    resource = ResourceFactory(unit=unit_in(world.community1))
    client.force_login(community_staff)
    response = client.post(
        reverse("activities:resource_edit", args=[resource.pk]),
        {"title": "新名", "category": "venue", "offered_on": "2026-11-01"},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "新名" and resource.available is False


def test_a_resource_of_another_community_is_a_404(client, world, community_staff):
    resource = ResourceFactory(unit=unit_in(world.community2))
    client.force_login(community_staff)
    assert client.get(reverse("activities:resource_edit", args=[resource.pk])).status_code == 404
