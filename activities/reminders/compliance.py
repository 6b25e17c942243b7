"""Reminder rules of required meetings (activities.selectors.compliance says what is required).

- ``activities.required_missing``: a required type without a reminder day, in the running
  period of its frequency (month, quarter or year), when REMIND_DAYS_LEFT (default 7) or
  fewer days of the period are left (``period.end - today``) and the organization has
  neither held it nor an exemption overlapping the period.
- ``activities.themed_day_missing``: a monthly type with a reminder day (the themed party
  day, the 25th), from that day of the month while not held and not exempt.

The thing is the organization, the period ``"<type id>:<period key>"`` (``"5:2026-Q4"``), so
one reminder per organization, type and period. Recording the meeting (or an exemption)
makes it no longer due, and the engine closes the reminder; so does the end of the period,
after which the compliance calendar shows the meeting as missing. The secretary's yearly
party lesson is left out of reminders: the calendar shows it. A handful of queries for all
organizations: the figure, the types, the organizations, held activities, exemptions and
committee terms.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from activities import rules
from activities.models import ActivityType, Frequency
from activities.periods import Period, period_of
from activities.selectors.compliance import evaluate, required_types
from organizations.models import Organization
from policies.registry import value
from reminders import registry
from reminders.registry import Due, Rule


def _organizations(today: datetime.date):
    return Organization.objects.filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today)
    ).order_by("pk")


def _dues(type_periods: list[tuple[ActivityType, Period]], today: datetime.date) -> list[Due]:
    if not type_periods:
        return []
    dues = []
    for org, cells in evaluate(_organizations(today), type_periods, today=today):
        for cell in cells:
            if not cell.is_open:
                continue
            dues.append(
                Due(
                    subject=org,
                    period=f"{cell.activity_type.pk}:{cell.period.key}",
                    due_on=cell.period.end,
                    organization_id=org.pk,
                    params={
                        "organization": org.name,
                        "type": str(cell.activity_type.label),
                        "period": cell.period.key,
                        "days_left": cell.period.days_left(today),
                        "date": cell.period.end.isoformat(),
                    },
                )
            )
    return dues


def required_missing_due(today: datetime.date) -> list[Due]:
    days = value(rules.REMIND_DAYS_LEFT)
    type_periods = [
        (activity_type, period)
        for activity_type in required_types()
        if not activity_type.remind_from_day
        and (period := period_of(today, activity_type.frequency)).days_left(today) <= days
    ]
    return _dues(type_periods, today)


def themed_day_missing_due(today: datetime.date) -> list[Due]:
    type_periods = [
        (activity_type, period_of(today, Frequency.MONTH))
        for activity_type in required_types()
        if activity_type.remind_from_day
        and activity_type.frequency == Frequency.MONTH
        and today.day >= activity_type.remind_from_day
    ]
    return _dues(type_periods, today)


def compliance_url(reminder) -> str:
    year = reminder.period.partition(":")[2][:4]
    query = {"organization": reminder.object_id}
    if year.isdigit():
        query["year"] = year
    return f"{reverse('activities:compliance')}?{urlencode(query)}"


REQUIRED_MISSING = Rule(
    kind="activities.required_missing",
    label=_("Required meeting not yet held"),
    message=_(
        "%(organization)s has not yet held the %(type)s of %(period)s: %(days_left)s days of the period are left (until %(date)s)."
    ),
    due=required_missing_due,
    model=Organization,
    url=compliance_url,
)

THEMED_DAY_MISSING = Rule(
    kind="activities.themed_day_missing",
    label=_("Themed party day not yet held"),
    message=_("%(organization)s has not yet held the %(type)s of %(period)s."),
    due=themed_day_missing_due,
    model=Organization,
    url=compliance_url,
)

RULES = [REQUIRED_MISSING, THEMED_DAY_MISSING]


def register_rules() -> None:
    """Called from activities/apps.py ``ready()``."""
    for rule in RULES:
        registry.register(rule)
