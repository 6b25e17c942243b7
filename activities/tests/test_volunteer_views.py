"""The volunteer service page and the activity-type mix page through their URLs."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from activities.tests.factories import ActivityFactory, ProjectFactory, activity_type
from activities.tests.support.cobuilding import served, service_activity
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


@pytest.mark.parametrize("name", ["activities:volunteer", "activities:type_mix"])
def test_anonymous_is_sent_to_log_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("name", ["activities:volunteer", "activities:type_mix"])
def test_a_user_without_a_post_sees_empty_tables(client, no_post_user, name):
    client.force_login(no_post_user)
    assert client.get(reverse(name)).status_code == 200


def test_the_volunteer_page_shows_this_years_tables(client, world, secretary_a):
    member = MemberFactory(organization=world.branch_a, name="张志愿")
    project = ProjectFactory(community=world.community1.community, title="助老项目")
    served(service_activity(world.branch_a, project=project, network="medical"), member, "3")
    served(service_activity(world.branch_b), hours="8")
    client.force_login(secretary_a)
    response = client.get(reverse("activities:volunteer"))
    html = response.content.decode()
    assert response.context["year"] == 2026
    assert response.context["totals"].hours == D("3")
    assert "张志愿" in html and "助老项目" in html
    for testid in ("top-volunteers", "networks", "by-branch", "by-project", "by-member"):
        assert f'data-testid="{testid}"' in html


def test_the_volunteer_page_takes_a_year_and_an_organization(client, world, community_staff):
    served(service_activity(world.branch_a, held_on=datetime.date(2025, 12, 31)), hours="1")
    served(service_activity(world.branch_b), hours="2")
    client.force_login(community_staff)
    url = reverse("activities:volunteer")
    assert client.get(url, {"year": 2025}).context["totals"].hours == D("1")
    response = client.get(url, {"organization": world.branch_b.pk})
    assert response.context["totals"].hours == D("2")
    assert client.get(url, {"organization": world.branch_c.pk}).status_code == 404
    assert client.get(url, {"year": "abc"}).status_code == 404


def test_the_volunteer_page_query_count_does_not_grow(
    client, world, community_staff, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            project = ProjectFactory(community=world.community1.community)
            served(service_activity(world.branch_a, project=project, network="medical"))
            served(service_activity(world.group_a), MemberFactory(organization=world.branch_a))

    client.force_login(community_staff)
    add(1)
    # session, user, posts, grid assignments, paginator count, members page, totals (2),
    # by branch (2), by project (2), top 10, networks (2), organizations filter, reminder count
    with django_assert_num_queries(17):
        client.get(reverse("activities:volunteer"))
    add(4)
    with django_assert_num_queries(17):
        response = client.get(reverse("activities:volunteer"))
    assert len(response.context["page"].object_list) == 10


def test_the_mix_page_shows_shares_and_bars(client, world, secretary_a):
    for form in ("reading", "reading", "practice", "discussion"):
        ActivityFactory(organization=world.branch_a, form=form)
    client.force_login(secretary_a)
    response = client.get(reverse("activities:type_mix"))
    html = response.content.decode()
    assert response.context["mix"].total == 4
    assert 'data-testid="reading-share">50%' in html
    assert 'data-width="50"' in html
    assert 'data-testid="mix-categories"' in html and 'data-testid="mix-forms"' in html


def test_the_mix_page_takes_a_quarter_and_an_organization(client, world, community_staff):
    ActivityFactory(organization=world.branch_a, held_on=datetime.date(2026, 9, 30))
    ActivityFactory(organization=world.branch_b, held_on=datetime.date(2026, 10, 1))
    client.force_login(community_staff)
    url = reverse("activities:type_mix")
    assert client.get(url, {"year": 2026, "quarter": 4}).context["mix"].total == 1
    assert client.get(url, {"organization": world.branch_a.pk}).context["mix"].total == 1
    assert client.get(url, {"quarter": 5}).status_code == 404
    assert client.get(url, {"organization": world.branch_d.pk}).status_code == 404


def test_the_mix_page_query_count_does_not_grow(
    client, world, community_staff, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            ActivityFactory(organization=world.branch_a, form="reading")
            ActivityFactory(
                organization=world.branch_b,
                activity_type=activity_type("volunteer_service"),
                form="practice",
            )

    client.force_login(community_staff)
    add(1)
    # session, user, posts, grid assignments, mix, mix per organization, organizations
    # filter, reminder count
    with django_assert_num_queries(8):
        client.get(reverse("activities:type_mix"))
    add(4)
    with django_assert_num_queries(8):
        response = client.get(reverse("activities:type_mix"))
    assert response.context["mix"].total == 10


def test_the_mix_compares_organizations_fifty_to_a_page(client, world, superuser):
    from organizations.tests.factories import branch

    for n in range(55):
        ActivityFactory(organization=branch(world.community2, name=f"对比支部{n:02d}"))
    client.force_login(superuser)
    url = reverse("activities:type_mix")
    first = client.get(url, {"year": 2026})
    assert len(first.context["by_organization"].object_list) == 50
    second = client.get(url, {"year": 2026, "page": 2})
    assert len(second.context["by_organization"].object_list) == 5
    assert "year=2026" in second.content.decode()  # the pages keep the filters
