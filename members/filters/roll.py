"""One FilterSet for the member list page, its export and the API."""

import datetime

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import SEARCH_MAX_LENGTH, ScopedChoiceSelect
from grid.models import GridCell
from members.models import (
    DuesRecord,
    EmploymentCategory,
    Member,
    MemberStatus,
)
from members.selectors.roll import member_list_grid_cells_for, member_list_organizations_for
from members.selectors.training import with_training
from organizations.models import Organization


def with_arrears(queryset, today: datetime.date | None = None):
    first_of_month = (today or timezone.localdate()).replace(day=1)
    unpaid = DuesRecord.objects.filter(
        member=OuterRef("pk"), month__lt=first_of_month, paid_on__isnull=True
    )
    return queryset.annotate(has_arrears=Exists(unpaid))


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("Name, pinyin initials or the last digits of the ID number"),
    )
    status = django_filters.ChoiceFilter(
        choices=MemberStatus.choices, label=pgettext_lazy("member status", "status")
    )
    employment = django_filters.ChoiceFilter(
        choices=EmploymentCategory.choices, label=_("employment category")
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), label=_("branch"), widget=ScopedChoiceSelect
    )
    grid_cell = django_filters.ModelChoiceFilter(
        queryset=GridCell.objects.none(), label=_("grid cell"), widget=ScopedChoiceSelect
    )
    arrears = django_filters.BooleanFilter(method="filter_arrears", label=_("with dues arrears"))
    training_short = django_filters.BooleanFilter(
        method="filter_training_short", label=_("short of training hours this year")
    )
    include_left = django_filters.BooleanFilter(method="keep", label=_("include members who left"))

    class Meta:
        model = Member
        fields = ["q", "status", "employment", "organization", "grid_cell"]

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        request=None,
        user=None,
        organizations=None,
        grid_cells=None,
        **kw,
    ):
        """``user`` limits the organization and grid cell choices to the user's scope (the
        pages); the API gives neither, as before."""
        super().__init__(data, queryset, request=request, **kw)
        if user is not None:
            organizations = member_list_organizations_for(user)
            grid_cells = member_list_grid_cells_for(user)
        if organizations is not None:
            self.filters["organization"].queryset = organizations
            self.form.fields["organization"].queryset = organizations
        if grid_cells is not None:
            self.filters["grid_cell"].queryset = grid_cells
            self.form.fields["grid_cell"].queryset = grid_cells

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit() or (value[:-1].isdigit() and value[-1] in "xX"):
            if len(value) == 4:
                return queryset.filter(id_last4=value.upper())
            return queryset.filter(id_number__endswith=value.upper())
        if value.isascii() and value.isalpha():
            return queryset.filter(name_initials__startswith=value.lower())
        return queryset.filter(Q(name__contains=value))

    def filter_arrears(self, queryset, name, value):
        if value is None:
            return queryset
        return with_arrears(queryset).filter(has_arrears=value)

    def filter_training_short(self, queryset, name, value):
        if value is None:
            return queryset
        # the same definition of "short" (and of who needs cadre hours) as the hours page
        qs = with_training(queryset, timezone.localdate().year)
        return qs.filter(done__lt=F("required")) if value else qs.filter(done__gte=F("required"))

    def keep(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_left"):
            queryset = queryset.filter(left_on__isnull=True)
        return queryset
