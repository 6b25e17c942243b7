"""Scores as a user may read them: a secretary their own organization's, street staff every
organization of their street; each with its indicator and who scored it."""

from django.db.models import QuerySet

from assessment.models import Score
from organizations import scoping


def visible_scores_for(user) -> QuerySet:
    """Newest period first, then by organization and in the order of the score sheet."""
    return scoping.scoped(
        user,
        Score.objects.select_related("organization", "indicator", "scored_by"),
        org_field="organization",
    ).order_by(
        "-scheme__starts_on",
        "scheme_id",
        "organization__name",
        "organization_id",
        "indicator__category__order",
        "indicator__category_id",
        "indicator__order",
        "indicator_id",
    )
