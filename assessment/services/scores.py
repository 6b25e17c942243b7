"""Reviewed scores: a reviewer scores the indicators assigned to them, with a reason, until
the deadline or the publication; after publication only a superuser changes a score, and the
change is recorded with its reason."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessment.models import Indicator, IndicatorKind, Scheme, SchemeState, Score, ScoreChange
from assessment.selectors.schemes import assessed_organizations
from assessment.services.results import results_refreeze
from organizations import scoping
from organizations.models import Organization


def _number(value: Decimal) -> str:
    """40.00 → "40", 12.50 → "12.5"."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value_check(indicator: Indicator, value) -> Decimal:
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({"value": _("Enter a number.")}) from exc
    if not value.is_finite() or value < 0 or value > indicator.max_score:
        raise ValidationError(
            {
                "value": _("The score of %(indicator)s must be between 0 and %(max)s.")
                % {"indicator": indicator.name, "max": _number(indicator.max_score)}
            }
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({"value": _("A score has at most 2 decimals.")})
    return value


def _reason_check(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the score.")})
    return reason


def _refuse_when_locked(scheme: Scheme) -> None:
    if scheme.state == SchemeState.PUBLISHED:
        raise ValidationError(_("The results are published: the score sheets are locked."))
    if scheme.state != SchemeState.OPEN:
        raise ValidationError(_("The scheme is not open for scoring yet."))
    if timezone.localdate() > scheme.scoring_deadline:
        raise ValidationError(
            _("The score sheets locked after the deadline, %(day)s.")
            % {"day": date_format(scheme.scoring_deadline, "Y-m-d")}
        )


def _refuse_unless_reviewer(user, indicator: Indicator, organization: Organization) -> None:
    if not indicator.reviewers.filter(pk=user.pk).exists():
        raise ValidationError(
            {
                "indicator": _("You are not a reviewer of %(indicator)s.")
                % {"indicator": indicator.name}
            }
        )
    organizations = assessed_organizations(indicator.scheme)
    if (
        not scoping.visible_organizations_for(user, organizations)
        .filter(pk=organization.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "organization": _("%(organization)s is not on a sheet you score.")
                % {"organization": organization.name}
            }
        )


@transaction.atomic
def score_record(
    *, user, indicator: Indicator, organization: Organization, value, reason: str
) -> Score:
    """Record (or change) a reviewed score of ``organization`` on ``indicator``."""
    # the scheme's row serializes scoring with publication
    scheme = Scheme.objects.select_for_update().get(pk=indicator.scheme_id)
    indicator.scheme = scheme
    _refuse_when_locked(scheme)
    if indicator.kind != IndicatorKind.REVIEWED:
        raise ValidationError(
            {
                "indicator": _("%(indicator)s is computed from the records.")
                % {"indicator": indicator.name}
            }
        )
    _refuse_unless_reviewer(user, indicator, organization)
    value = _value_check(indicator, value)
    reason = _reason_check(reason)
    score, _created = Score.objects.update_or_create(
        scheme=scheme,
        organization=organization,
        indicator=indicator,
        defaults={
            "value": value,
            "reason": reason,
            "scored_by": user,
            "scored_at": timezone.now(),
        },
    )
    return score


@transaction.atomic
def score_change_after_publication(*, user, score: Score, value, reason: str) -> ScoreChange:
    """A superuser corrects a score of published results: the change is recorded with its
    reason, and the scheme's results (totals, ranks, grades, frozen scores) are recomputed."""
    if not scoping.scope_for(user).is_superuser:
        raise PermissionDenied(_("Only a system administrator changes a published score."))
    scheme = Scheme.objects.select_for_update().get(pk=score.scheme_id)
    if not scheme.is_published:
        raise ValidationError(_("The results are not published: score the sheet instead."))
    score = Score.objects.select_for_update().select_related("indicator").get(pk=score.pk)
    value = _value_check(score.indicator, value)
    reason = _reason_check(reason)
    change = ScoreChange.objects.create(
        score=score, old_value=score.value, new_value=value, reason=reason, changed_by=user
    )
    score.value = value
    score.save(update_fields=["value"])
    results_refreeze(scheme=scheme)
    return change
