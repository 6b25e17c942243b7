"""Helpers shared by the metric modules: the organizations measured and the ones below them,
shares and links to the pages listing the records.

The rules every metric keeps (its definition says them to users):
- an organization is measured with every organization below it (a community with its
  branches, a branch with its party groups), from aggregate queries over all of them at once;
- a share with nothing to measure (denominator 0) is 1, nothing was missed; the share of
  members long in arrears, lower being better, is 0 then, and so are hours per member;
  a count has the denominator 1;
- what happened up to the period's last day counts, or up to today while the period runs
  (``cutoff``): a month, quarter or deadline not yet over is not held against anyone."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from assessment.metrics.registry import Measure, Period
from organizations import scoping
from organizations.models import Organization


class Subtrees:
    """Each measured organization with the ids of itself and every organization below it:
    a metric counts the records of the whole subtree. Two queries."""

    def __init__(self, organizations: QuerySet):
        paths = dict(organizations.order_by().values_list("pk", "path"))
        self.roots = sorted(paths)
        below = scoping.under_paths_q(list(paths.values()), field=None)
        members = (
            list(Organization.objects.filter(below).order_by().values_list("pk", "path"))
            if below is not None
            else []
        )
        self.ids: dict[int, set[int]] = {pk: set() for pk in paths}
        for pk, path in members:
            for root in scoping.ids_on_path(path):
                if root in self.ids:
                    self.ids[root].add(pk)

    @property
    def all_ids(self) -> list[int]:
        return sorted({pk for ids in self.ids.values() for pk in ids})

    def sum(self, counts: dict[int, int | Decimal]) -> dict[int, Decimal]:
        """``{root: sum of counts over its subtree}`` from ``{organization id: count}``."""
        return {
            root: sum((Decimal(counts.get(pk, 0)) for pk in ids), Decimal(0))
            for root, ids in self.ids.items()
        }

    def sum_pairs(
        self, counts: dict[int, tuple[int | Decimal, int | Decimal]]
    ) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
        """Both sums of ``{organization id: (first, second)}``, such as (due, done)."""
        firsts = self.sum({pk: first for pk, (first, _second) in counts.items()})
        seconds = self.sum({pk: second for pk, (_first, second) in counts.items()})
        return firsts, seconds


def by_organization(rows: Iterable[tuple[int, int]]) -> dict[int, int]:
    result: dict[int, int] = defaultdict(int)
    for org_id, n in rows:
        result[org_id] += n
    return result


def share(numerator, denominator, records: str = "", *, empty: int = 1) -> Measure:
    """numerator / denominator; ``empty`` (1: nothing was missed) when nothing applies."""
    numerator, denominator = Decimal(numerator), Decimal(denominator)
    value = numerator / denominator if denominator else Decimal(empty)
    return Measure(value=value, numerator=numerator, denominator=denominator, records=records)


def ratio(numerator, denominator, records: str = "") -> Measure:
    """numerator / denominator, 0 when the denominator is 0."""
    return share(numerator, denominator, records, empty=0)


def page(name: str, *args, **query) -> str:
    """The path of a page with its query string (empty values left out)."""
    query = {key: value for key, value in query.items() if value not in (None, "")}
    path = reverse(name, args=args)
    return f"{path}?{urlencode(query)}" if query else path


def cutoff(period: Period, today: datetime.date | None = None) -> datetime.date:
    """The last day measured: the period's last day, or today while it is still running."""
    return min(period.ends_on, today or timezone.localdate())
