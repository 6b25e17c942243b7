"""Metric of service: volunteer hours per member."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.selectors.volunteer import volunteer_hours_by_holding_organization
from assessment.metrics.common import Subtrees, cutoff, page, ratio
from assessment.metrics.registry import Measure, Metric, Period, register
from members.selectors.roll import roll_counts_on


def volunteer_hours(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Four queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    hours = subtrees.sum(
        volunteer_hours_by_holding_organization(subtrees.all_ids, period.starts_on, period.ends_on)
    )
    members = subtrees.sum(roll_counts_on(subtrees.all_ids, cutoff(period)))
    return {
        pk: ratio(
            hours[pk],
            members[pk],
            page("activities:volunteer", year=period.ends_on.year, organization=pk),
        )
        for pk in subtrees.roots
    }


VOLUNTEER_HOURS = register(
    Metric(
        key="volunteer_hours",
        label=pgettext_lazy("assessment metric", "Volunteer hours per member"),
        definition=_(
            "Hours of volunteer service in the period by the members of the organization and "
            "those below it (present at held service activities), divided by the members on "
            "their roll at the end of the period. With no members it is 0."
        ),
        unit="hours",
        compute=volunteer_hours,
    )
)
