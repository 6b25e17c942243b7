"""Two reviewers acting on the same report at the same moment, on PostgreSQL (SQLite
serializes every write, so it cannot show the race): one step succeeds, the other is refused
with the state the first one left, and the report has exactly one review step."""

import time

import pytest
from django.core.exceptions import ValidationError

from activities.models import Report, ReportAction, ReportEvent, ReportState
from activities.services import reports as services
from activities.tests.support.reports import submitted_of
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
