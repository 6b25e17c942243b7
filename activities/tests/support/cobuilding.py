"""Factories and helpers of the co-building and volunteer tests: units, resources, agreements,
service activities and hours, communities filled with lists for query counts."""

import datetime
from decimal import Decimal

import factory
from django.urls import reverse

from activities.models import (
    Attendance,
    AttendanceStatus,
    NeedStatus,
    PairingAgreement,
    Resource,
    ResourceCategory,
)
from activities.tests.factories import ActivityFactory, NeedFactory, ProjectFactory, activity_type
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


def messages_of(error, field: str) -> str:
    """The messages about ``field`` of a ``pytest.raises(ValidationError)`` result."""
    return " ".join(error.value.message_dict[field])


def overview_url(community=None):
    url = reverse("activities:cobuilding")
    return f"{url}?community={community.pk}" if community else url


def with_community(name, community):
    return f"{reverse(name)}?community={community.pk}"


def fill(world, n):
    community = world.community1.community
    for _ in range(n):
        unit = unit_in(world.community1)
        need = NeedFactory(community=community, status=NeedStatus.MATCHED)
        NeedFactory(community=community)
        project = ProjectFactory(community=community)
        project.needs.add(need)
        project.resources.add(ResourceFactory(unit=unit))
        project.participants.create(unit=unit, commitment="x")
        served(service_activity(world.branch_a, project=project))
        AgreementFactory(branch=world.branch_a, unit=unit)


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def communities(world):
    return {
        "community1": world.community1.community,
        "community2": world.community2.community,
        "street2": world.branch_d.community,
    }


def unit_in_community(community):
    return UnitOrganizationFactory(community=community)


def fill_community(world, size: int):
    community = world.community1.community
    for _ in range(size):
        unit = unit_in(world.community1)
        resource = ResourceFactory(unit=unit)
        need = NeedFactory(community=community)
        NeedFactory(community=community, status=NeedStatus.DROPPED)
        project = ProjectFactory(community=community)
        project.needs.add(need)
        project.resources.add(resource)
        project.participants.create(unit=unit, commitment="x")
        activity = service_activity(world.branch_a, project=project, people_served=3)
        served(activity)
        AgreementFactory(branch=world.branch_a, unit=unit)


def fill_service(world, n):
    for _ in range(n):
        activity = service_activity(
            world.branch_a, project=ProjectFactory(community=world.community1.community)
        )
        served(activity)
        served(service_activity(world.group_a), MemberFactory(organization=world.branch_a))
