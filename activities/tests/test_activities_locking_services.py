"""A submitted or approved report makes its activity and attachments read-only."""

import pytest

from activities.models import Attachment, ReportState
from activities.services.activities import activity_update, attachment_add, attachment_delete
from activities.tests.factories import ActivityFactory, ReportFactory
from activities.tests.support.activities import jpeg, pdf
from activities.tests.support.recording import refusal


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


@pytest.mark.parametrize(
    ("state", "locked"),
    [
        (ReportState.DRAFT, False),
        (ReportState.RETURNED, False),
        (ReportState.SUBMITTED, True),
        (ReportState.APPROVED, True),
    ],
)
def test_a_submitted_or_approved_report_makes_the_activity_read_only(
    world, secretary_a, english, state, locked
):
    activity = ActivityFactory(organization=world.branch_a)
    ReportFactory(activity=activity, state=state)
    change = lambda: activity_update(user=secretary_a, activity=activity, data={"topic": "改"})  # noqa: E731
    if locked:
        errors = refusal(change)
        assert "read-only" in errors["__all__"][0] or "cannot be changed" in errors["__all__"][0]
        activity.refresh_from_db()
        assert activity.topic != "改"
    else:
        change()
        activity.refresh_from_db()
        assert activity.topic == "改"


def test_an_approved_report_refuses_attachments_and_their_removal(world, secretary_a, english):
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=jpeg())
    ReportFactory(activity=activity, state=ReportState.APPROVED)
    assert "__all__" in refusal(
        lambda: attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    )
    assert "__all__" in refusal(lambda: attachment_delete(user=secretary_a, attachment=attachment))
    assert Attachment.objects.count() == 1
