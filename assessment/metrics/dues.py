"""Metrics of party dues: paid on time, and members long in arrears."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics.common import Subtrees, cutoff, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from members import rules
from members.dues_table import add_months, month_end
from members.selectors.dues import dues_on_time_by_organization, long_arrears_by_organization
from policies.registry import value


def dues_on_time(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Three queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    first = period.starts_on.replace(day=1)
    if first < period.starts_on:  # a month partly before the period is not measured
        first = add_months(first, 1)
    last = cutoff(period).replace(day=1)
    if month_end(last) > cutoff(period):  # the month still running is not over
        last = add_months(last, -1)
    counts = dues_on_time_by_organization(subtrees.all_ids, first, last) if first <= last else {}
    records, on_time = subtrees.sum_pairs(counts)
    return {
        pk: share(on_time[pk], records[pk], page("members:dues_overview")) for pk in subtrees.roots
    }


DUES_ON_TIME = register(
    Metric(
        key="dues_on_time",
        label=pgettext_lazy("assessment metric", "Dues paid on time"),
        definition=_(
            "Share of the monthly dues records held by the organization and those below it, "
            "for the months of the period that are over, paid by the month's last day. With "
            "no records it counts as fully met."
        ),
        unit="share",
        compute=dues_on_time,
    )
)


def long_arrears(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Four queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    counts = long_arrears_by_organization(
        subtrees.all_ids, cutoff(period), value(rules.DUES_MAKE_UP_MONTHS)
    )
    members, long = subtrees.sum_pairs(counts)
    return {
        pk: share(long[pk], members[pk], page("members:dues_arrears", long=1), empty=0)
        for pk in subtrees.roots
    }


LONG_ARREARS = register(
    Metric(
        key="long_arrears",
        label=pgettext_lazy("assessment metric", "Members long in arrears"),
        definition=_(
            "Share of the members on the roll of the organization and those below it at the "
            "end of the period with as many months of dues unpaid by then as the make-up limit "
            "(six by default) or more. With no members it is 0."
        ),
        unit="share",
        compute=long_arrears,
        higher_is_better=False,
    )
)
