"""Factories of the compliance area: exemptions, and a held activity of a given type and day."""

import datetime

import factory

from activities.models import Activity, Exemption
from activities.tests.factories import ActivityFactory, activity_type


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
