"""Factories and helpers of the co-building and volunteer tests."""

import datetime
from decimal import Decimal

import factory

from activities.models import (
    Attendance,
    AttendanceStatus,
    PairingAgreement,
    Resource,
    ResourceCategory,
)
from activities.tests.factories import ActivityFactory, activity_type
from members.tests.factories import MemberFactory
from organizations.tests.factories import TwoNewOrganizationFactory, UnitOrganizationFactory


def unit_in(community_committee, **kwargs):
    """A unit stationed in the community of a community committee."""
    return UnitOrganizationFactory(community=community_committee.community, **kwargs)


def two_new_in(community_committee, **kwargs):
    return TwoNewOrganizationFactory(community=community_committee.community, **kwargs)


class ResourceFactory(factory.django.DjangoModelFactory):
    """Pass ``unit=``; the community follows from it."""

    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"资源{n}")
    category = ResourceCategory.VOLUNTEERS
    offered_on = datetime.date(2026, 3, 1)
    community = factory.LazyAttribute(lambda o: o.unit.community)


class AgreementFactory(factory.django.DjangoModelFactory):
    """Pass ``branch=`` and ``unit=`` or ``two_new=``."""

    class Meta:
        model = PairingAgreement

    signed_on = datetime.date(2026, 1, 15)
    content = "结对共建协议"


def service_activity(organization, *, held_on=datetime.date(2026, 11, 10), **kwargs):
    kwargs.setdefault("activity_type", activity_type("volunteer_service"))
    kwargs.setdefault("form", "practice")
    return ActivityFactory(organization=organization, held_on=held_on, **kwargs)


def served(activity, member=None, hours="2", status=AttendanceStatus.PRESENT):
    """An attendance row; ``hours=None`` for none recorded."""
    member = member or MemberFactory(organization=activity.organization)
    return Attendance.objects.create(
        activity=activity,
        member=member,
        status=status,
        hours=Decimal(hours) if hours is not None and status == AttendanceStatus.PRESENT else None,
    )
