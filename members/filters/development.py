"""The development board's FilterSet, shared by the page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config.forms import SEARCH_MAX_LENGTH, ScopedChoiceSelect
from members.models import DevelopmentRecord, Stage
from members.selectors.development import development_branches_for
from organizations.models import Organization


class DevelopmentRecordFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=SEARCH_MAX_LENGTH)
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), label=_("branch"), widget=ScopedChoiceSelect
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("stage"))

    class Meta:
        model = DevelopmentRecord
        fields = ["q", "organization", "stage"]

    def __init__(self, data=None, queryset=None, *, request=None, branches=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if branches is None:
            user = request.user if request is not None else None
            branches = development_branches_for(user) if user else Organization.objects.none()
        self.filters["organization"].queryset = branches
        self.form.fields["organization"].queryset = branches

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value)) if value else queryset

    def filter_ignoring(self, queryset, *names):
        """``queryset`` narrowed by every filter but ``names`` (the board's counts per stage
        follow the branch chosen, not the stage)."""
        if not self.is_bound or not self.is_valid():
            return queryset
        for name, value in self.form.cleaned_data.items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
