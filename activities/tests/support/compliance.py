"""Factories and helpers of the compliance tests: exemptions, held activities, requirement
states, open reminders, the pages' URLs."""

import datetime

import factory
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.models import Activity, Exemption
from activities.periods import parse_period
from activities.selectors.compliance import requirement_status
from activities.services.exemptions import exemption_create
from activities.tests.factories import ActivityFactory, activity_type
from members.models import MobileMember
from members.models.mobile import MobileCategory, MobileDirection
from organizations.tests.factories import branch
from reminders.models import Reminder


class ExemptionFactory(factory.django.DjangoModelFactory):
    """Pass ``organization=``; empty type: all required activities."""

    class Meta:
        model = Exemption

    activity_type = None
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 12, 31)
    reason = "新成立支部"


def held(organization, code: str, day: datetime.date, **kwargs) -> Activity:
    """A held activity of the type ``code`` on ``day``."""
    return ActivityFactory(
        organization=organization, activity_type=activity_type(code), held_on=day, **kwargs
    )


def opened(kind: str) -> set[tuple[str, str]]:
    """``{(organization name, type code:period)}`` of the open reminders of a kind."""
    return {
        (r.subject.name, r.period)
        for r in Reminder.objects.filter(kind=kind, state__in=["open", "read"])
    }


def key(code: str, period: str) -> str:
    return f"{activity_type(code).pk}:{period}"


D = datetime.date
TODAY = D(2026, 11, 26)
SINCE = D(2026, 1, 1)
Q1_START, Q1_END = D(2026, 1, 1), D(2026, 3, 31)


def states(organization, key, today=TODAY, **kwargs) -> dict[tuple[str, str], str]:
    """``{(type code, period key): state}`` of the requirements overlapping the period."""
    return {
        (c.activity_type.code + ("*" if c.is_secretary_lesson else ""), c.period.key): c.state
        for c in requirement_status(organization, parse_period(key), today=today, **kwargs)
    }


def away(member, since=SINCE) -> MobileMember:
    return MobileMember.objects.create(
        direction=MobileDirection.OUTGOING,
        category=MobileCategory.MIGRANT_WORKER,
        member=member,
        organization=member.organization,
        whereabouts="广东省深圳市",
        away_since=since,
    )


def new_branches(world, n):
    return [branch(world.community2) for _ in range(n)]


def grant(user, organization, code=None, start=Q1_START, end=Q1_END, reason="新成立"):
    return exemption_create(
        user=user,
        organization=organization,
        activity_type=activity_type(code) if code else None,
        starts_on=start,
        ends_on=end,
        reason=reason,
    )


def refused(field: str, call) -> str:
    with pytest.raises(ValidationError) as info:
        call()
    return " ".join(info.value.message_dict[field])


def url(organization=None, **query) -> str:
    if organization is not None:
        query["organization"] = organization.pk
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return reverse("activities:compliance") + (f"?{params}" if params else "")


def exemption_url(organization=None) -> str:
    base = reverse("activities:exemption_create")
    return f"{base}?organization={organization.pk}" if organization else base
