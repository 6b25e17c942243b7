"""Metric of mobile members: kept in contact."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics.common import Subtrees, cutoff, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from members.selectors.mobile import contacted_by_organization


def mobile_contacted(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Four queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    counts = contacted_by_organization(subtrees.all_ids, cutoff(period))
    records, contacted = subtrees.sum_pairs(counts)
    return {
        pk: share(contacted[pk], records[pk], page("members:mobile_list", organization=pk))
        for pk in subtrees.roots
    }


MOBILE_CONTACTED = register(
    Metric(
        key="mobile_contacted",
        label=pgettext_lazy("assessment metric", "Mobile members contacted"),
        definition=_(
            "Share of the mobile member records open at the end of the period, in the "
            "organization and those below it, whose last contact that reached the member (or "
            "their going away) was fewer days before than the reminder's figure (90 by "
            "default). With no mobile members it counts as fully met."
        ),
        unit="share",
        compute=mobile_contacted,
    )
)
