"""The activity list's filters: one FilterSet for the page and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import Activity, ActivityStatus, ActivityType
from activities.selectors.activities import filter_activities
from config.forms import SEARCH_MAX_LENGTH, ScopedChoiceSelect, style_for_bootstrap
from organizations import scoping
from organizations.models import Organization

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ActivityFilter(django_filters.FilterSet):
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(),
        label=_("organization"),
        method="keep",
        widget=ScopedChoiceSelect,
    )
    activity_type = django_filters.ModelChoiceFilter(
        queryset=ActivityType.objects.all(), label=_("activity type"), method="keep"
    )
    status = django_filters.ChoiceFilter(
        choices=ActivityStatus.choices,
        label=pgettext_lazy("activity status", "status"),
        method="keep",
    )
    date_from = django_filters.DateFilter(label=_("from"), method="keep", widget=DATE)
    date_to = django_filters.DateFilter(label=_("until"), method="keep", widget=DATE)
    q = django_filters.CharFilter(
        label=_("topic or place"), method="keep", max_length=SEARCH_MAX_LENGTH
    )

    class Meta:
        model = Activity
        fields = ["organization", "activity_type", "status", "date_from", "date_to", "q"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        user = user or getattr(self.request, "user", None)
        if user is not None:
            self.filters["organization"].queryset = scoping.visible_organizations_for(
                user
            ).order_by("path")
        style_for_bootstrap(self.form, small=True)

    def keep(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return filter_activities(queryset, **{name: data.get(name) for name in self.Meta.fields})
