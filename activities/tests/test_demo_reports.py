"""The demo reports (activities/demo/reports.py): every state, steps that tell the story."""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from activities.models import Report, ReportAction, ReportEvent, ReportKind, ReportState
from activities.services.reports import (
    report_fingerprint,
    report_resubmit,
    report_update,
    summary_figures,
)
from activities.tests.support.demo import open_posts, seed
from conftest import built_once
from organizations.models import Post, Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

SUBMITTING = {ReportAction.CREATED, ReportAction.SUBMITTED, ReportAction.RESUBMITTED}
REVIEWING = {ReportAction.APPROVED, ReportAction.RETURNED}


# Seeded once for the module: the tests only read the demo street.
seeded = built_once(lambda: seed(400))


def test_reports_of_every_kind_in_every_state():
    reports = Report.objects.all()
    assert set(reports.values_list("kind", flat=True)) == set(ReportKind.values)
    assert set(reports.values_list("state", flat=True)) == set(ReportState.values)
    for kind in ReportKind.values:
        states = set(reports.filter(kind=kind).values_list("state", flat=True))
        assert states == set(ReportState.values), kind
    resubmitted = reports.filter(state=ReportState.SUBMITTED, times_returned__gte=1)
    assert resubmitted.exists()
    assert reports.filter(state=ReportState.APPROVED, times_returned__gte=1).exists()


def test_steps_are_coherent_with_the_report():
    now = timezone.now()
    posts = open_posts()
    reports = Report.objects.select_related("organization", "reviewing_organization")
    events = {}
    for event in ReportEvent.objects.order_by("report_id", "at", "pk"):
        events.setdefault(event.report_id, []).append(event)
    for report in reports:
        steps = events[report.pk]
        assert report.reviewing_organization_id == report.organization.parent_id
        assert steps[0].action == ReportAction.CREATED and steps[0].at == report.created_at
        assert steps[-1].state_after == report.state and steps[-1].at == report.updated_at
        assert all(a.at < b.at for a, b in zip(steps, steps[1:], strict=False))
        assert steps[-1].at <= now
        secretary = posts[report.organization_id][Role.SECRETARY]
        reviewers = posts[report.reviewing_organization_id].get(Role.STAFF) or posts[
            report.reviewing_organization_id
        ].get(Role.SECRETARY)
        for step in steps:
            if step.action in SUBMITTING:
                assert step.by_id in secretary
            else:
                assert step.by_id in reviewers and step.by_id not in secretary
        returns = [s for s in steps if s.action == ReportAction.RETURNED]
        assert report.times_returned == len(returns)
        assert all(s.comments for s in returns)
        if report.state == ReportState.DRAFT:
            assert report.submitted_at is None and report.fingerprint == ""
        else:
            submitted = [s for s in steps if s.action in (ReportAction.SUBMITTED, "resubmitted")]
            assert report.submitted_at == submitted[-1].at
            assert report.submitted_by_id in secretary and report.fingerprint
        reviewed = [s for s in steps if s.action in REVIEWING]
        if reviewed:
            assert report.reviewed_at == reviewed[-1].at
            assert report.reviewed_by_id == reviewed[-1].by_id
            assert report.review_comments == reviewed[-1].comments
        if report.state == ReportState.RETURNED:
            assert report.review_comments


def test_some_reports_wait_long_enough_for_the_reminders():
    now = timezone.now()
    waiting = Report.objects.filter(
        state=ReportState.SUBMITTED, submitted_at__lt=now - datetime.timedelta(days=5)
    )
    assert waiting.count() >= 3
    assert waiting.filter(reviewing_organization__code="CD01").exists()  # the community login
    assert waiting.filter(reviewing_organization__code="CD").exists()  # the street login
    returned = Report.objects.filter(state=ReportState.RETURNED)
    assert returned.filter(reviewed_at__lt=now - datetime.timedelta(days=2)).exists()
    mine = set(Report.objects.filter(organization__code="CD01-01").values_list("state", flat=True))
    assert {ReportState.DRAFT, ReportState.APPROVED} <= mine and len(mine) >= 3
    community = Post.objects.get(organization__code="CD01", user__username="community")
    assert Report.objects.filter(reviewed_by=community.user).exists()


def test_summaries_and_fingerprints_are_those_the_service_computes():
    summaries = Report.objects.exclude(kind=ReportKind.ACTIVITY).select_related("organization")
    assert summaries.filter(summary__required_totals__missing__gt=0).exists()
    for report in random.Random(3).sample(list(summaries), 40):
        assert report.summary == summary_figures(
            report.organization, report.kind, report.period_start
        )
    submitted = Report.objects.exclude(state=ReportState.DRAFT).select_related("activity")
    for kind in ReportKind.values:
        sample = list(submitted.filter(kind=kind)[:25])
        assert sample
        for report in sample:
            assert report.fingerprint == report_fingerprint(report)
    for report in Report.objects.filter(kind=ReportKind.ACTIVITY).select_related("activity"):
        assert report.activity.status == "held" and report.summary == {}
        assert report.activity.organization_id == report.organization_id
        assert report.created_at.date() > report.activity.held_on


def test_a_returned_demo_report_is_resubmitted_only_once_corrected():
    report = Report.objects.filter(state=ReportState.RETURNED).first()
    secretary = report.events.get(action=ReportAction.CREATED).by
    with pytest.raises(ValidationError):
        report_resubmit(user=secretary, report=report)
    report = report_update(user=secretary, report=report, remarks=report.remarks + "已补充。")
    assert report_resubmit(user=secretary, report=report).state == ReportState.SUBMITTED


def test_every_report_and_step_passes_validation():
    for report in Report.objects.all()[:150]:
        report.full_clean()
    for event in ReportEvent.objects.all()[:150]:
        event.full_clean()
