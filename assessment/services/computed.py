"""Filling in the computed indicators of a scheme from the records, for every organization it
assesses at once: one metric call (a few aggregate queries) per indicator, one write."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.metrics import registry
from assessment.metrics.registry import Measure, Metric, Period
from assessment.models import Indicator, IndicatorKind, Scheme, Score
from assessment.selectors.schemes import assessed_organizations

CENT = Decimal("0.01")


def score_from_measure(indicator: Indicator, metric: Metric, measure: Measure) -> Decimal:
    """``max_score × min(1, value / target)`` when a higher value is better, else
    ``max_score × max(0, 1 − value / target)``; rounded to 2 decimals, half up (0.125 → 0.13)."""
    reached = Decimal(measure.value) / indicator.target
    share = min(Decimal(1), reached) if metric.higher_is_better else max(Decimal(0), 1 - reached)
    share = max(Decimal(0), share)
    return (indicator.max_score * share).quantize(CENT, rounding=ROUND_HALF_UP)


def _period(scheme: Scheme) -> Period:
    return Period(starts_on=scheme.starts_on, ends_on=scheme.ends_on)


def computed_indicators(scheme: Scheme) -> list[Indicator]:
    return list(Indicator.objects.filter(scheme=scheme, kind=IndicatorKind.COMPUTED))


def indicator_scores(
    scheme: Scheme, indicator: Indicator, organizations, assessed: set[int], now
) -> list[Score]:
    """The unsaved scores of one computed indicator for every assessed organization: one
    metric call (a few aggregate queries) whatever their number."""
    try:
        metric = registry.get(indicator.metric)
    except KeyError as exc:
        raise ValidationError(
            {
                "metric": _("%(indicator)s names no known metric (%(metric)s).")
                % {"indicator": indicator.name, "metric": indicator.metric or "-"}
            }
        ) from exc
    measures = metric.compute(organizations, _period(scheme))
    return [
        Score(
            scheme=scheme,
            organization_id=organization_id,
            indicator=indicator,
            value=score_from_measure(indicator, metric, measure),
            scored_at=now,
            measure=measure.value,
            numerator=measure.numerator,
            denominator=measure.denominator,
            records=measure.records,
        )
        for organization_id, measure in measures.items()
        if organization_id in assessed
    ]


def computed_scores_store(scheme: Scheme, indicators: list[Indicator], rows: list[Score], now):
    """Write the scores computed at ``now`` and drop the indicators' older scores. Called in
    a transaction with the scheme locked and checked unpublished."""
    Score.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["scheme", "organization", "indicator"],
        update_fields=["value", "scored_at", "measure", "numerator", "denominator", "records"],
    )
    # an earlier computation's scores of organizations the metric no longer measures
    Score.objects.filter(scheme=scheme, indicator__in=indicators).exclude(scored_at=now).delete()


def scheme_locked_unpublished(scheme: Scheme) -> Scheme:
    """The scheme locked for update (inside a transaction); refused once published."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.is_published:
        raise ValidationError(_("The results are published: the scores are frozen."))
    return scheme


@transaction.atomic
def computed_scores_fill(*, scheme: Scheme) -> int:
    """Compute every computed indicator of the scheme for all its organizations and store
    the scores with their measure (numerator, denominator, the path of the records). An
    organization the metric returns no measure for keeps no score: its sheet shows the line
    as missing. Refused once the results are published. Returns the number of scores."""
    scheme = scheme_locked_unpublished(scheme)
    indicators = computed_indicators(scheme)
    organizations = assessed_organizations(scheme)
    assessed = set(organizations.values_list("pk", flat=True))
    now = timezone.now()
    rows = []
    for indicator in indicators:
        rows += indicator_scores(scheme, indicator, organizations, assessed, now)
    computed_scores_store(scheme, indicators, rows, now)
    return len(rows)
