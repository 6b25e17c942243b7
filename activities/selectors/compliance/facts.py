"""Loading the facts of many organizations at once: held activities, exemptions and
committee terms. Everything is computed from a few set-based queries, whatever the number of
organizations."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from activities.models import Activity, ActivityStatus, ActivityType, Exemption
from activities.periods import Period
from organizations.models import CommitteeTerm


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


@dataclass
class _Facts:
    """Held activities per (organization, type, month), exemptions and committee terms of
    the organizations concerned, over the dates concerned."""

    held: dict = field(default_factory=dict)  # (org, type, month) -> [count, by secretary]
    exemptions: dict = field(default_factory=lambda: defaultdict(list))  # org -> [Exemption]
    terms: dict = field(default_factory=lambda: defaultdict(list))  # org -> [(elected, ends)]

    def count(self, org_id: int, type_id: int, period: Period, secretary: bool = False) -> int:
        index = 1 if secretary else 0
        return sum(
            self.held.get((org_id, type_id, month), (0, 0))[index]
            for month in _months(period.start, period.end)
        )

    def exemption(self, org_id: int, type_id: int, period: Period) -> Exemption | None:
        for exemption in self.exemptions.get(org_id, ()):
            if (
                exemption.activity_type_id in (None, type_id)
                and exemption.starts_on <= period.end
                and exemption.ends_on >= period.start
            ):
                return exemption
        return None

    def committee_in_force(self, org_id: int, period: Period) -> bool:
        return any(
            elected <= period.end and ends > period.start
            for elected, ends in self.terms.get(org_id, ())
        )


def _load_facts(
    org_filter: Q, type_periods: Iterable[tuple[ActivityType, Period]], with_terms: bool
) -> _Facts:
    """``org_filter`` is a Q on ``organization`` (ids or a subquery). Three queries at most."""
    type_periods = list(type_periods)
    facts = _Facts()
    if not type_periods:
        return facts
    ranges: dict[tuple[datetime.date, datetime.date], set[int]] = defaultdict(set)
    for activity_type, period in type_periods:
        ranges[(period.start, period.end)].add(activity_type.pk)
    dated = reduce(
        or_,
        (
            Q(activity_type_id__in=sorted(type_ids), held_on__range=bounds)
            for bounds, type_ids in sorted(ranges.items())
        ),
    )
    rows = (
        Activity.objects.filter(org_filter, dated, status=ActivityStatus.HELD)
        .annotate(month=TruncMonth("held_on"))
        .order_by()
        .values("organization_id", "activity_type_id", "month")
        .annotate(n=Count("pk"), by_secretary=Count("pk", filter=Q(speaker_is_secretary=True)))
    )
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        facts.held[(row["organization_id"], row["activity_type_id"], month)] = (
            row["n"],
            row["by_secretary"],
        )
    start = min(period.start for _type, period in type_periods)
    end = max(period.end for _type, period in type_periods)
    for exemption in Exemption.objects.filter(
        org_filter, starts_on__lte=end, ends_on__gte=start
    ).order_by("organization_id", "activity_type_id", "starts_on", "pk"):
        facts.exemptions[exemption.organization_id].append(exemption)
    if with_terms:
        for org_id, elected, ends in (
            CommitteeTerm.objects.filter(org_filter, elected_on__lte=end, ends_on__gt=start)
            .order_by()
            .values_list("organization_id", "elected_on", "ends_on")
        ):
            facts.terms[org_id].append((elected, ends))
    return facts
