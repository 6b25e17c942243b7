"""The report pages for every persona: who opens what (404 outside the scope), the actions
each one is offered, refusals shown as messages with nothing saved, and query counts."""

import datetime

import pytest

from accounts.tests.factories import UserFactory
from activities.models import Report, ReportKind, ReportState
from activities.services import reports as services
from activities.tests.factories import AttendanceFactory
from activities.tests.support.reports import (
    activity_of,
    detail,
    draft_of,
    give_post,
    submitted_of,
    texts,
)
from members.tests.factories import MemberFactory
from organizations.models import Role

D = datetime.date
LIST = "/activities/reports/"
NEW = "/activities/reports/new/"
QUEUE = "/activities/reports/review/"


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 09:00 +08:00")


@pytest.fixture
def submitted(world, secretary_a):
    return submitted_of(world.branch_a, secretary_a)


# who opens what


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretary_a", 200),
        ("community_staff", 200),
        ("street_staff", 200),
        ("superuser", 200),
        ("secretary_b", 404),
        ("other_street_staff", 404),
        ("grid_worker", 404),
        ("no_post_user", 404),
    ],
)
def test_a_report_opens_within_the_scope_only(request, client, submitted, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(detail(submitted)).status_code == status
    assert client.get(detail(submitted) + "edit/").status_code in (status, 302, 403)


@pytest.mark.parametrize("step", ["submit", "resubmit", "approve", "return"])
def test_steps_on_another_branchs_report_are_a_404(client, submitted, secretary_b, step):
    client.force_login(secretary_b)
    assert client.post(detail(submitted) + f"{step}/", {"comments": "x"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == ReportState.SUBMITTED


def test_anonymous_users_are_sent_to_log_in(client, submitted):
    for url in (LIST, NEW, QUEUE, detail(submitted)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_steps_are_posted(client, submitted, community_staff):
    client.force_login(community_staff)
    assert client.get(detail(submitted) + "approve/").status_code == 405


# the list


def test_the_list_shows_the_organizations_reports_with_a_state_filter(
    client, world, secretary_a, secretary_b, submitted
):
    draft = draft_of(world.branch_a, secretary_a)
    draft_of(world.branch_b, secretary_b)
    client.force_login(secretary_a)
    response = client.get(LIST)
    assert {r.pk for r in response.context["page"]} == {draft.pk, submitted.pk}
    assert b'data-testid="new-summary"' in response.content
    response = client.get(LIST, {"state": "draft"})
    assert [r.pk for r in response.context["page"]] == [draft.pk]


def test_the_list_runs_the_same_queries_for_any_length(
    client, world, secretary_a, django_assert_num_queries
):
    client.force_login(secretary_a)
    draft_of(world.branch_a, secretary_a)
    # session, user, posts, grid assignments; the count, the first organization that may
    # report; the navbar reminders; the organizations of the summary form; the page
    with django_assert_num_queries(9):
        client.get(LIST)
    for _ in range(5):
        submitted_of(world.branch_a, secretary_a)
        draft_of(world.group_a, secretary_a, code="party_group_meeting")
    with django_assert_num_queries(9):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 11


# creating


def test_a_report_is_created_from_an_activity(client, world, secretary_a):
    activity = activity_of(world.branch_a)
    client.force_login(secretary_a)
    response = client.get(NEW, {"activity": activity.pk})
    assert response.status_code == 200
    assert response.context["reviewing_organization"] == world.community1
    assert not Report.objects.exists()
    response = client.post(NEW, {"activity": activity.pk})
    report = Report.objects.get()
    assert response["Location"] == detail(report)
    assert (report.activity, report.state) == (activity, ReportState.DRAFT)
    # asking again opens the existing report
    assert client.get(NEW, {"activity": activity.pk})["Location"] == detail(report)


def test_another_branchs_activity_cannot_be_reported(client, world, secretary_b):
    activity = activity_of(world.branch_a)
    client.force_login(secretary_b)
    assert client.get(NEW, {"activity": activity.pk}).status_code == 404
    assert client.post(NEW, {"activity": activity.pk}).status_code == 404
    assert client.get(NEW, {"activity": "x"}).status_code == 404
    assert not Report.objects.exists()


def test_a_summary_is_shown_then_created(client, world, secretary_a):
    activity_of(world.branch_a, held_on=D(2026, 10, 12))
    client.force_login(secretary_a)
    query = {"organization": world.branch_a.pk, "kind": "monthly", "period": "2026-10"}
    response = client.get(NEW, query)
    assert response.status_code == 200
    assert response.context["summary"]["activities"] == 1
    assert b'data-testid="summary-required"' in response.content
    response = client.post(NEW, query)
    report = Report.objects.get()
    assert response["Location"] == detail(report)
    assert (report.kind, report.period_start) == (ReportKind.MONTHLY, D(2026, 10, 1))


def test_a_quarterly_summary_from_a_month_means_its_quarter(client, world, secretary_a):
    client.force_login(secretary_a)
    query = {"organization": world.branch_a.pk, "kind": "quarterly", "period": "2026-08"}
    client.post(NEW, query)
    assert Report.objects.get().period_start == D(2026, 7, 1)


def test_bad_summary_input_is_explained(client, world, secretary_a, english):
    client.force_login(secretary_a)
    response = client.get(
        NEW, {"organization": world.branch_a.pk, "kind": "monthly", "period": "2026-Q3"}
    )
    assert response.context["form"].errors["period"] == [
        "A monthly summary is of one month, such as 2026-10."
    ]
    response = client.post(
        NEW, {"organization": world.branch_a.pk, "kind": "monthly", "period": "2026-12"}
    )
    assert response.context["errors"] == [
        "This period has not started: a summary can be drafted from 2026-12-01."
    ]
    assert not Report.objects.exists()


def test_a_summary_of_an_organization_out_of_scope_is_a_404(client, world, secretary_b):
    client.force_login(secretary_b)
    query = {"organization": world.branch_a.pk, "kind": "monthly", "period": "2026-10"}
    assert client.get(NEW, query).status_code == 404
    assert client.post(NEW, query).status_code == 404


def test_a_street_committee_has_nobody_to_report_to(client, world, street_staff, english):
    client.force_login(street_staff)
    query = {"organization": world.street_committee1.pk, "kind": "monthly", "period": "2026-10"}
    response = client.post(NEW, query)
    assert "has no higher organization to report to" in response.context["errors"][0]
    assert not Report.objects.exists()


# the detail and its actions


def test_the_secretary_is_offered_to_edit_and_submit_a_draft(client, world, secretary_a):
    report = draft_of(world.branch_a, secretary_a)
    client.force_login(secretary_a)
    response = client.get(detail(report))
    assert response.context["actions"] == {"edit", "submit"}
    assert b'data-testid="action-submit"' in response.content
    response = client.post(detail(report) + "submit/")
    assert response["Location"] == detail(report)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_the_reviewer_is_offered_to_approve_or_return(client, submitted, community_staff):
    client.force_login(community_staff)
    response = client.get(detail(submitted))
    assert b'data-testid="action-approve"' in response.content
    assert b'data-testid="action-return"' in response.content
    client.post(detail(submitted) + "approve/", {"comments": "同意"})
    submitted.refresh_from_db()
    assert (submitted.state, submitted.review_comments) == (ReportState.APPROVED, "同意")


def test_an_approved_report_is_read_only(client, submitted, secretary_a, community_staff, english):
    services.report_approve(user=community_staff, report=submitted)
    for user in (secretary_a, community_staff):
        client.force_login(user)
        response = client.get(detail(submitted))
        assert response.context["actions"] == set()
        assert b'data-testid="read-only"' in response.content
        assert b'data-testid="report-actions"' not in response.content
    client.force_login(secretary_a)
    response = client.get(detail(submitted) + "edit/")
    assert response["Location"] == detail(submitted)
    assert texts(response) == ["An approved report cannot be changed"]
    response = client.post(detail(submitted) + "edit/", {"title": "x", "remarks": "y"})
    submitted.refresh_from_db()
    assert (submitted.title, submitted.remarks) != ("x", "y")


def test_a_submitted_report_is_not_edited(client, submitted, secretary_a, english):
    client.force_login(secretary_a)
    response = client.post(detail(submitted) + "edit/", {"title": "x", "remarks": "y"})
    assert texts(response) == ["A submitted report cannot be changed until it is returned"]
    submitted.refresh_from_db()
    assert submitted.remarks == ""


def test_returning_without_comments_is_refused_on_the_page(
    client, submitted, community_staff, english
):
    client.force_login(community_staff)
    response = client.post(detail(submitted) + "return/", {"comments": ""})
    assert texts(response) == ["Write what should be corrected before returning the report."]
    submitted.refresh_from_db()
    assert submitted.state == ReportState.SUBMITTED


def test_the_whole_round_on_the_pages(client, submitted, secretary_a, community_staff, english):
    client.force_login(community_staff)
    client.post(detail(submitted) + "return/", {"comments": "请补充照片"})
    client.force_login(secretary_a)
    response = client.get(detail(submitted))
    assert response.context["actions"] == {"edit", "resubmit"}
    assert "请补充照片" in response.content.decode()
    response = client.post(detail(submitted) + "resubmit/")
    assert texts(response) == ["Nothing was corrected since the report was returned"]
    response = client.get(detail(submitted) + "edit/")
    assert b'data-testid="review-comments"' in response.content
    response = client.post(
        detail(submitted) + "edit/", {"title": submitted.title, "remarks": "照片已补充"}
    )
    assert response["Location"] == detail(submitted)
    client.post(detail(submitted) + "resubmit/")
    client.force_login(community_staff)
    client.post(detail(submitted) + "approve/")
    submitted.refresh_from_db()
    assert submitted.state == ReportState.APPROVED
    events = client.get(detail(submitted)).context["events"]
    assert [e.action for e in events] == [
        "created",
        "submitted",
        "returned",
        "edited",
        "resubmitted",
        "approved",
    ]


def test_a_reviewer_sees_no_branch_buttons_on_a_returned_report(client, submitted, community_staff):
    client.force_login(community_staff)
    client.post(detail(submitted) + "return/", {"comments": "请补充照片"})
    response = client.get(detail(submitted))
    assert response.context["actions"] == set()
    assert b'data-testid="action-resubmit"' not in response.content
    assert b'data-testid="action-edit"' not in response.content
    assert client.get(detail(submitted) + "edit/").status_code == 403


def test_the_own_report_of_a_reviewer_above_offers_no_approval(
    client, world, community_staff, english
):
    report = draft_of(world.branch_a, community_staff)
    services.report_submit(user=community_staff, report=report)
    client.force_login(community_staff)
    assert client.get(detail(report)).context["actions"] == set()
    response = client.post(detail(report) + "approve/")
    assert texts(response) == ["You cannot approve your own report"]


def test_a_visible_report_the_user_may_not_review_is_refused(client, submitted, world):
    deputy = UserFactory(username="deputy_a")
    give_post(deputy, world.branch_a, Role.DEPUTY_SECRETARY)
    client.force_login(deputy)
    assert client.post(detail(submitted) + "approve/").status_code == 403


def test_a_summary_detail_shows_its_figures(client, world, secretary_a):
    activity_of(world.branch_a, held_on=D(2026, 10, 12))
    report = services.report_create_summary(
        user=secretary_a, organization=world.branch_a, kind="monthly", period_start=D(2026, 10, 1)
    )
    client.force_login(secretary_a)
    response = client.get(detail(report))
    assert response.context["summary"]["by_type"][0]["count"] == 1
    assert b'data-testid="summary-by-type"' in response.content


# the review queue


@pytest.mark.parametrize(
    ("persona", "count"),
    [
        ("community_staff", 2),
        ("street_staff", 3),
        ("other_street_staff", 0),
        ("secretary_b", 0),
    ],
)
def test_the_review_queue_page(request, client, world, superuser, persona, count):
    author = UserFactory(username="author", is_superuser=True)
    for branch in (world.branch_a, world.branch_b, world.branch_c):
        submitted_of(branch, author)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


def test_the_review_queue_filters_and_bad_filters(client, world, street_staff):
    author = UserFactory(username="author", is_superuser=True)
    for branch in (world.branch_a, world.branch_b, world.branch_c):
        submitted_of(branch, author)
    client.force_login(street_staff)
    response = client.get(QUEUE, {"community": world.community2.community_id})
    assert [r.organization for r in response.context["page"]] == [world.branch_c]
    response = client.get(QUEUE, {"waiting_since": "not a date"})
    assert response.status_code == 200 and response.context["form"].errors


def test_the_new_report_page_offers_the_summary_form(client, world, secretary_a, no_post_user):
    client.force_login(secretary_a)
    response = client.get(NEW)
    assert response.status_code == 200 and b'data-testid="summary-form"' in response.content
    client.force_login(no_post_user)
    assert client.get(NEW).status_code == 403


def test_an_activity_report_shows_the_activity_and_its_attendance(client, world, secretary_a):
    report = draft_of(world.branch_a, secretary_a)
    AttendanceFactory(activity=report.activity, member=MemberFactory(organization=world.branch_a))
    client.force_login(secretary_a)
    response = client.get(detail(report))
    assert response.context["counts"].present == 1
    assert b'data-testid="report-attendance"' in response.content
