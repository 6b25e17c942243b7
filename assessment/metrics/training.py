"""Metric of member education: members who reached the year's class hours."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics.common import Subtrees, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from members.selectors.training import training_met_by_organization


def training_met(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Four queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    year = period.ends_on.year
    counts = training_met_by_organization(subtrees.all_ids, year)
    members, met = subtrees.sum_pairs(counts)
    return {
        pk: share(met[pk], members[pk], page("members:training_hours", year, short=1))
        for pk in subtrees.roots
    }


TRAINING_MET = register(
    Metric(
        key="training_met",
        label=pgettext_lazy("assessment metric", "Members meeting the training hours"),
        definition=_(
            "Share of the members on the roll of the organization and those below it whose "
            "class hours in the year the period ends in reached their requirement (32 a year, "
            "56 for secretaries and committee members, by default). With no members it counts "
            "as fully met."
        ),
        unit="share",
        compute=training_met,
    )
)
