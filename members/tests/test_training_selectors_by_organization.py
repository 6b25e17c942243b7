"""Training hours reached, per organization, for many organizations at once."""

import datetime
from decimal import Decimal

import pytest

from members.models import TrainingAttendance, TrainingCourse, TrainingSession
from members.selectors.training import training_met_by_organization
from members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def credit(member, hours):
    day = D(2025, 5, 5)
    course = TrainingCourse.objects.create(
        organization=member.organization,
        level="branch",
        title="学习",
        starts_on=day,
        ends_on=day,
        planned_hours=hours,
    )
    session = TrainingSession.objects.create(course=course, held_on=day, topic="党章", hours=hours)
    TrainingAttendance.objects.create(session=session, member=member, hours=hours)


def test_members_reaching_the_hours_of_the_year(world, django_assert_max_num_queries):
    credit(MemberFactory(organization=world.branch_a), Decimal("32"))
    credit(MemberFactory(organization=world.branch_a), Decimal("31.9"))
    MemberFactory(organization=world.branch_b)
    ids = [world.branch_a.pk, world.branch_b.pk, world.branch_c.pk]
    with django_assert_max_num_queries(2):
        counts = training_met_by_organization(ids, 2025)
    assert counts == {world.branch_a.pk: (2, 1), world.branch_b.pk: (1, 0)}
