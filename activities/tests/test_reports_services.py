"""Every step of a report and its refusals: who may take it, from which state, and that a
refusal saves nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import UserFactory
from activities.models import (
    ActivityStatus,
    AttendanceStatus,
    ReportAction,
    ReportEvent,
    ReportKind,
    ReportState,
)
from activities.selectors.reports import activity_locked_by_report
from activities.services import reports as services
from activities.tests.factories import AttendanceFactory
from activities.tests.support.reports import (
    activity_of,
    draft_of,
    give_post,
    refused,
    steps,
    submitted_of,
)
from members.tests.factories import MemberFactory
from organizations.models import Role


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 09:00 +08:00")


# creating


def test_an_activity_report_is_a_draft_addressed_to_the_organization_above(world, secretary_a):
    report = draft_of(world.branch_a, secretary_a)
    assert (report.kind, report.state, report.reviewing_organization) == (
        ReportKind.ACTIVITY,
        ReportState.DRAFT,
        world.community1,
    )
    assert report.created_by == secretary_a
    assert steps(report) == [("created", "draft", "secretary_a", "")]


def test_a_party_groups_report_goes_to_its_branch(world, secretary_a):
    report = draft_of(world.group_a, secretary_a, code="party_group_meeting")
    assert report.reviewing_organization == world.branch_a


def test_an_activity_is_reported_once(world, secretary_a, english):
    report = draft_of(world.branch_a, secretary_a)
    with pytest.raises(ValidationError) as error:
        services.report_create_for_activity(user=secretary_a, activity=report.activity)
    assert "already has a report" in refused(error.value, "activity")


def test_a_planned_activity_is_not_reported(world, secretary_a, english):
    activity = activity_of(
        world.branch_a, status=ActivityStatus.PLANNED, held_on=datetime.date(2026, 12, 5)
    )
    with pytest.raises(ValidationError) as error:
        services.report_create_for_activity(user=secretary_a, activity=activity)
    assert refused(error.value, "activity") == "Only an activity that was held can be reported."


def test_an_organization_without_a_higher_one_cannot_report(world, street_staff, english):
    activity = activity_of(world.street_committee1, code="cultural")
    with pytest.raises(ValidationError) as error:
        services.report_create_for_activity(user=street_staff, activity=activity)
    assert "has no higher organization to report to" in refused(error.value, "organization")


def test_only_managers_of_the_organization_create_its_reports(world, secretary_b):
    with pytest.raises(PermissionDenied):
        services.report_create_for_activity(user=secretary_b, activity=activity_of(world.branch_a))


# submitting


def test_submitting_a_draft_records_who_when_and_a_fingerprint(world, secretary_a):
    report = submitted_of(world.branch_a, secretary_a)
    assert report.state == ReportState.SUBMITTED
    assert report.submitted_by == secretary_a and report.submitted_at is not None
    assert len(report.fingerprint) == 64
    assert steps(report)[-1] == ("submitted", "submitted", "secretary_a", "")


def test_a_submitted_report_is_not_submitted_twice(world, secretary_a, english):
    report = submitted_of(world.branch_a, secretary_a)
    with pytest.raises(ValidationError) as error:
        services.report_submit(user=secretary_a, report=report)
    assert refused(error.value, "state") == (
        "A submitted report cannot be changed until it is returned"
    )


def test_another_branch_cannot_submit(world, secretary_a, secretary_b):
    report = draft_of(world.branch_a, secretary_a)
    with pytest.raises(PermissionDenied):
        services.report_submit(user=secretary_b, report=report)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


# approving


def test_community_staff_approve_a_branch_report(world, secretary_a, community_staff):
    report = submitted_of(world.branch_a, secretary_a)
    report = services.report_approve(user=community_staff, report=report, comments="很好")
    assert (report.state, report.reviewed_by, report.review_comments) == (
        ReportState.APPROVED,
        community_staff,
        "很好",
    )
    assert steps(report)[-1] == ("approved", "approved", "community_staff", "很好")
    assert report.is_read_only


def test_street_staff_may_approve_too_and_a_superuser(world, secretary_a, street_staff, superuser):
    first = submitted_of(world.branch_a, secretary_a)
    second = submitted_of(world.branch_a, secretary_a)
    assert services.report_approve(user=street_staff, report=first).state == "approved"
    assert services.report_approve(user=superuser, report=second).state == "approved"


def test_the_branch_secretary_reviews_the_party_groups_report(world, secretary_a):
    leader = UserFactory(username="group_leader")
    give_post(leader, world.branch_a, Role.ORGANIZATION_MEMBER)
    report = submitted_of(world.group_a, leader, code="party_group_meeting")
    assert services.report_approve(user=secretary_a, report=report).state == "approved"


def test_approving_twice_is_refused(world, secretary_a, community_staff, street_staff, english):
    report = submitted_of(world.branch_a, secretary_a)
    services.report_approve(user=community_staff, report=report)
    with pytest.raises(ValidationError) as error:
        services.report_approve(user=street_staff, report=report)
    assert refused(error.value, "state") == "This report was already approved."
    assert [s[0] for s in steps(report)].count("approved") == 1


def test_approving_ones_own_report_is_refused_even_for_a_reviewer_above(
    world, secretary_a, english
):
    # the secretary of A also works for the community committee, which reviews A
    give_post(secretary_a, world.community1, Role.STAFF)
    report = submitted_of(world.branch_a, secretary_a)
    with pytest.raises(ValidationError) as error:
        services.report_approve(user=secretary_a, report=report)
    assert refused(error.value, "reviewer") == "You cannot approve your own report"
    with pytest.raises(ValidationError) as error:
        services.report_return(user=secretary_a, report=report, comments="x")
    assert refused(error.value, "reviewer") == "You cannot return your own report"
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_whoever_created_the_report_cannot_approve_it(world, community_staff, street_staff):
    report = draft_of(world.branch_a, community_staff)
    services.report_submit(user=street_staff, report=report)
    for user in (community_staff, street_staff):
        with pytest.raises(ValidationError):
            services.report_approve(user=user, report=report)


def test_a_reviewer_not_above_the_organization_is_refused(world, secretary_a, secretary_b):
    report = submitted_of(world.branch_a, secretary_a)
    with pytest.raises(PermissionDenied):
        services.report_approve(user=secretary_b, report=report)
    deputy = UserFactory(username="deputy_a")
    give_post(deputy, world.branch_a, Role.DEPUTY_SECRETARY)
    with pytest.raises(PermissionDenied):  # the branch itself is not above its own report
        services.report_approve(user=deputy, report=report)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_a_draft_is_not_approved(world, secretary_a, community_staff, english):
    report = draft_of(world.branch_a, secretary_a)
    with pytest.raises(ValidationError) as error:
        services.report_approve(user=community_staff, report=report)
    assert refused(error.value, "state") == "This report has not been submitted."


# returning and resubmitting


def test_returning_needs_comments_and_saves_nothing_without(
    world, secretary_a, community_staff, english
):
    report = submitted_of(world.branch_a, secretary_a)
    with pytest.raises(ValidationError) as error:
        services.report_return(user=community_staff, report=report, comments="  ")
    assert "Write what should be corrected" in refused(error.value, "comments")
    report.refresh_from_db()
    assert (report.state, report.times_returned) == (ReportState.SUBMITTED, 0)
    assert [s[0] for s in steps(report)] == ["created", "submitted"]


def test_returning_with_comments(world, secretary_a, community_staff):
    report = submitted_of(world.branch_a, secretary_a)
    report = services.report_return(user=community_staff, report=report, comments="缺少照片")
    assert (report.state, report.times_returned, report.review_comments) == (
        ReportState.RETURNED,
        1,
        "缺少照片",
    )
    assert steps(report)[-1] == ("returned", "returned", "community_staff", "缺少照片")


def test_a_returned_report_is_not_approved_nor_submitted_as_new(
    world, secretary_a, community_staff, english
):
    report = submitted_of(world.branch_a, secretary_a)
    services.report_return(user=community_staff, report=report, comments="x")
    with pytest.raises(ValidationError) as error:
        services.report_approve(user=community_staff, report=report)
    assert "returned" in refused(error.value, "state")
    with pytest.raises(ValidationError) as error:
        services.report_submit(user=secretary_a, report=report)
    assert "resubmitted" in refused(error.value, "state")


@pytest.fixture
def returned(world, secretary_a, community_staff):
    report = submitted_of(world.branch_a, secretary_a)
    return services.report_return(user=community_staff, report=report, comments="补充出勤")


def test_resubmitting_without_a_correction_is_refused(returned, secretary_a, english):
    with pytest.raises(ValidationError) as error:
        services.report_resubmit(user=secretary_a, report=returned)
    assert refused(error.value, "report") == "Nothing was corrected since the report was returned"
    returned.refresh_from_db()
    assert returned.state == ReportState.RETURNED


def test_resubmitting_after_new_remarks(returned, secretary_a):
    services.report_update(user=secretary_a, report=returned, remarks="已补充")
    report = services.report_resubmit(user=secretary_a, report=returned)
    assert report.state == ReportState.SUBMITTED
    assert [s[0] for s in steps(report)] == [
        "created",
        "submitted",
        "returned",
        "edited",
        "resubmitted",
    ]


def test_resubmitting_after_correcting_the_activity(world, returned, secretary_a):
    AttendanceFactory(
        activity=returned.activity,
        member=MemberFactory(organization=world.branch_a),
        status=AttendanceStatus.PRESENT,
    )
    old = returned.fingerprint
    report = services.report_resubmit(user=secretary_a, report=returned)
    assert report.state == ReportState.SUBMITTED and report.fingerprint != old


def test_resubmitting_after_a_changed_topic(returned, secretary_a):
    returned.activity.topic = "学习二十大精神（补充）"
    returned.activity.save()
    assert services.report_resubmit(user=secretary_a, report=returned).state == "submitted"


def test_only_a_returned_report_is_resubmitted(world, secretary_a, english):
    report = draft_of(world.branch_a, secretary_a)
    with pytest.raises(ValidationError) as error:
        services.report_resubmit(user=secretary_a, report=report)
    assert refused(error.value, "state") == "This report has not been submitted yet."


# editing


def test_editing_a_draft_writes_a_step(world, secretary_a):
    report = draft_of(world.branch_a, secretary_a)
    report = services.report_update(user=secretary_a, report=report, remarks="按时召开")
    assert report.remarks == "按时召开"
    assert steps(report)[-1] == ("edited", "draft", "secretary_a", "")


def test_editing_a_submitted_or_approved_report_is_refused(
    world, secretary_a, community_staff, english
):
    report = submitted_of(world.branch_a, secretary_a)
    with pytest.raises(ValidationError) as error:
        services.report_update(user=secretary_a, report=report, remarks="x")
    assert refused(error.value, "state") == (
        "A submitted report cannot be changed until it is returned"
    )
    services.report_approve(user=community_staff, report=report)
    with pytest.raises(ValidationError) as error:
        services.report_update(user=secretary_a, report=report, remarks="x")
    assert refused(error.value, "state") == "An approved report cannot be changed"
    report.refresh_from_db()
    assert report.remarks == ""


def test_an_activity_is_locked_while_its_report_is_submitted_or_approved(
    world, secretary_a, community_staff
):
    report = draft_of(world.branch_a, secretary_a)
    assert not activity_locked_by_report(report.activity)
    services.report_submit(user=secretary_a, report=report)
    assert activity_locked_by_report(report.activity)
    services.report_return(user=community_staff, report=report, comments="x")
    assert not activity_locked_by_report(report.activity.pk)
    services.report_update(user=secretary_a, report=report, remarks="y")
    services.report_resubmit(user=secretary_a, report=report)
    services.report_approve(user=community_staff, report=report)
    assert activity_locked_by_report(report.activity)


# what pages offer


def test_available_actions_follow_the_state_and_the_user(
    world, secretary_a, secretary_b, community_staff
):
    report = draft_of(world.branch_a, secretary_a)
    assert services.available_actions(secretary_a, report) == {"edit", "submit"}
    assert services.available_actions(secretary_b, report) == set()
    services.report_submit(user=secretary_a, report=report)
    report.refresh_from_db()
    assert services.available_actions(secretary_a, report) == set()
    assert services.available_actions(community_staff, report) == {"approve", "return"}
    services.report_return(user=community_staff, report=report, comments="x")
    report.refresh_from_db()
    assert services.available_actions(secretary_a, report) == {"edit", "resubmit"}
    assert services.available_actions(community_staff, report) == set()


def test_a_reviewer_does_not_correct_a_report_returned_to_the_branch(
    world, secretary_a, community_staff, street_staff
):
    report = submitted_of(world.branch_a, secretary_a)
    services.report_return(user=community_staff, report=report, comments="请补充照片")
    report.refresh_from_db()
    for reviewer in (community_staff, street_staff):
        assert services.available_actions(reviewer, report) == set()
        with pytest.raises(PermissionDenied):
            services.report_update(user=reviewer, report=report, remarks="代为修改")
        with pytest.raises(PermissionDenied):
            services.report_resubmit(user=reviewer, report=report)
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED and report.remarks != "代为修改"
    services.report_update(user=secretary_a, report=report, remarks="照片已补充")
    services.report_resubmit(user=secretary_a, report=report)


def test_a_reviewer_above_corrects_the_report_they_wrote(world, community_staff, street_staff):
    report = draft_of(world.branch_a, community_staff)
    services.report_submit(user=community_staff, report=report)
    services.report_return(user=street_staff, report=report, comments="x")
    report.refresh_from_db()
    assert services.available_actions(community_staff, report) == {"edit", "resubmit"}


def test_every_step_keeps_who_when_and_the_state_after(world, secretary_a, community_staff):
    report = submitted_of(world.branch_a, secretary_a)
    services.report_return(user=community_staff, report=report, comments="补充照片")
    services.report_update(user=secretary_a, report=report, remarks="已补充")
    services.report_resubmit(user=secretary_a, report=report)
    services.report_approve(user=community_staff, report=report, comments="同意")
    events = list(ReportEvent.objects.filter(report=report).order_by("at", "pk"))
    assert [(e.action, e.state_after) for e in events] == [
        (ReportAction.CREATED, "draft"),
        (ReportAction.SUBMITTED, "submitted"),
        (ReportAction.RETURNED, "returned"),
        (ReportAction.EDITED, "returned"),
        (ReportAction.RESUBMITTED, "submitted"),
        (ReportAction.APPROVED, "approved"),
    ]
    assert all(e.at is not None and e.by_id for e in events)
