"""Reminders done in time, per organization, for many organizations at once."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.tests.factories import UserFactory
from organizations.models import Organization
from reminders.models import Reminder, ReminderState
from reminders.selectors import resolved_in_time_by_organization

pytestmark = pytest.mark.django_db
D = datetime.date


def test_done_by_the_day_due_in_local_time(world, django_assert_num_queries):
    user = UserFactory()
    for n, (due_on, done_at) in enumerate(
        [
            (D(2025, 5, 10), datetime.datetime(2025, 5, 10, 23, 59)),  # the day due: in time
            (D(2025, 5, 10), datetime.datetime(2025, 5, 11, 0, 1)),  # the day after: late
            (D(2025, 5, 11), None),  # after the last day asked
        ]
    ):
        Reminder.objects.create(
            kind="test.branch",
            content_type=ContentType.objects.get_for_model(Organization),
            object_id=world.branch_a.pk,
            period=f"p{n}",
            recipient=user,
            organization=world.branch_a,
            due_on=due_on,
            state=ReminderState.DONE if done_at else ReminderState.OPEN,
            done_at=timezone.make_aware(done_at) if done_at else None,
        )
    with django_assert_num_queries(1):
        counts = resolved_in_time_by_organization(
            [world.branch_a.pk, world.branch_b.pk], D(2025, 5, 1), D(2025, 5, 10)
        )
    assert counts == {world.branch_a.pk: (2, 1)}
