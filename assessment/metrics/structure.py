"""Metric of the organizations' structure: branches keeping the size rules."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessment.metrics.common import Subtrees, cutoff, page, share
from assessment.metrics.registry import Measure, Metric, Period, register
from members.selectors.roll import roll_sizes
from organizations import rules
from organizations.membership import EMPTY
from organizations.models import CommitteeTerm, Organization, OrgKind
from policies.registry import values


def _branches(ids: list[int], period: Period) -> list[int]:
    """The branches among ``ids`` in office at some time in the period."""
    return list(
        Organization.objects.filter(pk__in=ids, kind=OrgKind.BRANCH)
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=period.ends_on))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=period.starts_on))
        .order_by()
        .values_list("pk", flat=True)
    )


def _with_committee(branch_ids: list[int], day) -> set[int]:
    """The branches with a committee term in force on ``day``."""
    return set(
        CommitteeTerm.objects.filter(
            organization_id__in=branch_ids, elected_on__lte=day, ends_on__gt=day
        ).values_list("organization_id", flat=True)
    )


def branch_size(organizations: QuerySet, period: Period) -> dict[int, Measure]:
    """Six queries whatever the number of organizations."""
    subtrees = Subtrees(organizations)
    branches = _branches(subtrees.all_ids, period)
    figures = values(rules.BRANCH_MIN_FULL_MEMBERS, rules.BRANCH_COMMITTEE_THRESHOLD)
    minimum = figures[rules.BRANCH_MIN_FULL_MEMBERS.key]
    committee_from = figures[rules.BRANCH_COMMITTEE_THRESHOLD.key]
    sizes = roll_sizes(branches)
    committees = _with_committee(branches, cutoff(period))
    kept = {}
    for pk in branches:
        full = sizes.get(pk, EMPTY).full
        kept[pk] = int(full >= minimum and (pk not in committees or full >= committee_from))
    met = subtrees.sum(kept)
    counted = subtrees.sum(dict.fromkeys(branches, 1))
    return {
        pk: share(met[pk], counted[pk], page("members:list", organization=pk))
        for pk in subtrees.roots
    }


BRANCH_SIZE = register(
    Metric(
        key="branch_size",
        label=pgettext_lazy("assessment metric", "Branches keeping the size rules"),
        definition=_(
            "Share of the branches, the organization itself or those below it, with at least "
            "3 full members on the roll as it stands, and, where a committee is in office at "
            "the end of the period, at least 7 (the admin-editable figures). With no branch "
            "it counts as fully met."
        ),
        unit="share",
        compute=branch_size,
    )
)
