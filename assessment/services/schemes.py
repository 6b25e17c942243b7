"""Setting up a scheme: the checks of its weights, grade bands and metrics, opening it for
scoring, the default grade bands, and copying last period's scheme to the next one."""

import calendar
import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessment.metrics import registry
from assessment.models import (
    Category,
    GradeBand,
    Indicator,
    IndicatorKind,
    PeriodKind,
    Scheme,
    SchemeState,
)
from organizations import scoping

WEIGHTS_TOTAL = Decimal(100)


def weights_check(weights) -> None:
    """The weights of a scheme's indicators add up to exactly 100."""
    total = sum((Decimal(w) for w in weights), Decimal(0))
    if total != WEIGHTS_TOTAL:
        raise ValidationError(
            {
                "weight": _("The weights of the indicators add up to %(total)s, not 100.")
                % {"total": f"{total:.2f}"}
            }
        )


def bands_check(bands) -> None:
    """``bands``: (order, name, min_total) rows. Taken in order, each band's minimum total is
    strictly below the one before, so that a total falls in exactly one band."""
    ordered = sorted(bands, key=lambda band: band[0])
    for (_order, upper, above), (_next, lower, below) in zip(ordered, ordered[1:], strict=False):
        if below >= above:
            raise ValidationError(
                {
                    "min_total": _(
                        "Grade thresholds must go down in order: %(lower)s (%(below)s) comes "
                        "after %(upper)s (%(above)s) but is not lower."
                    )
                    % {"lower": lower, "below": below, "upper": upper, "above": above}
                }
            )


def indicator_check(indicator: Indicator) -> None:
    if indicator.max_score <= 0:
        raise ValidationError(
            {
                "max_score": _("The maximum score of %(indicator)s must be above 0.")
                % {"indicator": indicator.name}
            }
        )
    if indicator.kind == IndicatorKind.COMPUTED:
        if indicator.metric not in dict(registry.choices()):
            raise ValidationError(
                {
                    "metric": _("%(indicator)s names no known metric (%(metric)s).")
                    % {"indicator": indicator.name, "metric": indicator.metric or "-"}
                }
            )
        if indicator.target <= 0:
            raise ValidationError(
                {
                    "target": _("The target of %(indicator)s must be above 0.")
                    % {"indicator": indicator.name}
                }
            )


def scheme_validate(scheme: Scheme) -> None:
    """Raise a ValidationError naming the field when the scheme cannot be scored: weights not
    totalling 100, thresholds out of order, a computed indicator with no registered metric,
    a maximum score of 0 or less."""
    indicators = list(Indicator.objects.filter(scheme=scheme))
    if not indicators:
        raise ValidationError({"weight": _("The scheme has no indicators yet.")})
    weights_check(i.weight for i in indicators)
    for indicator in indicators:
        indicator_check(indicator)
    bands = GradeBand.objects.filter(scheme=scheme)
    if not bands:
        raise ValidationError({"min_total": _("The scheme has no grade bands yet.")})
    bands_check((b.order, b.name, b.min_total) for b in bands)


def _refuse_unless_manager(user, scheme: Scheme) -> None:
    if not scoping.can_manage_organization(user, scheme.organization):
        raise PermissionDenied(_("Only the street that owns a scheme changes it."))


@transaction.atomic
def scheme_open(*, user, scheme: Scheme) -> Scheme:
    """Open a draft scheme for scoring, once it passes scheme_validate."""
    scheme = Scheme.objects.select_for_update().select_related("organization").get(pk=scheme.pk)
    _refuse_unless_manager(user, scheme)
    if scheme.state != SchemeState.DRAFT:
        raise ValidationError(_("Only a draft scheme is opened for scoring."))
    scheme_validate(scheme)
    scheme.state = SchemeState.OPEN
    scheme.save(update_fields=["state"])
    return scheme


def default_bands() -> list[tuple[str, Decimal, Decimal]]:
    """Grade, minimum total and incentive coefficient: the usual four grades."""
    return [
        (pgettext("assessment grade", "excellent"), Decimal(90), Decimal("1.20")),
        (pgettext("assessment grade", "good"), Decimal(80), Decimal("1.10")),
        (pgettext("assessment grade", "fair"), Decimal(60), Decimal("1.00")),
        (pgettext("assessment grade", "poor"), Decimal(0), Decimal("0.80")),
    ]


def grade_bands_default(*, scheme: Scheme) -> list[GradeBand]:
    """Give a scheme with no grade bands the default ones (names in the active language)."""
    if GradeBand.objects.filter(scheme=scheme).exists():
        return []
    return GradeBand.objects.bulk_create(
        GradeBand(scheme=scheme, name=name, min_total=low, incentive=incentive, order=order)
        for order, (name, low, incentive) in enumerate(default_bands(), start=1)
    )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; a month's last day stays the last day (June 30 → December
    31), and a day the target month lacks becomes its last (August 31 → February 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return day.replace(year=year, month=month, day=last)
    return datetime.date(year, month, min(day.day, last))


def _months_of(scheme: Scheme) -> int:
    return 12 if scheme.period_kind == PeriodKind.YEAR else 6


def _next_name(scheme: Scheme, starts_on: datetime.date) -> str:
    old, new = str(scheme.starts_on.year), str(starts_on.year)
    if old != new and old in scheme.name:
        return scheme.name.replace(old, new)
    return f"{scheme.name} ({starts_on:%Y-%m})"


@transaction.atomic
def scheme_copy(*, user, scheme: Scheme, name: str = "") -> Scheme:
    """Copy a scheme to the next period (a year or a half-year later, every date shifted by the
    period's length) as a draft: its categories, indicators with their reviewers, and grade
    bands. Scores and results stay with the old scheme."""
    _refuse_unless_manager(user, scheme)
    months = _months_of(scheme)
    starts_on = _add_months(scheme.starts_on, months)
    copy = Scheme(
        name=name or _next_name(scheme, starts_on),
        organization=scheme.organization,
        level=scheme.level,
        rank_cadres=scheme.rank_cadres,
        period_kind=scheme.period_kind,
        starts_on=starts_on,
        ends_on=_add_months(scheme.ends_on, months),
        scoring_deadline=_add_months(scheme.scoring_deadline, months),
        copied_from=scheme,
    )
    copy.full_clean()
    copy.save()
    categories = {}
    for category in Category.objects.filter(scheme=scheme):
        categories[category.pk] = Category.objects.create(
            scheme=copy, name=category.name, order=category.order
        )
    for indicator in Indicator.objects.filter(scheme=scheme).prefetch_related("reviewers"):
        copied = Indicator.objects.create(
            scheme=copy,
            category=categories[indicator.category_id],
            name=indicator.name,
            kind=indicator.kind,
            metric=indicator.metric,
            weight=indicator.weight,
            max_score=indicator.max_score,
            target=indicator.target,
            order=indicator.order,
        )
        copied.reviewers.set(indicator.reviewers.all())
    GradeBand.objects.bulk_create(
        GradeBand(
            scheme=copy, name=b.name, min_total=b.min_total, incentive=b.incentive, order=b.order
        )
        for b in GradeBand.objects.filter(scheme=scheme)
    )
    return copy
