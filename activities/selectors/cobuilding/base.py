"""What the co-building selectors share: a scope's filter and a 404 for a row out of it."""

from django.db.models import Q, QuerySet
from django.http import Http404


def within_scope(qs: QuerySet, q: Q | None) -> QuerySet:
    """The rows a scope's condition keeps; none for a user without a scope (``q`` None)."""
    return qs.filter(q) if q is not None else qs.none()


def get_or_404(qs: QuerySet, pk):
    """The row ``pk`` of the queryset, or 404 (a bad pk included)."""
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
