"""Co-building pages through their URLs: the overview per persona, the forms, a project's
page, agreements; 404 outside the scope, 403 for those who see but may not change."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import Need, NeedStatus, PairingAgreement, Project, ProjectUnit, Resource
from activities.tests.factories import NeedFactory, ProjectFactory
from activities.tests.factories_cobuilding import (
    AgreementFactory,
    ResourceFactory,
    served,
    service_activity,
    two_new_in,
    unit_in,
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def overview_url(community=None):
    url = reverse("activities:cobuilding")
    return f"{url}?community={community.pk}" if community else url


def with_community(name, community):
    return f"{reverse(name)}?community={community.pk}"


# The overview


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


def fill(world, n):
    community = world.community1.community
    for _ in range(n):
        unit = unit_in(world.community1)
        need = NeedFactory(community=community, status=NeedStatus.MATCHED)
        NeedFactory(community=community)
        project = ProjectFactory(community=community)
        project.needs.add(need)
        project.resources.add(ResourceFactory(unit=unit))
        project.participants.create(unit=unit, commitment="x")
        served(service_activity(world.branch_a, project=project))
        AgreementFactory(branch=world.branch_a, unit=unit)


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


# Needs and resources


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


# Projects


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


# Agreements


def test_a_secretary_records_an_agreement_for_his_branch(client, world, secretary_a):
    unit = unit_in(world.community1)
    client.force_login(secretary_a)
    url = with_community("activities:agreement_create", world.community1.community)
    response = client.get(url)
    assert list(response.context["form"].fields["branch"].queryset) == [world.branch_a]
    response = client.post(
        url,
        {
            "branch": world.branch_a.pk,
            "unit": unit.pk,
            "signed_on": "2026-11-20",
            "content": "共建",
        },
    )
    assert response.status_code == 302
    assert PairingAgreement.objects.get().partner == unit


def test_an_agreement_with_both_partners_is_refused_on_the_form(
    client, world, secretary_a, english
):
    client.force_login(secretary_a)
    url = with_community("activities:agreement_create", world.community1.community)
    response = client.post(
        url,
        {
            "branch": world.branch_a.pk,
            "unit": unit_in(world.community1).pk,
            "two_new": two_new_in(world.community1).pk,
            "signed_on": "2026-11-20",
            "content": "x",
        },
    )
    assert response.status_code == 200
    assert "not both" in " ".join(response.context["form"].errors["two_new"])
    assert not PairingAgreement.objects.exists()


def test_a_user_managing_no_branch_cannot_record_agreements(client, world, grid_worker):
    client.force_login(grid_worker)
    assert client.get(reverse("activities:agreement_create")).status_code == 403


def test_an_agreement_is_ended_by_its_branch(client, world, secretary_a, secretary_b):
    agreement = AgreementFactory(branch=world.branch_a, unit=unit_in(world.community1))
    url = reverse("activities:agreement_end", args=[agreement.pk])
    client.force_login(secretary_b)
    assert client.post(url).status_code == 404
    client.force_login(secretary_a)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.ends_on == datetime.date(2026, 11, 26)


def test_ending_an_ended_agreement_shows_the_reason(client, world, secretary_a, english):
    agreement = AgreementFactory(
        branch=world.branch_a, unit=unit_in(world.community1), ends_on=datetime.date(2026, 6, 1)
    )
    client.force_login(secretary_a)
    response = client.post(reverse("activities:agreement_end", args=[agreement.pk]), follow=True)
    assert "already ended on 2026-06-01" in " ".join(str(m) for m in response.context["messages"])
