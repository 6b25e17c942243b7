"""The transfer list's FilterSet, shared by the page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import SEARCH_MAX_LENGTH
from members.models import Transfer
from members.models.transfer import OPEN_STATES, TransferState
from organizations.filters import IdFilter


class TransferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        help_text=_("Name or letter number"),
        max_length=SEARCH_MAX_LENGTH,
    )
    state = django_filters.ChoiceFilter(
        choices=[("open", _("in progress")), *TransferState.choices],
        method="filter_state",
        label=pgettext_lazy("transfer state", "state"),
    )
    batch = IdFilter(field_name="batch_id", label=_("group transfer"))

    class Meta:
        model = Transfer
        fields = ["q", "state", "batch"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(member__name__icontains=value)
            | Q(name__icontains=value)
            | Q(member__name_initials__startswith=value.lower())
            | Q(letter_number__icontains=value)
        )

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(state__in=OPEN_STATES)
        return queryset.filter(state=value) if value else queryset
