"""Reviewers acting on the same report at the same moment, on PostgreSQL (SQLite serializes
every write, so it cannot show the race): one step succeeds, the others are refused with the
state the first one left, the report has exactly one review step, and a return is reminded
and e-mailed once."""

import time

import pytest
from django.core.exceptions import ValidationError

from activities.models import Report, ReportAction, ReportEvent, ReportState
from activities.services import reports as services
from activities.tests.support.reports import submitted_of
from reminders.models import Reminder
from reminders.tests.support.delivery import emails_about, sweep_and_deliver
from tests.concurrency import run_at_once

# the refusals are compared as English texts; the threads take the language from the settings
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-11-20 09:00 +08:00")


def test_an_approval_and_a_return_at_the_same_moment_end_with_one_step(
    postgres, world, secretary_a, community_staff, street_staff, monkeypatch
):
    report = submitted_of(world.branch_a, secretary_a)
    original_event = services._event

    def slow_event(*args, **kwargs):
        # hold the row lock a moment, so that the other reviewer surely arrives meanwhile
        time.sleep(0.3)
        return original_event(*args, **kwargs)

    monkeypatch.setattr(services, "_event", slow_event)
    approve = lambda: services.report_approve(user=community_staff, report=report)  # noqa: E731
    send_back = lambda: services.report_return(  # noqa: E731
        user=street_staff, report=report, comments="请补充会议记录"
    )

    results = run_at_once(approve, send_back)

    successes = [r for r in results if isinstance(r, Report)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(successes) == 1 and len(refusals) == 1, results
    assert refusals[0].message_dict["state"] in (
        ["This report was already approved."],
        ["This report was returned and waits for its correction."],
    )
    report.refresh_from_db()
    assert report.state in (ReportState.APPROVED, ReportState.RETURNED)
    steps = ReportEvent.objects.filter(
        report=report, action__in=[ReportAction.APPROVED, ReportAction.RETURNED]
    )
    assert steps.count() == 1 and steps.get().state_after == report.state


def returned_reminders(report):
    return Reminder.objects.filter(kind="activities.report_returned", object_id=report.pk)


def test_eight_reviewers_at_once_take_one_step_and_a_return_is_reminded_and_emailed_once(
    postgres, world, secretary_a, community_staff, street_staff
):
    """Four approvals and four returns at once. Business effects counted: one review step
    (approved or returned, times_returned at most 1); if it was the return, one reminder to
    correct the report (period "r1") e-mailed once to the reporting branch; if the approval,
    none."""
    secretary_a.email = "secretary_a@example.org"
    secretary_a.save(update_fields=["email"])
    report = submitted_of(world.branch_a, secretary_a)

    def approve(user):
        return lambda: services.report_approve(user=user, report=report)

    def send_back(user):
        return lambda: services.report_return(user=user, report=report, comments="请补充会议记录")

    results = run_at_once(
        *[approve(community_staff), send_back(street_staff)] * 2,
        *[send_back(community_staff), approve(street_staff)] * 2,
    )

    assert sum(isinstance(r, Report) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 7, results
    report.refresh_from_db()
    steps = ReportEvent.objects.filter(
        report=report, action__in=[ReportAction.APPROVED, ReportAction.RETURNED]
    )
    assert steps.count() == 1 and steps.get().state_after == report.state
    returned = report.state == ReportState.RETURNED
    assert report.times_returned == int(returned)

    sweep_and_deliver()
    reminders = returned_reminders(report)
    assert [r.period for r in reminders] == (["r1"] if returned else [])
    if returned:
        reminder = reminders.get()
        assert reminder.recipient == secretary_a
        assert len(emails_about(reminder)) == 1


def test_eight_returns_at_once_return_the_report_once_and_remind_and_email_once(
    postgres, world, secretary_a, community_staff, street_staff
):
    """Business effects counted: one return (one step, times_returned 1), so one reminder to
    correct the report (period "r1", not "r2"…) and one e-mail, also after a second sweep."""
    secretary_a.email = "secretary_a@example.org"
    secretary_a.save(update_fields=["email"])
    report = submitted_of(world.branch_a, secretary_a)

    def send_back(user):
        return lambda: services.report_return(user=user, report=report, comments="请补充会议记录")

    results = run_at_once(*[send_back(community_staff), send_back(street_staff)] * 4)

    assert sum(isinstance(r, Report) for r in results) == 1, results
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert {tuple(r.message_dict["state"]) for r in refusals} == {
        ("This report was returned and waits for its correction.",)
    }
    report.refresh_from_db()
    assert (report.state, report.times_returned) == (ReportState.RETURNED, 1)
    assert ReportEvent.objects.filter(report=report, action=ReportAction.RETURNED).count() == 1

    sweep_and_deliver()
    sweep_and_deliver()
    reminder = returned_reminders(report).get()
    assert (reminder.period, reminder.recipient) == ("r1", secretary_a)
    assert len(emails_about(reminder)) == 1
