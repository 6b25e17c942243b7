"""FilterSets and query-string filters shared by the apps: ids, years, moments, and the tree's
filter."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import SEARCH_MAX_LENGTH
from organizations.models import AccessEvent, AccessKind, Organization, OrgKind

MAX_ID = 2**63 - 1  # the largest id a column holds (a 64-bit integer)
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years pages and the API may be asked for


class IdFilter(django_filters.NumberFilter):
    """An id in the query string: a whole number a column can hold, or a 400 naming the
    parameter (a number filter would pass 1.5 or 1e300 on to the database)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -MAX_ID)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class _UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment, taken to UTC: Python accepts offsets up to ±24 hours, PostgreSQL
    only to ±15:59, so an odd offset would otherwise reach the database and fail there."""

    def to_python(self, value):
        moment = super().to_python(value)
        return moment.astimezone(datetime.UTC) if moment and moment.tzinfo else moment


class DateTimeFilter(django_filters.IsoDateTimeFilter):
    """A moment in the query string (ISO 8601), or a 400 naming the parameter."""

    field_class = _UtcIsoDateTimeField


class YearFilter(django_filters.NumberFilter):
    """A year in the query string, FIRST_YEAR to LAST_YEAR, or a 400 naming the parameter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("year"))
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


class OrganizationFilter(django_filters.FilterSet):
    """Shared by the tree page and the API. Dissolved organizations are left out unless asked for."""

    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=SEARCH_MAX_LENGTH)
    kind = django_filters.ChoiceFilter(
        choices=OrgKind.choices, label=pgettext_lazy("organization kind", "kind")
    )
    include_dissolved = django_filters.BooleanFilter(
        method="keep_dissolved", label=_("include dissolved")
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "include_dissolved"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def keep_dissolved(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_dissolved"):
            queryset = queryset.filter(dissolved_on__isnull=True)
        return queryset


class AccessEventFilter(django_filters.FilterSet):
    """The access log page's filters: kind, user name, and a range of days."""

    kind = django_filters.ChoiceFilter(
        choices=AccessKind.choices, label=pgettext_lazy("access event", "kind")
    )
    user = django_filters.CharFilter(
        field_name="username", lookup_expr="icontains", label=_("user name"), max_length=150
    )
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("from"))
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("until"))

    class Meta:
        model = AccessEvent
        fields = ["kind", "user", "date_from", "date_to"]
