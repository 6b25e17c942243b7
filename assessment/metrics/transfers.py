"""Metric of relation transfers: members reporting within the letter's validity."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics.common import Subtrees, cutoff, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from members.selectors.transfers import letters_kept_by_organization


def transfers_in_time(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Three queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    counts = letters_kept_by_organization(subtrees.all_ids, period.starts_on, cutoff(period))
    letters, kept = subtrees.sum_pairs(counts)
    return {
        pk: share(kept[pk], letters[pk], page("members:transfer_list", tab="out"))
        for pk in subtrees.roots
    }


TRANSFERS_IN_TIME = register(
    Metric(
        key="transfers_in_time",
        label=pgettext_lazy("assessment metric", "Transfers within the letter's validity"),
        definition=_(
            "Share of the transfer letters issued by the organization and those below it "
            "whose validity ended in the period (cancelled ones left out) where the member "
            "reported by the last valid day and the transfer was not rejected. With no such "
            "letter it counts as fully met."
        ),
        unit="share",
        compute=transfers_in_time,
    )
)
