"""FilterSets of the training API: courses by level and year, class hours by year."""

import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import Member, TrainingCourse, TrainingLevel
from organizations.filters import YearFilter


class TrainingCourseFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=TrainingLevel.choices, label=_("level"))
    year = YearFilter(method="in_year")

    class Meta:
        model = TrainingCourse
        fields = ["level", "year"]

    def in_year(self, queryset, name, value):
        return queryset.filter(starts_on__year__lte=value, ends_on__year__gte=value)


class TrainingHoursFilter(django_filters.FilterSet):
    """``year`` (default: this year), ``short`` (only those below their requirement)."""

    year = YearFilter(method="keep")
    short = django_filters.BooleanFilter(method="keep", label=_("short of their hours"))

    class Meta:
        model = Member
        fields = ["year", "short"]

    def keep(self, queryset, name, value):
        return queryset
