"""Factories of the activities models: activity types, activities, attendance, reports,
needs and projects."""

import datetime

import factory

from activities.models import (
    Activity,
    ActivityStatus,
    ActivityType,
    Attendance,
    AttendanceStatus,
    Need,
    Project,
    Report,
    ReportKind,
    ResourceCategory,
)


def activity_type(code: str) -> ActivityType:
    """One of the types seeded by migration (branch_general_meeting, themed_party_day…)."""
    return ActivityType.objects.get(code=code)


class ActivityFactory(factory.django.DjangoModelFactory):
    """Pass ``organization=``; the type defaults to the themed party day."""

    class Meta:
        model = Activity

    activity_type = factory.LazyFunction(lambda: activity_type("themed_party_day"))
    status = ActivityStatus.HELD
    held_on = datetime.date(2026, 11, 10)
    topic = factory.Sequence(lambda n: f"学习主题{n}")
    place = "党群服务中心"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    status = AttendanceStatus.PRESENT


class ReportFactory(factory.django.DjangoModelFactory):
    """An activity report in draft; pass ``activity=``."""

    class Meta:
        model = Report

    kind = ReportKind.ACTIVITY
    organization = factory.LazyAttribute(lambda o: o.activity.organization)
    reviewing_organization = factory.LazyAttribute(lambda o: o.activity.organization.parent)
    title = factory.LazyAttribute(lambda o: str(o.activity))


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    title = factory.Sequence(lambda n: f"需求{n}")
    category = ResourceCategory.VOLUNTEERS
    raised_on = datetime.date(2026, 3, 1)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"共建项目{n}")
    starts_on = datetime.date(2026, 3, 1)
