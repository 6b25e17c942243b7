"""The dues record list's FilterSet (API), with the month typed as YYYY-MM."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.dates import parse_month
from members.models import DuesRecord


class MonthField(forms.Field):
    default_error_messages = {"invalid": _("Give a month as YYYY-MM, for example 2025-05.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        try:
            return parse_month(str(value))
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


class MonthFilter(django_filters.Filter):
    field_class = MonthField


class DuesRecordFilter(django_filters.FilterSet):
    member = django_filters.NumberFilter(field_name="member_id", label=_("member"))
    month = MonthFilter(label=_("month"))
    paid = django_filters.BooleanFilter(
        field_name="paid_on", lookup_expr="isnull", exclude=True, label=_("paid")
    )

    class Meta:
        model = DuesRecord
        fields = ["member", "month", "paid"]
