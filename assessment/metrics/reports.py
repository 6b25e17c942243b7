"""Metric of reporting: reports approved on their first submission."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.selectors.reports import first_time_approvals_by_organization
from assessment.metrics.common import Subtrees, cutoff, page, share
from assessment.metrics.registry import Measure, Metric, Period, register


def reports_first_time(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Three queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    counts = first_time_approvals_by_organization(
        subtrees.all_ids, period.starts_on, cutoff(period)
    )
    reviewed, first_time = subtrees.sum_pairs(counts)
    return {
        pk: share(first_time[pk], reviewed[pk], page("activities:report_list"))
        for pk in subtrees.roots
    }


REPORTS_FIRST_TIME = register(
    Metric(
        key="reports_first_time",
        label=pgettext_lazy("assessment metric", "Reports approved on first submission"),
        definition=_(
            "Share of the reports of the organization and those below it last reviewed in "
            "the period (approved or returned) that were approved without ever being "
            "returned. With no report reviewed it counts as fully met."
        ),
        unit="share",
        compute=reports_first_time,
    )
)
