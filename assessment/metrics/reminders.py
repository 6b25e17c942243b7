"""Metric of follow-up: reminders resolved by their due date."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics.common import Subtrees, cutoff, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from reminders.selectors import resolved_in_time_by_organization


def reminders_in_time(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Three queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    counts = resolved_in_time_by_organization(subtrees.all_ids, period.starts_on, cutoff(period))
    due, in_time = subtrees.sum_pairs(counts)
    return {
        pk: share(in_time[pk], due[pk], page("reminders:inbox", state="done"))
        for pk in subtrees.roots
    }


REMINDERS_IN_TIME = register(
    Metric(
        key="reminders_in_time",
        label=pgettext_lazy("assessment metric", "Reminders resolved in time"),
        definition=_(
            "Share of the reminders of the organization and those below it due in the period "
            "that were done on or before their due day. With none due it counts as fully met."
        ),
        unit="share",
        compute=reminders_in_time,
    )
)
