"""The FilterSet of the grid cell list and API: a search and a community among those visible."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grid.models import Community, GridCell


class GridCellFilter(django_filters.FilterSet):
    # config.forms.SEARCH_MAX_LENGTH, written out: grid imports nothing outside itself
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=100)
    community = django_filters.ModelChoiceFilter(
        queryset=Community.objects.none(), label=_("community")
    )

    class Meta:
        model = GridCell
        fields = ["q", "community"]

    def __init__(self, data=None, queryset=None, *, request=None, communities=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if communities is not None:
            self.filters["community"].queryset = communities
            self.form.fields["community"].queryset = communities

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))
