"""Metric of member development: applicants talked with on time."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics.common import Subtrees, cutoff, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from members import rules
from members.selectors.development import talks_by_organization
from policies.registry import value


def talks_on_time(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Four queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    counts = talks_by_organization(
        subtrees.all_ids, period.starts_on, cutoff(period), value(rules.TALK_WITHIN_MONTHS)
    )
    due = subtrees.sum({pk: n for pk, (n, _on_time) in counts.items()})
    on_time = subtrees.sum({pk: n for pk, (_n, n) in counts.items()})
    return {
        pk: share(on_time[pk], due[pk], page("members:development_board")) for pk in subtrees.roots
    }


TALKS_ON_TIME = register(
    Metric(
        key="talks_on_time",
        label=pgettext_lazy("assessment metric", "Applicants talked with on time"),
        definition=_(
            "Share of the applications to the organization and those below it whose talk was "
            "due in the period (one calendar month after the application by default) where "
            "the branch talked with the applicant by that day; an application closed before "
            "then without a talk is left out. With none due it counts as fully met."
        ),
        unit="share",
        compute=talks_on_time,
    )
)
