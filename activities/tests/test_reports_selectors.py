"""Who sees which reports, and the review queue: the submitted reports strictly below the
user's reviewing posts, oldest first, filtered like the page, in a fixed number of queries."""

import datetime

import pytest

from accounts.tests.factories import UserFactory
from activities.models import ReportKind
from activities.selectors.reports import (
    my_reports_for,
    reports_waiting_count_for,
    review_queue_for,
    visible_reports_for,
)
from activities.services import reports as services
from activities.tests.factories import activity_type
from activities.tests.support.reports import draft_of, names, queue_of, submitted_of, summary_of

D = datetime.date


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 09:00 +08:00")


@pytest.fixture
def author(db):
    return UserFactory(username="author", is_superuser=True, is_staff=True)


@pytest.fixture
def reports(world, author, street_staff, time_machine):
    """A submitted report of every branch and of A's party group, the oldest first, and
    around them a draft and an approved report of A, which wait for nobody."""
    out = {}
    for day, name in enumerate(["branch_a", "branch_b", "branch_c", "branch_d", "group_a"], 1):
        time_machine.move_to(f"2026-11-{day:02d} 10:00 +08:00")
        code = "party_group_meeting" if name == "group_a" else "themed_party_day"
        out[name] = submitted_of(getattr(world, name), author, code=code, held_on=D(2026, 11, 1))
    time_machine.move_to("2026-11-26 09:00 +08:00")
    out["draft"] = draft_of(world.branch_a, author)
    out["approved"] = services.report_approve(
        user=street_staff, report=submitted_of(world.branch_a, author)
    )
    return out


def test_each_reviewer_has_the_reports_below_them_oldest_first(
    world, reports, community_staff, street_staff, other_street_staff, secretary_a, secretary_b
):
    assert queue_of(community_staff) == names(world, "branch_a", "branch_b", "group_a")
    assert queue_of(street_staff) == names(world, "branch_a", "branch_b", "branch_c", "group_a")
    assert queue_of(other_street_staff) == names(world, "branch_d")
    assert queue_of(secretary_a) == names(world, "group_a")  # the branch reviews its group
    assert queue_of(secretary_b) == []
    assert reports_waiting_count_for(community_staff) == 3
    assert reports_waiting_count_for(secretary_b) == 0


def test_users_without_a_reviewing_post_have_an_empty_queue(
    world, reports, grid_worker, no_post_user
):
    assert queue_of(grid_worker) == [] and queue_of(no_post_user) == []
    assert reports_waiting_count_for(no_post_user) == 0


def test_a_superuser_has_every_waiting_report_but_their_own(world, reports, superuser, author):
    assert len(queue_of(superuser)) == 5
    assert queue_of(author) == []


def test_the_queue_leaves_out_what_the_reviewer_created_or_submitted(
    world, community_staff, street_staff
):
    report = draft_of(world.branch_a, community_staff)
    services.report_submit(user=community_staff, report=report)
    assert queue_of(community_staff) == []
    assert queue_of(street_staff) == names(world, "branch_a")


def test_days_waiting_count_from_the_day_of_submission(world, reports, street_staff):
    waiting = {r.organization.name: r.days_waiting.days for r in review_queue_for(street_staff)}
    assert waiting[world.branch_a.name] == 25 and waiting[world.group_a.name] == 21


def test_the_queue_filters(world, reports, street_staff, author):
    assert queue_of(street_staff, community=world.community2.community) == names(world, "branch_c")
    assert queue_of(street_staff, organization=world.branch_a) == names(
        world, "branch_a", "group_a"
    )
    assert queue_of(street_staff, activity_type=activity_type("party_group_meeting")) == names(
        world, "group_a"
    )
    assert queue_of(street_staff, waiting_since=D(2026, 11, 2)) == names(
        world, "branch_a", "branch_b"
    )
    assert queue_of(street_staff, kind=ReportKind.MONTHLY) == []
    summary = summary_of(world.branch_c, author, period_start=D(2026, 10, 1))
    services.report_submit(user=author, report=summary)
    assert queue_of(street_staff, kind=ReportKind.MONTHLY) == names(world, "branch_c")


def test_the_submitting_side_sees_its_own_and_the_reviewing_side_what_is_under_it(
    world, reports, secretary_a, secretary_b, community_staff, other_street_staff
):
    def seen(user):
        return {r.organization.name for r in visible_reports_for(user)}

    assert seen(secretary_a) == set(names(world, "branch_a", "group_a"))
    assert seen(secretary_b) == set(names(world, "branch_b"))
    assert seen(community_staff) == set(names(world, "branch_a", "branch_b", "group_a"))
    assert seen(other_street_staff) == set(names(world, "branch_d"))
    assert {r.state for r in my_reports_for(secretary_a, "draft")} == {"draft"}
    assert my_reports_for(secretary_b).count() == 1


def test_the_queue_page_runs_the_same_queries_for_any_length(
    client, world, author, community_staff, django_assert_num_queries
):
    client.force_login(community_staff)
    url = "/activities/reports/review/"
    submitted_of(world.branch_a, author)
    # session, user, posts, grid assignments; the count, the rule figure, the navbar
    # reminders; communities, organizations and activity types of the filters; the page
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200
    for _ in range(4):
        submitted_of(world.branch_b, author)
        submitted_of(world.group_a, author, code="party_group_meeting")
    with django_assert_num_queries(11):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 9
