"""The home page's activities card: what is still open, what waits for review, what came back."""

import datetime
import os

import pytest
import time_machine
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.services import reports as report_services
from activities.tests.factories import ActivityFactory, activity_type
from activities.tests.support.reports import submitted_of
from config.db_routers import (
    AFTER_WRITE_COOKIE,
    PRIMARY,
    REPLICA,
    ReplicaRouter,
    reads_from_replica,
)
from organizations.models import Organization
from organizations.tests.factories import branch

pytestmark = pytest.mark.usefixtures("_fixed_day")


def need_form(world) -> str:
    """A form page: a need of the street's first community, to be recorded."""
    return f"{reverse('activities:need_create')}?community={world.community1.community_id}"


@pytest.fixture
def _fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 26, 10, 0), tick=False):
        yield


def labels(response) -> list[str]:
    return [item["label"] for item in response.context["activities"]["missing"]]


def test_a_secretary_sees_this_months_themed_party_day_until_it_is_held(
    client, world, secretary_a, english
):
    client.force_login(secretary_a)
    response = client.get(reverse("home"))
    assert "themed party day" in labels(response)
    assert "branch general meeting" in labels(response)  # this quarter's

    ActivityFactory(
        organization=world.branch_a,
        activity_type=activity_type("themed_party_day"),
        held_on=datetime.date(2026, 11, 25),
    )
    response = client.get(reverse("home"))
    assert "themed party day" not in labels(response)
    assert "branch general meeting" in labels(response)


def test_reviewers_see_what_waits_and_secretaries_what_came_back(
    client, world, secretary_a, community_staff
):
    report = submitted_of(world.branch_a, secretary_a)
    client.force_login(community_staff)
    assert client.get(reverse("home")).context["activities"]["waiting_review"] == 1

    report_services.report_return(user=community_staff, report=report, comments="补充照片")
    assert client.get(reverse("home")).context["activities"]["waiting_review"] == 0
    client.force_login(secretary_a)
    response = client.get(reverse("home"))
    assert response.context["activities"]["returned"] == 1
    assert response.context["activities"]["waiting_review"] == 0


def test_the_home_page_of_street_staff_runs_the_same_queries_for_more_branches(
    client, world, street_staff, django_assert_num_queries
):
    client.force_login(street_staff)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    for n in range(6):
        organization = branch(world.community2, name=f"新支部{n}")
        ActivityFactory(organization=organization, held_on=datetime.date(2026, 11, 3))
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("home"))
    assert response.context["activities"]["missing_total"] > 6


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_REPLICA_URL")), reason="DATABASE_REPLICA_URL is set"
)
def test_without_a_replica_everything_reads_from_the_primary(client, world, street_staff):
    """tests/test_read_replica.py has the pages with a replica."""
    assert REPLICA not in connections.settings
    client.force_login(street_staff)

    with CaptureQueriesContext(connections[PRIMARY]) as primary:
        response = client.get(reverse("home"))

    assert response.status_code == 200
    assert any('"organizations_organization"' in q["sql"] for q in primary.captured_queries)
    assert AFTER_WRITE_COOKIE not in client.post(need_form(world), {}).cookies
    with reads_from_replica():
        assert ReplicaRouter().db_for_read(Organization) == PRIMARY
