"""Reports over the API: scoped like the pages, created and moved through their steps by
the same services; refusals are 400s naming the field, out of scope is a 404."""

import datetime

import pytest

from accounts.tests.factories import UserFactory
from activities.models import Report, ReportState
from activities.services import reports as services
from activities.tests.support.reports import (
    API,
    activity_of,
    draft_of,
    give_post,
    submitted_of,
    url,
)
from organizations.models import Role

D = datetime.date
QUEUE = "/api/review-queue/"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 09:00 +08:00")


def test_reports_are_listed_within_the_scope(client, world, secretary_a, secretary_b):
    mine = draft_of(world.branch_a, secretary_a)
    other = draft_of(world.branch_b, secretary_b)
    client.force_login(secretary_a)
    assert [r["id"] for r in client.get(API).json()["results"]] == [mine.pk]
    assert client.get(url(other)).status_code == 404
    body = client.get(url(mine)).json()
    assert body["actions"] == ["edit", "submit"]
    assert body["events"][0]["action"] == "created"


def test_anonymous_api_is_refused(client, world):
    assert client.get(API).status_code in (401, 403)
    assert client.get(QUEUE).status_code in (401, 403)


def test_the_round_over_the_api(client, world, secretary_a, community_staff):
    activity = activity_of(world.branch_a)
    client.force_login(secretary_a)
    response = client.post(API, {"activity": activity.pk}, content_type="application/json")
    assert response.status_code == 201
    report = Report.objects.get(pk=response.json()["id"])
    assert client.post(url(report, "submit")).json()["state"] == "submitted"
    client.force_login(community_staff)
    response = client.post(url(report, "return"), {"comments": "补充出勤"})
    assert response.status_code == 200 and response.json()["state"] == "returned"
    client.force_login(secretary_a)
    response = client.post(url(report, "resubmit"))
    assert response.status_code == 400 and "report" in response.json()
    response = client.patch(url(report), {"remarks": "已补充"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["remarks"] == "已补充"
    assert client.post(url(report, "resubmit")).json()["state"] == "submitted"
    client.force_login(community_staff)
    body = client.post(url(report, "approve"), {"comments": "同意"}).json()
    assert (body["state"], body["review_comments"]) == ("approved", "同意")
    assert [e["action"] for e in body["events"]] == [
        "created",
        "submitted",
        "returned",
        "edited",
        "resubmitted",
        "approved",
    ]


def test_refusals_are_400s_naming_the_field(client, world, secretary_a, community_staff, english):
    report = submitted_of(world.branch_a, secretary_a)
    client.force_login(community_staff)
    response = client.post(url(report, "return"), {"comments": ""})
    assert response.status_code == 400 and "comments" in response.json()
    client.force_login(secretary_a)
    response = client.patch(url(report), {"remarks": "x"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["state"] == ["A submitted report cannot be changed until it is returned"]
    client.force_login(community_staff)
    client.post(url(report, "approve"))
    response = client.post(url(report, "approve"))
    assert response.status_code == 400
    assert response.json()["state"] == ["This report was already approved."]


def test_approving_ones_own_report_is_a_400(client, world, secretary_a, english):
    give_post(secretary_a, world.community1, Role.STAFF)
    report = submitted_of(world.branch_a, secretary_a)
    client.force_login(secretary_a)
    response = client.post(url(report, "approve"))
    assert response.status_code == 400
    assert response.json()["reviewer"] == ["You cannot approve your own report"]


def test_a_reviewer_not_above_is_refused(client, world, secretary_a, secretary_b):
    report = submitted_of(world.branch_a, secretary_a)
    client.force_login(secretary_b)
    assert client.post(url(report, "approve")).status_code == 404
    deputy = UserFactory(username="deputy_a")
    give_post(deputy, world.branch_a, Role.DEPUTY_SECRETARY)
    client.force_login(deputy)
    assert client.post(url(report, "approve")).status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_a_summary_is_created_over_the_api(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(
        API,
        {"organization": world.branch_a.pk, "kind": "monthly", "period_start": "2026-10-01"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["summary"]["period"] == "2026-10"
    response = client.post(
        API, {"organization": world.branch_a.pk}, content_type="application/json"
    )
    assert response.status_code == 400 and {"kind", "period_start"} <= set(response.json())
    response = client.post(
        API,
        {"organization": world.branch_a.pk, "kind": "activity", "period_start": "2026-10-01"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "kind" in response.json()


def test_out_of_scope_input_is_refused(client, world, secretary_b):
    client.force_login(secretary_b)
    response = client.post(
        API, {"activity": activity_of(world.branch_a).pk}, content_type="application/json"
    )
    assert response.status_code == 400 and "activity" in response.json()
    assert not Report.objects.exists()


def test_the_review_queue_over_the_api(client, world, secretary_a, street_staff, community_staff):
    for branch in (world.branch_a, world.branch_b):
        submitted_of(branch, secretary_a if branch == world.branch_a else street_staff)
    c = submitted_of(world.branch_c, street_staff)
    client.force_login(community_staff)
    rows = client.get(QUEUE).json()["results"]
    assert [r["organization"] for r in rows] == [world.branch_a.pk, world.branch_b.pk]
    assert rows[0]["days_waiting"] == 0 and rows[0]["activity_type"] == "themed_party_day"
    client.force_login(street_staff)
    rows = client.get(QUEUE, {"community": world.community1.community_id}).json()["results"]
    assert [r["organization"] for r in rows] == [world.branch_a.pk]  # B and C are their own
    assert c.pk not in [r["id"] for r in rows]
    response = client.get(QUEUE, {"waiting_since": "yesterday"})
    assert response.status_code == 400 and "waiting_since" in response.json()


def test_the_review_queue_api_runs_the_same_queries_for_any_length(
    client, world, community_staff, django_assert_num_queries
):
    author = UserFactory(username="author", is_superuser=True)
    submitted_of(world.branch_a, author)
    client.force_login(community_staff)
    # session, user, posts, grid assignments, the count, the page
    with django_assert_num_queries(6):
        client.get(QUEUE)
    for _ in range(5):
        submitted_of(world.branch_b, author)
    with django_assert_num_queries(6):
        assert len(client.get(QUEUE).json()["results"]) == 6


def test_the_report_list_api_runs_the_same_queries_for_any_length(
    client, world, secretary_a, community_staff, django_assert_num_queries
):
    report = submitted_of(world.branch_a, secretary_a)
    services.report_return(user=community_staff, report=report, comments="x")
    client.force_login(secretary_a)
    # session, user, posts, grid assignments, the count, the page, the steps
    with django_assert_num_queries(7):
        client.get(API)
    for _ in range(5):
        submitted_of(world.branch_a, secretary_a)
    with django_assert_num_queries(7):
        assert len(client.get(API).json()["results"]) == 6
