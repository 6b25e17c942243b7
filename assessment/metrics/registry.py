"""The registry of metrics: what a computed indicator measures, and how, for a whole street.

A metric computes, for every organization it is given, one ``Measure`` over a ``Period``, with
aggregate queries over all the organizations at once (never a query per organization). A
``Measure`` keeps its numerator and denominator and a link to the records behind it, so that
every computed point of a score sheet can be traced.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet


@dataclass(frozen=True)
class Period:
    """The days an assessment covers, both ends included."""

    starts_on: datetime.date
    ends_on: datetime.date


@dataclass(frozen=True)
class Measure:
    """One organization's figure: ``value`` is what is scored (a share from 0 to 1, hours, a
    count), ``numerator`` and ``denominator`` say how it was reached, and ``records`` is the
    path of a page listing the records behind it ("" where there is none)."""

    value: Decimal
    numerator: Decimal
    denominator: Decimal
    records: str = ""


@dataclass(frozen=True)
class Metric:
    """A computable indicator. ``higher_is_better`` is False for figures like arrears."""

    key: str
    label: str
    definition: str
    unit: str  # "share", "hours" or "count"
    compute: Callable[[QuerySet, Period], dict[int, Measure]]
    higher_is_better: bool = True


_metrics: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    if metric.key in _metrics and _metrics[metric.key] is not metric:
        raise ValueError(f"metric {metric.key!r} is registered twice")
    _metrics[metric.key] = metric
    return metric


def get(key: str) -> Metric:
    return _metrics[key]


def metrics() -> Iterable[Metric]:
    return sorted(_metrics.values(), key=lambda metric: metric.key)


def choices() -> list[tuple[str, str]]:
    return [(metric.key, metric.label) for metric in metrics()]
