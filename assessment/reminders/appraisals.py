"""The reminder rule of the democratic appraisal, registered from assessment.apps ``ready()``
with ``register_appraisal_rules()``.

- ``assessment.appraisal_not_held``: a branch (or general branch) with members on its roll
  and no appraisal of the year decided by its branch general meeting, when REMIND_DAYS_LEFT
  (default 30: from 1 December) or fewer days are left until 31 December, to the branch's
  secretary (the organization's responsible person). The thing is the branch, the period the
  year: one reminder per branch and year. Deciding the appraisal closes it; so does the end of
  the year, after which the compliance calendar shows the year's appraisal as missing.

Three queries for any number of branches: the figure, the branches with members, the
appraisals decided.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.models import Appraisal, AppraisalState
from assessment.selectors.appraisals import APPRAISING_KINDS
from members.models import Member
from organizations.models import Organization
from policies.registry import define, value
from reminders import registry
from reminders.registry import Due, Rule

REMIND_DAYS_LEFT = define(
    "assessment.appraisal_remind_days_left",
    30,
    _(
        "Remind a branch of a democratic appraisal not yet decided when this many days of the year are left"
    ),
    minimum=0,
    maximum=364,
)


def appraisal_not_held_due(today: datetime.date) -> list[Due]:
    year_end = datetime.date(today.year, 12, 31)
    if (year_end - today).days > value(REMIND_DAYS_LEFT):
        return []
    decided = Appraisal.objects.filter(
        year=today.year, state__in=[AppraisalState.DECIDED, AppraisalState.CONFIRMED]
    ).values("organization_id")
    branches = (
        Organization.objects.filter(kind__in=APPRAISING_KINDS)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today))
        .filter(Exists(Member.objects.on_roll().filter(organization=OuterRef("pk"))))
        .exclude(pk__in=decided)
        .order_by("pk")
    )
    return [
        Due(
            subject=branch,
            period=str(today.year),
            due_on=year_end,
            organization_id=branch.pk,
            params={
                "organization": branch.name,
                "year": today.year,
                "date": year_end.isoformat(),
                "days_left": (year_end - today).days,
            },
        )
        for branch in branches
    ]


def appraisals_url(reminder) -> str:
    return reverse("assessment:appraisal_list")


APPRAISAL_NOT_HELD = Rule(
    kind="assessment.appraisal_not_held",
    label=_("Democratic appraisal of members not yet held"),
    message=_(
        "%(organization)s has not yet decided the democratic appraisal of members of %(year)s: "
        "%(days_left)s days are left until %(date)s."
    ),
    due=appraisal_not_held_due,
    model=Organization,
    url=appraisals_url,
)
RULES = [APPRAISAL_NOT_HELD]


def register_appraisal_rules() -> None:
    for rule in RULES:
        registry.register(rule)
