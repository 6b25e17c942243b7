"""One FilterSet for the member list page, its export and the API."""

import datetime

import django_filters
from django.db.models import DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grid.models import GridCell
from members import rules
from members.models import (
    DuesRecord,
    EmploymentCategory,
    Member,
    MemberStatus,
    TrainingAttendance,
)
from organizations.models import Organization, Post, Role
from policies.registry import values

CADRE_ROLES = [
    Role.SECRETARY,
    Role.DEPUTY_SECRETARY,
    Role.ORGANIZATION_MEMBER,
    Role.PROPAGANDA_MEMBER,
    Role.DISCIPLINE_MEMBER,
    Role.COMMITTEE_MEMBER,
]


def with_training_hours(queryset, year: int):
    hours = (
        TrainingAttendance.objects.filter(member=OuterRef("pk"), session__held_on__year=year)
        .values("member")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    today = timezone.localdate()
    is_cadre = Post.objects.active(today).filter(user=OuterRef("user_id"), role__in=CADRE_ROLES)
    return queryset.annotate(
        training_hours=Coalesce(
            Subquery(hours, output_field=DecimalField(max_digits=7, decimal_places=1)),
            Value(0, output_field=DecimalField(max_digits=7, decimal_places=1)),
        ),
        is_cadre=Exists(is_cadre),
    )


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
        help_text=_("Name, pinyin initials or the last digits of the ID number"),
    )
    status = django_filters.ChoiceFilter(choices=MemberStatus.choices, label=_("status"))
    employment = django_filters.ChoiceFilter(
        choices=EmploymentCategory.choices, label=_("employment category")
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.none(), label=_("branch")
    )
    grid_cell = django_filters.ModelChoiceFilter(
        queryset=GridCell.objects.none(), label=_("grid cell")
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
        self, data=None, queryset=None, *, request=None, organizations=None, grid_cells=None, **kw
    ):
        super().__init__(data, queryset, request=request, **kw)
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
        figures = values(rules.TRAINING_HOURS_MEMBER, rules.TRAINING_HOURS_CADRE)
        member_hours = figures[rules.TRAINING_HOURS_MEMBER.key]
        cadre_hours = figures[rules.TRAINING_HOURS_CADRE.key]
        qs = with_training_hours(queryset, timezone.localdate().year)
        short = Q(is_cadre=False, training_hours__lt=member_hours) | Q(
            is_cadre=True, training_hours__lt=cadre_hours
        )
        return qs.filter(short) if value else qs.exclude(short)

    def keep(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_left"):
            queryset = queryset.filter(left_on__isnull=True)
        return queryset
