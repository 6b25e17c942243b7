"""Scoping for the API: related fields and filters offer, and accept, only the rows the
user may choose (``scoping.choices_for``), so neither the browsable API's forms nor a
filter's or an input's validation reveal or take a row of another scope."""

from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers

from organizations import scoping


def _user(context):
    request = context.get("request") if context else None
    return getattr(request, "user", None)


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key among the rows the request's user may choose: another scope's id is
    refused like a missing one (400 naming the field); no request, no choice."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = _user(self.context)
        if user is None:
            return queryset.none()
        return scoping.choices_for(user, queryset)


class ScopedFilterBackend(DjangoFilterBackend):
    """django-filter's backend whose model choice filters (those declared and those made
    from ``filterset_fields``) offer only the rows the user may choose."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            scope_filter_choices(filterset, request.user)
        return filterset


def scope_filter_choices(filterset, user) -> None:
    for filter_ in filterset.filters.values():
        if not isinstance(filter_, ModelChoiceFilter | ModelMultipleChoiceFilter):
            continue
        rows = filter_.queryset
        if callable(rows):
            filter_.queryset = lambda request, rows=rows: scoping.choices_for(
                request.user, rows(request)
            )
        elif rows is not None:
            filter_.queryset = scoping.choices_for(user, rows)
