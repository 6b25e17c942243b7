"""What a reviewer scores on a scheme's sheets: the reviewed indicators assigned to them."""

from django.http import Http404

from assessment.models import Indicator, IndicatorKind, Scheme


def indicators_reviewed_by(user, scheme: Scheme) -> set[int]:
    """The ids of the scheme's reviewed indicators the user is a reviewer of (one query)."""
    return set(
        Indicator.objects.filter(
            scheme=scheme, kind=IndicatorKind.REVIEWED, reviewers=user
        ).values_list("pk", flat=True)
    )


def get_indicator_of_scheme(scheme: Scheme, pk) -> Indicator:
    """An indicator of the scheme, or 404 whether it is missing or another scheme's."""
    try:
        return Indicator.objects.select_related("scheme").get(scheme=scheme, pk=pk)
    except (Indicator.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
