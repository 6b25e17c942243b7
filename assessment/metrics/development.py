"""Metrics of member development: applicants talked with on time, activists reviewed every
half-year, members admitted."""

from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics.common import Subtrees, cutoff, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from members import rules
from members.selectors.development import (
    activist_reviews_by_organization,
    admissions_by_organization,
    talks_by_organization,
)
from policies.registry import value


def talks_on_time(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Four queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    counts = talks_by_organization(
        subtrees.all_ids, period.starts_on, cutoff(period), value(rules.TALK_WITHIN_MONTHS)
    )
    due, on_time = subtrees.sum_pairs(counts)
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


def activists_reviewed(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Five queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    counts = activist_reviews_by_organization(
        subtrees.all_ids, period.starts_on, cutoff(period), value(rules.ACTIVIST_REVIEW_MONTHS)
    )
    due, done = subtrees.sum_pairs(counts)
    return {
        pk: share(done[pk], due[pk], page("members:development_board")) for pk in subtrees.roots
    }


ACTIVISTS_REVIEWED = register(
    Metric(
        key="activists_reviewed",
        label=pgettext_lazy("assessment metric", "Activists reviewed every half-year"),
        definition=_(
            "Share of the activists' review periods (six months from becoming an activist, "
            "then every six months, by default) ending in the period, in the organization and "
            "those below it, with a review recorded within them; a period is required only "
            "while the record is still an activist at its end. With none due it counts as "
            "fully met."
        ),
        unit="share",
        compute=activists_reviewed,
    )
)


def members_admitted(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Three queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    admitted = subtrees.sum(
        admissions_by_organization(subtrees.all_ids, period.starts_on, period.ends_on)
    )
    return {
        pk: Measure(
            value=admitted[pk],
            numerator=admitted[pk],
            denominator=Decimal(1),
            records=page("members:development_board"),
        )
        for pk in subtrees.roots
    }


MEMBERS_ADMITTED = register(
    Metric(
        key="members_admitted",
        label=pgettext_lazy("assessment metric", "Members admitted"),
        definition=_(
            "Number of applicants admitted as probationary members by the branch meeting in "
            "the period, in the organization and those below it (0 when none)."
        ),
        unit="count",
        compute=members_admitted,
    )
)
