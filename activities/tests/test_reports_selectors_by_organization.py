"""Reports approved on their first submission, per organization, for many at once."""

import datetime

import pytest
from django.utils import timezone

from activities.models import ReportState
from activities.selectors.reports import first_time_approvals_by_organization
from activities.tests.factories import ActivityFactory, ReportFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_first_time_approvals(world, django_assert_num_queries):
    at = timezone.make_aware(datetime.datetime(2025, 3, 31, 12))
    for state, returned in ((ReportState.APPROVED, 0), (ReportState.APPROVED, 2)):
        ReportFactory(
            activity=ActivityFactory(organization=world.branch_a, held_on=D(2025, 3, 1)),
            state=state,
            times_returned=returned,
            reviewed_at=at,
        )
    ReportFactory(
        activity=ActivityFactory(organization=world.branch_b, held_on=D(2025, 3, 1)),
        state=ReportState.RETURNED,
        times_returned=1,
        reviewed_at=at,
    )
    with django_assert_num_queries(1):
        counts = first_time_approvals_by_organization(
            [world.branch_a.pk, world.branch_b.pk], D(2025, 1, 1), D(2025, 3, 31)
        )
    assert counts == {world.branch_a.pk: (2, 1), world.branch_b.pk: (1, 0)}
