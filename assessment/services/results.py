"""Results: totals, ranks (ties share a rank), grades and incentives; publication, which
freezes them with the scores they came from.

An indicator brings ``score × weight / max_score`` points (the score itself when the weight
equals the maximum), rounded to 2 decimals half up; the total is the sum of these points, so
that the points shown on a sheet add up to its total."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import (
    CadreResult,
    GradeBand,
    Indicator,
    Result,
    Scheme,
    SchemeState,
    Score,
)
from assessment.selectors.results import cadre_posts
from assessment.selectors.schemes import assessed_organizations
from assessment.selectors.sheets import UnfinishedSheet, unfinished_sheets
from organizations import scoping

CENT = Decimal("0.01")


def points_of(score_value: Decimal, indicator: Indicator) -> Decimal:
    return (score_value * indicator.weight / indicator.max_score).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def ranks_of(totals: dict[int, Decimal]) -> dict[int, int]:
    """Competition ranking: equal totals share a rank and the next rank skips (1, 1, 3)."""
    ordered = sorted(totals.values(), reverse=True)
    first_at = {}
    for position, total in enumerate(ordered, start=1):
        first_at.setdefault(total, position)
    return {key: first_at[total] for key, total in totals.items()}


def band_for(total: Decimal, bands: list[GradeBand]) -> GradeBand | None:
    """The first band, in order, whose minimum total the total reaches."""
    return next((band for band in bands if band.min_total <= total), None)


@dataclass
class _Sheet:
    total: Decimal
    frozen: dict


def _frozen_line(score: Score, indicator: Indicator, points: Decimal) -> dict:
    def text(number):
        return None if number is None else str(number)

    return {
        "indicator": indicator.name,
        "kind": indicator.kind,
        "value": str(score.value),
        "max_score": str(indicator.max_score),
        "weight": str(indicator.weight),
        "points": str(points),
        "reason": score.reason,
        "measure": text(score.measure),
        "numerator": text(score.numerator),
        "denominator": text(score.denominator),
        "records": score.records,
        "scored_at": score.scored_at.isoformat(),
    }


def _sheets(scheme: Scheme, organization_ids, freeze: bool) -> dict[int, _Sheet]:
    indicators = {i.pk: i for i in Indicator.objects.filter(scheme=scheme)}
    sheets = {pk: _Sheet(total=Decimal("0.00"), frozen={}) for pk in organization_ids}
    for score in Score.objects.filter(scheme=scheme, organization_id__in=organization_ids):
        indicator = indicators[score.indicator_id]
        points = points_of(score.value, indicator)
        sheet = sheets[score.organization_id]
        sheet.total += points
        if freeze:
            sheet.frozen[str(indicator.pk)] = _frozen_line(score, indicator, points)
    return sheets


def _results_write(scheme: Scheme, *, freeze: bool) -> list[Result]:
    """A handful of queries for any number of organizations."""
    organization_ids = list(assessed_organizations(scheme).values_list("pk", flat=True))
    sheets = _sheets(scheme, organization_ids, freeze)
    ranks = ranks_of({pk: sheet.total for pk, sheet in sheets.items()})
    bands = list(GradeBand.objects.filter(scheme=scheme).order_by("order", "-min_total"))
    now = timezone.now()
    results = []
    for pk, sheet in sheets.items():
        band = band_for(sheet.total, bands)
        results.append(
            Result(
                scheme=scheme,
                organization_id=pk,
                total=sheet.total,
                rank=ranks[pk],
                grade=band.name if band else "",
                incentive=band.incentive if band else None,
                frozen=sheet.frozen,
                computed_at=now,
            )
        )
    Result.objects.bulk_create(
        results,
        update_conflicts=True,
        unique_fields=["scheme", "organization"],
        update_fields=["total", "rank", "grade", "incentive", "frozen", "computed_at"],
    )
    # organizations the scheme no longer assesses (dissolved, moved) keep no result
    Result.objects.filter(scheme=scheme).exclude(computed_at=now).delete()
    _cadre_results_write(scheme, {pk: sheet.total for pk, sheet in sheets.items()}, bands, now)
    scheme.computed_at = now
    scheme.save(update_fields=["computed_at"])
    return results


def _cadre_results_write(scheme: Scheme, totals: dict, bands: list[GradeBand], now) -> None:
    """Where the scheme ranks its cadres: one result per person and post held in an assessed
    organization during the period (a post held twice counts once), carrying that
    organization's total; ranked among the cadres. Replaced as a whole at each computation."""
    CadreResult.objects.filter(scheme=scheme).delete()
    if not scheme.rank_cadres:
        return
    cadres = {}
    for post in cadre_posts(scheme, totals):
        cadres.setdefault((post.organization_id, post.user_id, post.role), post)
    ranks = ranks_of({key: totals[key[0]] for key in cadres})
    rows = []
    for key, post in cadres.items():
        total = totals[post.organization_id]
        band = band_for(total, bands)
        rows.append(
            CadreResult(
                scheme=scheme,
                organization_id=post.organization_id,
                user=post.user,
                name=post.user.get_full_name(),
                role=post.role,
                total=total,
                rank=ranks[key],
                grade=band.name if band else "",
                incentive=band.incentive if band else None,
                computed_at=now,
            )
        )
    CadreResult.objects.bulk_create(rows)


@transaction.atomic
def results_compute(*, scheme: Scheme) -> list[Result]:
    """Compute the scheme's results from its scores as they are now. Refused once the
    results are published: they stay as they were."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.is_published:
        raise ValidationError(_("The results are published: they are not computed again."))
    return _results_write(scheme, freeze=False)


def results_refreeze(*, scheme: Scheme) -> list[Result]:
    """Recompute published results after a superuser's correction of a score (called inside
    score_change_after_publication's transaction)."""
    return _results_write(scheme, freeze=True)


def _missing_text(sheets: list[UnfinishedSheet]) -> str:
    return "; ".join(
        f"{sheet.organization.name} ({', '.join(i.name for i in sheet.missing)})"
        for sheet in sheets
    )


@transaction.atomic
def scheme_publish(*, user, scheme: Scheme, confirm: bool = False) -> Scheme:
    """Publish the scheme's results, frozen with their scores. With sheets unfinished it is
    refused, naming the organizations and indicators missing, unless ``confirm``."""
    scheme = Scheme.objects.select_for_update().select_related("organization").get(pk=scheme.pk)
    if not scoping.can_manage_organization(user, scheme.organization):
        raise PermissionDenied(_("Only the street that owns a scheme publishes its results."))
    if scheme.state != SchemeState.OPEN:
        raise ValidationError(_("Only a scheme open for scoring is published."))
    unfinished = unfinished_sheets(scheme)
    if unfinished and not confirm:
        raise ValidationError(
            {
                "confirm": _(
                    "%(count)s score sheets are unfinished: %(missing)s. Confirm to publish "
                    "the results without these scores."
                )
                % {"count": len(unfinished), "missing": _missing_text(unfinished)}
            }
        )
    _results_write(scheme, freeze=True)
    scheme.state = SchemeState.PUBLISHED
    scheme.published_at = timezone.now()
    scheme.save(update_fields=["state", "published_at"])
    return scheme
